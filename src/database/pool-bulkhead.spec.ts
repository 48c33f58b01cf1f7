import { generalShare } from './pool-bulkhead';

describe('generalShare', () => {
  it('keeps a quarter of the pool (at least one connection) for auth routes', () => {
    expect(generalShare(10)).toBe(8);
    expect(generalShare(20)).toBe(15);
    expect(generalShare(4)).toBe(3);
    expect(generalShare(2)).toBe(1);
  });
});
