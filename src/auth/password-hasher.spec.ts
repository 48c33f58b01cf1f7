import { legacyScryptHash, MAX_CONCURRENT_HASHINGS, PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('writes argon2id at OWASP parameters and verifies it', async () => {
    const stored = await hasher.hash('correct horse battery');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify('correct horse battery', stored)).toBe(true);
    expect(await hasher.verify('wrong horse battery', stored)).toBe(false);
    expect(hasher.needsRehash(stored)).toBe(false);
  });

  it('still verifies the scrypt hashes of v1 and v2, and asks for them to be rehashed', async () => {
    const legacy = await legacyScryptHash('correct horse battery');
    expect(await hasher.verify('correct horse battery', legacy)).toBe(true);
    expect(await hasher.verify('wrong horse battery', legacy)).toBe(false);
    expect(hasher.needsRehash(legacy)).toBe(true);
    expect(hasher.needsRehash('$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
  });

  it('refuses unknown emails and garbage hashes without throwing', async () => {
    expect(await hasher.verify('anything', undefined)).toBe(false);
    for (const garbage of ['', 'plain', 'scrypt$1$1$1$$', '$argon2id$garbage']) expect(await hasher.verify('anything', garbage)).toBe(false);
  });

  it(`runs at most ${MAX_CONCURRENT_HASHINGS} hashings at once, whatever the flood`, async () => {
    const slots = (hasher as unknown as { slots: { active: number } }).slots;
    let highest = 0;
    const watch = setInterval(() => (highest = Math.max(highest, slots.active)), 1);
    await Promise.all(Array.from({ length: 12 }, () => hasher.verify('flood', undefined)));
    clearInterval(watch);
    expect(highest).toBeLessThanOrEqual(MAX_CONCURRENT_HASHINGS);
    expect(slots.active).toBe(0);
  });
});
