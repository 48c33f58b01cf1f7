import { scopesChangedBy } from './cache-group';
import { allEpochKeys, epochKey, generationsKey, groupOfKey, indexKey, isOwnKey, responseKey } from './cache-keys';
import { keySlot } from '../redis/key-slot';

describe('cache keys', () => {
  const hash = 'a'.repeat(40);

  it('puts every key of a user under its hash tag {u:<id>}', () => {
    expect(responseKey(42, 'analytics', hash)).toBe(`{u:42}:analytics:${hash}`);
    expect(generationsKey(42)).toBe('{u:42}:gens');
    expect(indexKey(42, 'habits')).toBe('{u:42}:idx:habits');
  });

  it('puts the epoch the hit script reads in the same hash slot as the user\'s keys', () => {
    for (const userId of [1, 2, 42, 1000, 987654]) {
      const slot = keySlot(generationsKey(userId));
      expect([responseKey(userId, 'records', hash), indexKey(userId, 'records'), epochKey(userId)].map(keySlot)).toEqual([slot, slot, slot]);
    }
    expect(new Set(allEpochKeys().map(keySlot)).size).toBe(16384);
  });

  it('computes Redis Cluster\'s slots (CLUSTER KEYSLOT)', () => {
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('123456789')).toBe(12739);
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
    expect(keySlot('foo{}{bar}')).toBe(keySlot('foo{}{bar}'));
  });

  it('recognises only the keys this application writes', () => {
    expect(isOwnKey(responseKey(7, 'records', hash))).toBe(true);
    expect(isOwnKey(generationsKey(7))).toBe(true);
    expect(isOwnKey(indexKey(7, 'records'))).toBe(true);
    expect(isOwnKey('user:7:gen')).toBe(true);
    expect(isOwnKey(`user:7:records:${hash}`)).toBe(true);
    expect(isOwnKey('cache:epoch')).toBe(true);
    expect(isOwnKey(epochKey(7))).toBe(true);
    expect(isOwnKey('{u:7}:notes')).toBe(false);
    expect(isOwnKey('cache:epochs')).toBe(false);
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
    expect(scopesChangedBy(['records', 'analytics'], [])).toEqual(['analytics', 'records']);
    expect(scopesChangedBy(['categories', 'habits', 'analytics'], [])).toEqual(['analytics', 'categories', 'habits']);
  });

  it('replaces the fragments of the habits a change names, or of every habit when it names none', () => {
    expect(scopesChangedBy(['records', 'analytics'], [4, 9, 4])).toEqual(['analytics', 'records', 'habit:4', 'habit:9']);
    expect(scopesChangedBy(['records', 'analytics'])).toEqual(['analytics', 'records', 'fragments']);
    expect(scopesChangedBy(['categories'], [4])).toEqual(['categories']);
  });

  it('replaces every group and the remembered principals for a profile change', () => {
    expect(scopesChangedBy(['profile'])).toEqual(['analytics', 'categories', 'habits', 'records', 'session', 'fragments']);
  });
});
