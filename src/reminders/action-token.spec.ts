import { actionTokenKey, endOfUserDate, readActionToken, signActionToken } from './action-token';

describe('action tokens', () => {
  const key = actionTokenKey('test-secret-test-secret-test-secret-0123');
  const expiresAt = endOfUserDate({ timezone: 'Europe/Madrid', dayStartHour: 4 }, '2026-03-28');
  const grant = { habitId: 12, date: '2026-03-28', expiresAt };

  it('ends at the next midnight in the zone plus dayStartHour (across a DST change)', () => {
    expect(new Date(expiresAt).toISOString()).toBe('2026-03-29T03:00:00.000Z');
    expect(new Date(endOfUserDate({ timezone: 'America/New_York' }, '2026-03-02')).toISOString()).toBe('2026-03-03T05:00:00.000Z');
  });

  it('reads back its grant until it expires', () => {
    const token = signActionToken(key, grant);
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(readActionToken(key, token, expiresAt - 1)).toEqual(grant);
    expect(readActionToken(key, token, expiresAt)).toBeNull();
  });

  it('refuses an altered token, another key, or garbage', () => {
    const token = signActionToken(key, grant);
    expect(readActionToken(key, token.replace('12.', '13.'), 0)).toBeNull();
    expect(readActionToken(key, token.replace('2026-03-28', '2026-03-29'), 0)).toBeNull();
    expect(readActionToken(actionTokenKey('another-secret-another-secret-0123456'), token, 0)).toBeNull();
    expect(readActionToken(key, 'nonsense', 0)).toBeNull();
  });
});
