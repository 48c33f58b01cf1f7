import { EPOCH_KEY, generationKey, indexKey, isOwnKey, responseKey } from './cache-keys';

describe('cache keys', () => {
  const hash = 'a'.repeat(40);

  it('puts every key of a user under user:<id>:', () => {
    expect(responseKey(42, 'analytics', hash)).toBe(`user:42:analytics:${hash}`);
    expect(generationKey(42)).toBe('user:42:gen');
    expect(indexKey(42)).toBe('user:42:idx');
  });

  it('recognises only the keys this application writes', () => {
    expect(isOwnKey(responseKey(7, 'records', hash))).toBe(true);
    expect(isOwnKey(generationKey(7))).toBe(true);
    expect(isOwnKey(EPOCH_KEY)).toBe(true);
    expect(isOwnKey('user:abc:profile')).toBe(false);
    expect(isOwnKey('user:7:session')).toBe(false);
    expect(isOwnKey(`user:7:analytics:${hash}:extra`)).toBe(false);
    expect(isOwnKey('other:thing')).toBe(false);
  });
});
