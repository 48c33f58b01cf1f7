import { todayFor } from './user-today';

describe('todayFor', () => {
  // 2025-03-10 05:59:59 and 06:00:00 in Europe/Paris (UTC+1 in March before the switch).
  const beforeSix = new Date('2025-03-10T04:59:59Z');
  const atSix = new Date('2025-03-10T05:00:00Z');

  it('is the calendar date in the zone when the day starts at midnight', () => {
    expect(todayFor({ timezone: 'Europe/Paris' }, beforeSix)).toBe('2025-03-10');
    expect(todayFor({ timezone: 'Europe/Paris', dayStartHour: 0 }, new Date('2025-03-09T23:00:00Z'))).toBe('2025-03-10');
    expect(todayFor({ timezone: 'Europe/Paris', dayStartHour: 0 }, new Date('2025-03-09T22:59:59Z'))).toBe('2025-03-09');
  });

  it('keeps the previous date until dayStartHour in the zone, then moves on', () => {
    expect(todayFor({ timezone: 'Europe/Paris', dayStartHour: 6 }, beforeSix)).toBe('2025-03-09');
    expect(todayFor({ timezone: 'Europe/Paris', dayStartHour: 6 }, atSix)).toBe('2025-03-10');
  });

  it('counts hours of elapsed time across a daylight-saving change (the instant minus N hours)', () => {
    // Paris moves to UTC+2 at 2025-03-30 01:00Z. 03:59 local on the 30th is 01:59Z; minus 4 h is 21:59Z on the 29th = 22:59 local.
    expect(todayFor({ timezone: 'Europe/Paris', dayStartHour: 4 }, new Date('2025-03-30T01:59:00Z'))).toBe('2025-03-29');
    expect(todayFor({ timezone: 'Europe/Paris', dayStartHour: 4 }, new Date('2025-03-30T02:00:00Z'))).toBe('2025-03-29');
    expect(todayFor({ timezone: 'Europe/Paris', dayStartHour: 4 }, new Date('2025-03-30T03:00:00Z'))).toBe('2025-03-30');
  });

  it('handles zones far from UTC and the latest start hour', () => {
    expect(todayFor({ timezone: 'Pacific/Kiritimati', dayStartHour: 23 }, new Date('2025-01-01T08:59:00Z'))).toBe('2024-12-31');
    expect(todayFor({ timezone: 'Pacific/Kiritimati', dayStartHour: 23 }, new Date('2025-01-01T09:00:00Z'))).toBe('2025-01-01');
  });

  it('without an instant, agrees with the same computation at the current time', () => {
    const owner = { timezone: 'America/New_York', dayStartHour: 5 };
    const before = todayFor(owner, new Date());
    const remembered = todayFor(owner);
    expect([before, todayFor(owner, new Date())]).toContain(remembered);
  });
});
