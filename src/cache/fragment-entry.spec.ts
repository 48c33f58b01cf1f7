import { decodeFragment, encodeFragment, fragmentHash } from './fragment-entry';

describe('analytics fragment entries', () => {
  const user = { id: 7, timezone: 'Europe/Paris', dayStartHour: 0 };
  const query = { report: 'compliance', params: ['2026-01-01', '2026-01-30'], today: '2026-01-30' };
  const subject = { habitId: 3, version: '["Run"]' };

  it('gives another key for anything the part depends on', () => {
    const base = fragmentHash(user, query, subject);
    const variants = [
      fragmentHash({ ...user, timezone: 'UTC' }, query, subject),
      fragmentHash({ ...user, dayStartHour: 4 }, query, subject),
      fragmentHash(user, { ...query, today: '2026-01-31' }, subject),
      fragmentHash(user, { ...query, report: 'performance' }, subject),
      fragmentHash(user, { ...query, params: ['2026-01-02', '2026-01-30'] }, subject),
      fragmentHash(user, query, { ...subject, habitId: 4 }),
      fragmentHash(user, query, { ...subject, version: '["Walk"]' }),
    ];
    expect(new Set([base, ...variants]).size).toBe(8);
    expect(fragmentHash(user, query, subject)).toBe(base);
  });

  it('serves a part only under the token it was stored with', () => {
    const raw = encodeFragment('e1.f1.h1', '{"a":1}\nsecond line');
    expect(decodeFragment(raw, 'e1.f1.h1')).toBe('{"a":1}\nsecond line');
    expect(decodeFragment(raw, 'e1.f1.h2')).toBeNull();
    expect(decodeFragment('no token line', 'e1.f1.h1')).toBeNull();
  });
});
