import { scopesChangedBy } from './cache-group';
import { EPOCH_KEY, generationsKey, groupOfKey, indexKey, isOwnKey, responseKey } from './cache-keys';

describe('cache keys', () => {
  const hash = 'a'.repeat(40);

  it('puts every key of a user under user:<id>:', () => {
    expect(responseKey(42, 'analytics', hash)).toBe(`user:42:analytics:${hash}`);
    expect(generationsKey(42)).toBe('user:42:gens');
    expect(indexKey(42, 'habits')).toBe('user:42:idx:habits');
  });

  it('recognises only the keys this application writes', () => {
    expect(isOwnKey(responseKey(7, 'records', hash))).toBe(true);
    expect(isOwnKey(generationsKey(7))).toBe(true);
    expect(isOwnKey(indexKey(7, 'records'))).toBe(true);
    expect(isOwnKey('user:7:gen')).toBe(true);
    expect(isOwnKey(EPOCH_KEY)).toBe(true);
    expect(isOwnKey('user:abc:profile')).toBe(false);
    expect(isOwnKey('user:7:session')).toBe(false);
    expect(isOwnKey('user:7:idx:profile')).toBe(false);
    expect(isOwnKey(`user:7:analytics:${hash}:extra`)).toBe(false);
    expect(isOwnKey('other:thing')).toBe(false);
  });

  it('reads the group back from a response key', () => {
    expect(groupOfKey(responseKey(7, 'categories', hash))).toBe('categories');
    expect(groupOfKey(generationsKey(7))).toBeNull();
  });
});

describe('scopes a change replaces', () => {
  it('replaces only the groups of the same name for data changes', () => {
    expect(scopesChangedBy(['records', 'analytics'])).toEqual(['analytics', 'records']);
    expect(scopesChangedBy(['categories', 'habits', 'analytics'])).toEqual(['analytics', 'categories', 'habits']);
  });

  it('replaces every group and the remembered principals for a profile change', () => {
    expect(scopesChangedBy(['profile'])).toEqual(['analytics', 'categories', 'habits', 'records', 'session']);
  });
});
