import { isUserId, MAX_USER_ID } from './access-token.service';

describe('isUserId', () => {
  it('takes positive integers the id column can hold', () => {
    expect(isUserId('1')).toBe(true);
    expect(isUserId(String(MAX_USER_ID))).toBe(true);
  });

  it('refuses anything out of range or not a plain positive integer', () => {
    for (const sub of [String(MAX_USER_ID + 1), '99999999999999999999', '0', '-1', '01', '1e3', '1.5', '']) {
      expect(isUserId(sub)).toBe(false);
    }
  });
});
