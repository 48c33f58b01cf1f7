import { decodeFeedMessage, encodeFeedMessage, FeedMessage, feedChannel } from './feed-message';

describe('feed messages between instances', () => {
  it('round-trips a change, a sessions and a resync message', () => {
    const change: FeedMessage = { kind: 'change', userId: 7, groups: ['records', 'analytics'], at: '2026-01-01T00:00:00.000Z', origin: 'a' };
    const sessions: FeedMessage = { kind: 'sessions', userId: 7, origin: 'b' };
    const resync: FeedMessage = { kind: 'resync', origin: 'c' };
    expect(decodeFeedMessage(encodeFeedMessage(resync))).toEqual(resync);
    expect(decodeFeedMessage(encodeFeedMessage(change))).toEqual(change);
    expect(decodeFeedMessage(encodeFeedMessage(sessions))).toEqual(sessions);
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['no user', '{"kind":"sessions","origin":"a"}'],
    ['a string user id', '{"kind":"sessions","userId":"7","origin":"a"}'],
    ['an unknown kind', '{"kind":"other","userId":7,"origin":"a"}'],
    ['an unknown group', '{"kind":"change","userId":7,"groups":["secrets"],"at":"x","origin":"a"}'],
    ['no groups', '{"kind":"change","userId":7,"groups":[],"at":"x","origin":"a"}'],
  ])('ignores %s', (_name, raw) => {
    expect(decodeFeedMessage(raw)).toBeNull();
  });
});

describe('feed channel', () => {
  it('names the Redis database, which pub/sub itself ignores', () => {
    expect(feedChannel('redis://127.0.0.1:6379')).toBe('events:feed:0');
    expect(feedChannel('redis://:secret@redis:6379/3')).toBe('events:feed:3');
    expect(feedChannel('rediss://user:pass@host:6380/12')).toBe('events:feed:12');
  });
});
