import { toEpochDay } from '../common/dates/calendar-date';
import type { HabitSchedule } from '../habits/habit-schedule';
import { FiringRules, nextFiring } from './next-firing';

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const at = (iso: string) => Date.parse(iso);

function rules(overrides: Partial<FiringRules> & { schedule?: HabitSchedule; timezone?: string; dayStartHour?: number } = {}): FiringRules {
  const { schedule, timezone, dayStartHour, ...rest } = overrides;
  return {
    time: '08:00',
    days: ALL_DAYS,
    enabled: true,
    habit: { schedule: schedule ?? { type: 'daily' }, startDate: '2026-01-01', archived: false },
    owner: { timezone: timezone ?? 'UTC', dayStartHour: dayStartHour ?? 0 },
    ...rest,
  };
}

function iso(firing: { at: number; date: string } | null) {
  return firing && { at: new Date(firing.at).toISOString(), date: firing.date };
}

describe('nextFiring', () => {
  describe('Europe/Madrid', () => {
    it('fires a time in the spring-forward gap at the first instant after it (03:00 CEST)', () => {
      const firing = nextFiring(rules({ time: '02:30', timezone: 'Europe/Madrid' }), at('2026-03-28T23:00:00Z'));
      expect(iso(firing)).toEqual({ at: '2026-03-29T01:00:00.000Z', date: '2026-03-29' });
    });

    it('fires a normal time on the spring-forward day at its new offset', () => {
      const firing = nextFiring(rules({ time: '08:00', timezone: 'Europe/Madrid' }), at('2026-03-28T23:00:00Z'));
      expect(iso(firing)).toEqual({ at: '2026-03-29T06:00:00.000Z', date: '2026-03-29' });
    });

    it('fires a doubled time once on the fall-back day, the first time, then the next day', () => {
      const r = rules({ time: '02:30', timezone: 'Europe/Madrid' });
      const first = nextFiring(r, at('2026-10-24T22:00:00Z'));
      expect(iso(first)).toEqual({ at: '2026-10-25T00:30:00.000Z', date: '2026-10-25' });
      expect(iso(nextFiring(r, first!.at + 1))).toEqual({ at: '2026-10-26T01:30:00.000Z', date: '2026-10-26' });
    });
  });

  describe('America/New_York', () => {
    it('spring-forward gap: 02:30 fires at 03:00 EDT', () => {
      const firing = nextFiring(rules({ time: '02:30', timezone: 'America/New_York' }), at('2026-03-08T05:00:00Z'));
      expect(iso(firing)).toEqual({ at: '2026-03-08T07:00:00.000Z', date: '2026-03-08' });
    });

    it('fall-back: 01:30 fires at its first occurrence (EDT) only', () => {
      const r = rules({ time: '01:30', timezone: 'America/New_York' });
      const first = nextFiring(r, at('2026-11-01T04:00:00Z'));
      expect(iso(first)).toEqual({ at: '2026-11-01T05:30:00.000Z', date: '2026-11-01' });
      expect(iso(nextFiring(r, first!.at + 1))).toEqual({ at: '2026-11-02T06:30:00.000Z', date: '2026-11-02' });
    });

    it('a time after the fall-back uses the new offset (EST)', () => {
      const firing = nextFiring(rules({ time: '09:00', timezone: 'America/New_York' }), at('2026-11-01T04:00:00Z'));
      expect(iso(firing)).toEqual({ at: '2026-11-01T14:00:00.000Z', date: '2026-11-01' });
    });
  });

  describe('dayStartHour', () => {
    it('with a day start of 4, a 01:00 reminder is about the day before', () => {
      const firing = nextFiring(rules({ time: '01:00', dayStartHour: 4 }), at('2026-03-02T00:00:00Z'));
      expect(iso(firing)).toEqual({ at: '2026-03-02T01:00:00.000Z', date: '2026-03-01' });
    });

    it('applies `days` to that date: Monday only fires in the night to Tuesday', () => {
      const firing = nextFiring(rules({ time: '01:00', dayStartHour: 4, days: [1] }), at('2026-03-02T00:00:00Z'));
      expect(iso(firing)).toEqual({ at: '2026-03-03T01:00:00.000Z', date: '2026-03-02' });
    });
  });

  describe('schedules', () => {
    const monday = at('2026-03-02T00:00:00Z');

    it('weekdays: the next scheduled weekday', () => {
      expect(nextFiring(rules({ schedule: { type: 'weekdays', days: [3, 5] } }), monday)?.date).toBe('2026-03-04');
    });

    it('every_n_days: counted from startDate', () => {
      const r = rules({ schedule: { type: 'every_n_days', n: 3 } });
      r.habit.startDate = '2026-03-01';
      expect(nextFiring(r, monday)?.date).toBe('2026-03-04');
    });

    it('per_week: today while the quota is not met, next week once it is', () => {
      const schedule: HabitSchedule = { type: 'per_week', times: 2 };
      expect(nextFiring(rules({ schedule }), monday)?.date).toBe('2026-03-02');
      const thisWeek = (day: number) => day <= toEpochDay('2026-03-08');
      expect(nextFiring(rules({ schedule, quotaMet: thisWeek }), monday)?.date).toBe('2026-03-09');
    });

    it('per_period: the next period once this one is met', () => {
      const r = rules({ schedule: { type: 'per_period', times: 1, days: 10 }, quotaMet: (day) => day <= toEpochDay('2026-03-10') });
      r.habit.startDate = '2026-03-01';
      expect(nextFiring(r, monday)?.date).toBe('2026-03-11');
    });

    it('not before startDate', () => {
      const r = rules();
      r.habit.startDate = '2026-04-01';
      expect(iso(nextFiring(r, monday))).toEqual({ at: '2026-04-01T08:00:00.000Z', date: '2026-04-01' });
    });

    it('today when its time has not passed, tomorrow when it has', () => {
      expect(nextFiring(rules(), at('2026-03-02T07:59:00Z'))?.date).toBe('2026-03-02');
      expect(nextFiring(rules(), at('2026-03-02T08:00:01Z'))?.date).toBe('2026-03-03');
    });

    it('after a given date only', () => {
      expect(nextFiring(rules(), at('2026-03-02T07:00:00Z'), '2026-03-02')?.date).toBe('2026-03-03');
    });
  });

  describe('never', () => {
    it('null when disabled, archived, or no weekday of `days` is ever due', () => {
      const monday = at('2026-03-02T00:00:00Z');
      expect(nextFiring(rules({ enabled: false }), monday)).toBeNull();
      const archived = rules();
      archived.habit.archived = true;
      expect(nextFiring(archived, monday)).toBeNull();
      expect(nextFiring(rules({ schedule: { type: 'weekdays', days: [1] }, days: [2] }), monday)).toBeNull();
    });
  });
});
