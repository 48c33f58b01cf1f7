import { isPersonalTokenSecret, looksLikePersonalToken, newPersonalTokenSecret, personalTokenHash } from './personal-token-secret';

describe('personal token secrets', () => {
  it('are hat_ and 43 base64url characters, different each time', () => {
    const first = newPersonalTokenSecret();
    expect(first).toMatch(/^hat_[A-Za-z0-9_-]{43}$/);
    expect(newPersonalTokenSecret()).not.toBe(first);
    expect(isPersonalTokenSecret(first)).toBe(true);
  });

  it('refuses another prefix, a short or long one, and characters outside base64url', () => {
    const body = 'a'.repeat(43);
    expect(isPersonalTokenSecret(`hat_${body}`)).toBe(true);
    expect(isPersonalTokenSecret(`hut_${body}`)).toBe(false);
    expect(isPersonalTokenSecret(`HAT_${body}`)).toBe(false);
    expect(isPersonalTokenSecret(`hat_${'a'.repeat(42)}`)).toBe(false);
    expect(isPersonalTokenSecret(`hat_${'a'.repeat(129)}`)).toBe(false);
    expect(isPersonalTokenSecret(`hat_${'a'.repeat(42)}.`)).toBe(false);
    expect(looksLikePersonalToken('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
  });

  it('hashes to the hex SHA-256, the same for the same secret', () => {
    const secret = newPersonalTokenSecret();
    expect(personalTokenHash(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(personalTokenHash(secret)).toBe(personalTokenHash(secret));
    expect(personalTokenHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
