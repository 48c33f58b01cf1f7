import { addDays } from '../common/dates/calendar-date';
import type { HabitSchedule } from '../habits/habit-schedule';
import type { AnalyticsHabit, AnalyticsRecord, HabitCompliance } from './analytics.types';
import { computeCompliance } from './compliance';
import { computePerformance } from './performance';

// June 2025: Mondays are 06-02, 06-09, 06-16, 06-23, 06-30; 06-07 is a Saturday. May 26th is a Monday.
const LATER = '2025-07-31';

function habit(schedule: HabitSchedule, overrides: Partial<AnalyticsHabit> = {}): AnalyticsHabit {
  return { id: 1, name: 'Habit', schedule, kind: 'boolean', target: 1, targetType: null, startDate: '2025-05-01', position: 0, ...overrides };
}

function done(habitId: number, date: string, value = 1): AnalyticsRecord {
  return { habitId, date, status: 'done', value };
}

function skip(habitId: number, date: string): AnalyticsRecord {
  return { habitId, date, status: 'skipped', value: 1 };
}

function each(from: string, to: string, make: (date: string) => AnalyticsRecord): AnalyticsRecord[] {
  const records: AnalyticsRecord[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) records.push(make(date));
  return records;
}

function doneEachDay(habitId: number, from: string, to: string): AnalyticsRecord[] {
  return each(from, to, (date) => done(habitId, date));
}

/** The single habit's entry. */
function only(h: AnalyticsHabit, records: AnalyticsRecord[], from: string, to: string, today = LATER): HabitCompliance {
  const [entry, ...rest] = computeCompliance([h], records, { from, to }, today).habits;
  if (entry === undefined || rest.length > 0) throw new Error('expected exactly one habit');
  return entry;
}

function counts(entry: HabitCompliance): Omit<HabitCompliance, 'habitId' | 'name' | 'score'> {
  const { due, done: doneCount, skipped, rate, currentStreak, bestStreak } = entry;
  return { due, done: doneCount, skipped, rate, currentStreak, bestStreak };
}

describe('computeCompliance', () => {
  describe('report shape', () => {
    it('lists every habit ordered by position, then id, and echoes the range', () => {
      const habits = [
        habit({ type: 'daily' }, { id: 3, name: 'C', position: 2 }),
        habit({ type: 'daily' }, { id: 2, name: 'B', position: 1 }),
        habit({ type: 'daily' }, { id: 1, name: 'A', position: 2 }),
      ];
      const report = computeCompliance(habits, [], { from: '2025-06-02', to: '2025-06-03' }, LATER);
      expect(report.from).toBe('2025-06-02');
      expect(report.to).toBe('2025-06-03');
      expect(report.habits.map((entry) => [entry.habitId, entry.name])).toEqual([
        [2, 'B'],
        [1, 'A'],
        [3, 'C'],
      ]);
    });

    it('does not reorder the caller’s array', () => {
      const habits = [habit({ type: 'daily' }, { id: 2, position: 1 }), habit({ type: 'daily' }, { id: 1, position: 0 })];
      computeCompliance(habits, [], { from: '2025-06-02', to: '2025-06-03' }, LATER);
      expect(habits.map((h) => h.id)).toEqual([2, 1]);
    });

    it('reports zeros and a null rate for a habit starting after the range', () => {
      const h = habit({ type: 'daily' }, { startDate: '2025-06-10' });
      expect(counts(only(h, [], '2025-06-02', '2025-06-08'))).toEqual({
        due: 0,
        done: 0,
        skipped: 0,
        rate: null,
        currentStreak: 0,
        bestStreak: 0,
      });
    });

    it('throws a RangeError for an invalid range or today', () => {
      expect(() => computeCompliance([], [], { from: '2025-06-03', to: '2025-06-02' }, LATER)).toThrow(RangeError);
      expect(() => computeCompliance([], [], { from: '2025-06-02', to: '2025-06-03' }, '2025-06-31')).toThrow(RangeError);
    });
  });

  describe('day schedules', () => {
    it('counts due, done, skipped and rate, and a skipped day neither breaks nor extends the streak', () => {
      const records = [...doneEachDay(1, '2025-06-02', '2025-06-07'), skip(1, '2025-06-04')];
      expect(counts(only(habit({ type: 'daily' }), records, '2025-06-02', '2025-06-08'))).toEqual({
        due: 6,
        done: 5,
        skipped: 1,
        rate: 0.8333,
        currentStreak: 0,
        bestStreak: 5,
      });
    });

    it('includes the part of a streak that began before `from`', () => {
      const h = habit({ type: 'daily' }, { startDate: '2025-05-20' });
      const entry = only(h, doneEachDay(1, '2025-05-20', '2025-06-10'), '2025-06-01', '2025-06-10');
      expect(counts(entry)).toEqual({ due: 10, done: 10, skipped: 0, rate: 1, currentStreak: 22, bestStreak: 22 });
    });

    it('takes bestStreak only from runs that end inside the range', () => {
      const records = [...doneEachDay(1, '2025-05-01', '2025-05-31'), ...doneEachDay(1, '2025-06-02', '2025-06-05')];
      const entry = only(habit({ type: 'daily' }), records, '2025-06-01', '2025-06-10');
      expect(counts(entry)).toEqual({ due: 10, done: 4, skipped: 0, rate: 0.4, currentStreak: 0, bestStreak: 4 });
    });

    it('counts a run crossing `from` whole in bestStreak', () => {
      const records = [...doneEachDay(1, '2025-05-25', '2025-06-03'), ...doneEachDay(1, '2025-06-06', '2025-06-07')];
      const entry = only(habit({ type: 'daily' }), records, '2025-06-01', '2025-06-10');
      expect(entry.bestStreak).toBe(10);
      expect(entry.currentStreak).toBe(0);
    });

    it('does not break the current streak when today is not done yet', () => {
      const records = doneEachDay(1, '2025-06-01', '2025-06-09');
      const entry = only(habit({ type: 'daily' }), records, '2025-06-01', '2025-06-10', '2025-06-10');
      expect(counts(entry)).toEqual({ due: 10, done: 9, skipped: 0, rate: 0.9, currentStreak: 9, bestStreak: 9 });
    });

    it('extends the current streak once today is done', () => {
      const records = doneEachDay(1, '2025-06-01', '2025-06-10');
      const entry = only(habit({ type: 'daily' }), records, '2025-06-01', '2025-06-10', '2025-06-10');
      expect(entry.currentStreak).toBe(10);
      expect(entry.bestStreak).toBe(10);
    });

    it('still breaks the current streak on a missed yesterday when today is not done yet', () => {
      const records = doneEachDay(1, '2025-06-01', '2025-06-08');
      const entry = only(habit({ type: 'daily' }), records, '2025-06-01', '2025-06-10', '2025-06-10');
      expect(entry.currentStreak).toBe(0);
      expect(entry.bestStreak).toBe(8);
    });

    it('treats dates after today as not done yet: due in the counts, but not breaking the streak', () => {
      const records = doneEachDay(1, '2025-06-01', '2025-06-09');
      const entry = only(habit({ type: 'daily' }), records, '2025-06-01', '2025-06-12', '2025-06-10');
      expect(counts(entry)).toEqual({ due: 12, done: 9, skipped: 0, rate: 0.75, currentStreak: 9, bestStreak: 9 });
    });

    it('ends the current streak at `to`, ignoring records after it', () => {
      const records = [...doneEachDay(1, '2025-06-01', '2025-06-05'), skip(1, '2025-06-06'), done(1, '2025-06-09')];
      const entry = only(habit({ type: 'daily' }), records, '2025-06-01', '2025-06-05');
      expect(counts(entry)).toEqual({ due: 5, done: 5, skipped: 0, rate: 1, currentStreak: 5, bestStreak: 5 });
    });

    it('counts streaks over weekday occurrences only', () => {
      const h = habit({ type: 'weekdays', days: [1, 3, 5] }, { startDate: '2025-06-02' });
      const dates = ['2025-06-02', '2025-06-04', '2025-06-06', '2025-06-09', '2025-06-11', '2025-06-13'];
      const records = dates.map((date) => done(1, date));
      const entry = only(h, [...records, skip(1, '2025-06-10')], '2025-06-02', '2025-06-15');
      expect(counts(entry)).toEqual({ due: 6, done: 6, skipped: 0, rate: 1, currentStreak: 6, bestStreak: 6 });
    });

    it('lets a skipped weekday occurrence neither break nor extend the streak', () => {
      const h = habit({ type: 'weekdays', days: [1, 3, 5] }, { startDate: '2025-06-02' });
      const records = ['2025-06-02', '2025-06-04', '2025-06-09', '2025-06-11', '2025-06-13'].map((date) => done(1, date));
      const entry = only(h, [...records, skip(1, '2025-06-06')], '2025-06-02', '2025-06-15');
      expect(counts(entry)).toEqual({ due: 5, done: 5, skipped: 1, rate: 1, currentStreak: 5, bestStreak: 5 });
    });

    it('counts every_n_days occurrences from startDate and ignores records on other dates', () => {
      const h = habit({ type: 'every_n_days', n: 2 }, { startDate: '2025-06-01' });
      const records = ['2025-06-01', '2025-06-02', '2025-06-03', '2025-06-07', '2025-06-09'].map((date) => done(1, date));
      const entry = only(h, records, '2025-06-01', '2025-06-10');
      expect(counts(entry)).toEqual({ due: 5, done: 4, skipped: 0, rate: 0.8, currentStreak: 2, bestStreak: 2 });
    });

    it('keeps the current streak at the latest due occurrence even when it is before `from`', () => {
      // Due 06-01, 06-11, 06-21: no occurrence in 06-12..06-14, so no run ends inside the range.
      const h = habit({ type: 'every_n_days', n: 10 }, { startDate: '2025-06-01' });
      const entry = only(h, [done(1, '2025-06-01'), done(1, '2025-06-11')], '2025-06-12', '2025-06-14');
      expect(counts(entry)).toEqual({ due: 0, done: 0, skipped: 0, rate: null, currentStreak: 2, bestStreak: 0 });
    });

    it('counts a numeric value below the target as due but not done, breaking the streak', () => {
      const h = habit({ type: 'daily' }, { kind: 'numeric', target: 10 });
      const records = [done(1, '2025-06-01', 12), done(1, '2025-06-02', 10), done(1, '2025-06-03', 9.5)];
      expect(counts(only(h, records, '2025-06-01', '2025-06-03'))).toEqual({
        due: 3,
        done: 2,
        skipped: 0,
        rate: 0.6667,
        currentStreak: 0,
        bestStreak: 2,
      });
    });

    it('ignores a skip on a date that was not due', () => {
      const h = habit({ type: 'weekdays', days: [1] });
      const entry = only(h, [skip(1, '2025-06-03'), done(1, '2025-06-02')], '2025-06-02', '2025-06-08');
      expect(counts(entry)).toEqual({ due: 1, done: 1, skipped: 0, rate: 1, currentStreak: 1, bestStreak: 1 });
    });

    it('ignores records before startDate, even done ones', () => {
      const h = habit({ type: 'daily' }, { startDate: '2025-06-03' });
      const entry = only(h, doneEachDay(1, '2025-06-01', '2025-06-03'), '2025-06-01', '2025-06-03');
      expect(counts(entry)).toEqual({ due: 1, done: 1, skipped: 0, rate: 1, currentStreak: 1, bestStreak: 1 });
    });

    it('follows whole histories from startDate, however long', () => {
      const h = habit({ type: 'daily' }, { startDate: '2022-01-01' });
      const entry = only(h, doneEachDay(1, '2022-01-01', '2025-06-30'), '2025-06-01', '2025-06-30');
      expect(entry.currentStreak).toBe(1277);
      expect(entry.bestStreak).toBe(1277);
    });
  });

  describe('per_week', () => {
    it('counts quota, done and skipped per ISO week', () => {
      const h = habit({ type: 'per_week', times: 3 });
      const records = [
        ...doneEachDay(1, '2025-06-02', '2025-06-05'),
        done(1, '2025-06-09'),
        skip(1, '2025-06-10'),
        skip(1, '2025-06-11'),
      ];
      // Week 1: quota 3, 4 done -> 3. Week 2: quota min(3, 7 - 2) = 3, 1 done.
      expect(counts(only(h, records, '2025-06-02', '2025-06-15'))).toEqual({
        due: 6,
        done: 4,
        skipped: 2,
        rate: 0.6667,
        currentStreak: 0,
        bestStreak: 1,
      });
    });

    it('limits the quota to the range in partial weeks at both edges, but judges streak weeks on all their days', () => {
      const h = habit({ type: 'per_week', times: 3 });
      const records = [
        ...['2025-06-03', '2025-06-05', '2025-06-07'].map((date) => done(1, date)),
        ...doneEachDay(1, '2025-06-09', '2025-06-12'),
        done(1, '2025-06-16'),
        done(1, '2025-06-18'),
      ];
      // Sat 06-07 .. Tue 06-17. Range quotas 2 + 3 + 2; done 1 + 3 + 1.
      // Streak: week of 06-02 has 3 done records (done), week of 06-09 done, week of 06-16 is judged on
      // 06-16..06-17 only: quota min(3, 2) = 2, one done -> missed.
      expect(counts(only(h, records, '2025-06-07', '2025-06-17'))).toEqual({
        due: 7,
        done: 5,
        skipped: 0,
        rate: 0.7143,
        currentStreak: 0,
        bestStreak: 2,
      });
    });

    it('does not break the current streak when the current week is not done yet', () => {
      const h = habit({ type: 'per_week', times: 2 });
      const records = [
        ...doneEachDay(1, '2025-06-02', '2025-06-03'),
        ...doneEachDay(1, '2025-06-09', '2025-06-10'),
        done(1, '2025-06-16'),
      ];
      // Today is Wednesday 06-18: the week of 06-16 is in progress with 1 of 2.
      const entry = only(h, records, '2025-06-02', '2025-06-18', '2025-06-18');
      expect(counts(entry)).toEqual({ due: 6, done: 5, skipped: 0, rate: 0.8333, currentStreak: 2, bestStreak: 2 });
    });

    it('extends the current streak once the current week reaches its quota', () => {
      const h = habit({ type: 'per_week', times: 2 });
      const records = [
        ...doneEachDay(1, '2025-06-02', '2025-06-03'),
        ...doneEachDay(1, '2025-06-09', '2025-06-10'),
        ...doneEachDay(1, '2025-06-16', '2025-06-17'),
      ];
      const entry = only(h, records, '2025-06-02', '2025-06-18', '2025-06-18');
      expect(entry.currentStreak).toBe(3);
      expect(entry.bestStreak).toBe(3);
    });

    it('treats the week of `to` as in progress when it contains today, even if `to` is earlier', () => {
      const h = habit({ type: 'per_week', times: 3 });
      const records = [...doneEachDay(1, '2025-06-09', '2025-06-11'), done(1, '2025-06-16')];
      // to = Tue 06-17, today = Fri 06-20: the week of 06-16 is judged on 2 days, 1 done, but still in progress.
      const entry = only(h, records, '2025-06-09', '2025-06-17', '2025-06-20');
      expect(counts(entry)).toEqual({ due: 5, done: 4, skipped: 0, rate: 0.8, currentStreak: 1, bestStreak: 1 });
    });

    it('counts only the days on or after startDate in the week of startDate', () => {
      const h = habit({ type: 'per_week', times: 3 }, { startDate: '2025-06-07' });
      const records = [done(1, '2025-06-04'), ...doneEachDay(1, '2025-06-07', '2025-06-11')];
      // Week of 06-02: only Sat and Sun count, quota 2, done 2. Week of 06-09: 3 of 3.
      expect(counts(only(h, records, '2025-06-02', '2025-06-15'))).toEqual({
        due: 5,
        done: 5,
        skipped: 0,
        rate: 1,
        currentStreak: 2,
        bestStreak: 2,
      });
    });

    it('lets a week whose quota is 0 neither break nor extend the streak', () => {
      const h = habit({ type: 'per_week', times: 2 });
      const records = [
        ...doneEachDay(1, '2025-06-02', '2025-06-03'),
        ...each('2025-06-09', '2025-06-15', (date) => skip(1, date)),
        ...doneEachDay(1, '2025-06-16', '2025-06-17'),
      ];
      expect(counts(only(h, records, '2025-06-02', '2025-06-22'))).toEqual({
        due: 4,
        done: 4,
        skipped: 7,
        rate: 1,
        currentStreak: 2,
        bestStreak: 2,
      });
    });

    it('gives quota 0 to a start week whose only days are skipped', () => {
      const h = habit({ type: 'per_week', times: 1 }, { startDate: '2025-06-08' });
      const entry = only(h, [skip(1, '2025-06-08'), done(1, '2025-06-09')], '2025-06-02', '2025-06-15');
      expect(counts(entry)).toEqual({ due: 1, done: 1, skipped: 1, rate: 1, currentStreak: 1, bestStreak: 1 });
    });

    it('lowers the quota by the skipped days of the week', () => {
      const h = habit({ type: 'per_week', times: 3 });
      const records = [...each('2025-06-02', '2025-06-06', (date) => skip(1, date)), ...doneEachDay(1, '2025-06-07', '2025-06-08')];
      // quota min(3, 7 - 5) = 2, reached.
      expect(counts(only(h, records, '2025-06-02', '2025-06-08'))).toEqual({
        due: 2,
        done: 2,
        skipped: 5,
        rate: 1,
        currentStreak: 1,
        bestStreak: 1,
      });
    });

    it('includes weeks before `from` in the current streak', () => {
      const h = habit({ type: 'per_week', times: 1 });
      const dates = ['2025-05-05', '2025-05-12', '2025-05-19', '2025-05-26', '2025-06-02', '2025-06-13'];
      const records = dates.map((date) => done(1, date));
      const entry = only(h, records, '2025-06-01', '2025-06-15');
      // The week of 05-26 reaches into the range on Sunday 06-01 only: quota 1 there, and its done record
      // (05-26) is outside the range, so it adds due 1, done 0; for the streak it is a done week, inside the range.
      expect(counts(entry)).toEqual({ due: 3, done: 2, skipped: 0, rate: 0.6667, currentStreak: 6, bestStreak: 6 });
    });

    it('breaks the streak on a past week below its quota, and a numeric record below target does not count', () => {
      const h = habit({ type: 'per_week', times: 1 }, { kind: 'numeric', target: 5 });
      const records = [
        done(1, '2025-06-02', 5),
        done(1, '2025-06-10', 4),
        done(1, '2025-06-16', 6),
        done(1, '2025-06-23', 8),
      ];
      expect(counts(only(h, records, '2025-06-02', '2025-06-29'))).toEqual({
        due: 4,
        done: 3,
        skipped: 0,
        rate: 0.75,
        currentStreak: 2,
        bestStreak: 2,
      });
    });

    it('ignores records after `to` in the week of `to`', () => {
      const h = habit({ type: 'per_week', times: 2 });
      const entry = only(h, [done(1, '2025-06-02'), done(1, '2025-06-05')], '2025-06-02', '2025-06-04');
      expect(counts(entry)).toEqual({ due: 2, done: 1, skipped: 0, rate: 0.5, currentStreak: 0, bestStreak: 0 });
    });
  });

  describe('consistency and speed', () => {
    const habits: AnalyticsHabit[] = [
      habit({ type: 'daily' }, { id: 1, startDate: '2024-06-01' }),
      habit({ type: 'weekdays', days: [1, 2, 5, 6] }, { id: 2, startDate: '2025-01-15' }),
      habit({ type: 'every_n_days', n: 3 }, { id: 3, startDate: '2025-02-02', kind: 'numeric', target: 4 }),
      habit({ type: 'per_week', times: 3 }, { id: 4, startDate: '2024-12-31' }),
    ];
    const records = habits.flatMap((h) =>
      each(h.startDate, '2025-06-30', (date) => {
        const roll = (Number(date.slice(8)) * 7 + Number(date.slice(5, 7)) * 3 + h.id) % 10;
        if (roll < 2) return skip(h.id, date);
        return done(h.id, date, roll < 5 ? 2 : 6);
      }).filter((record) => (Number(record.date.slice(8)) + h.id) % 4 !== 0),
    );

    it('agrees with computePerformance on done and skipped for every habit, and on due for day schedules', () => {
      const range = { from: '2025-03-10', to: '2025-06-20' };
      const report = computeCompliance(habits, records, range, '2025-06-20');
      for (const h of habits) {
        const entry = report.habits.find((item) => item.habitId === h.id);
        const totals = computePerformance([h], records, range).totals;
        expect(entry?.done).toBe(totals.done);
        expect(entry?.skipped).toBe(totals.skipped);
        if (h.schedule.type !== 'per_week') expect(entry?.due).toBe(totals.due);
      }
    });

    it('keeps a streak over a range far in the future: its dates are due, and nothing in between breaks it', () => {
      const daily = habit({ type: 'daily' }, { id: 1, startDate: '2025-06-01' });
      const weekly = habit({ type: 'per_week', times: 2 }, { id: 2, startDate: '2025-06-02' });
      const history = [...doneEachDay(1, '2025-06-01', '2025-06-09'), ...doneEachDay(2, '2025-06-02', '2025-06-03')];
      const report = computeCompliance([daily, weekly], history, { from: '9999-12-01', to: '9999-12-31' }, '2025-06-10');
      expect(report.habits.map(counts)).toEqual([
        { due: 31, done: 0, skipped: 0, rate: 0, currentStreak: 9, bestStreak: 0 },
        { due: 10, done: 0, skipped: 0, rate: 0, currentStreak: 1, bestStreak: 0 },
      ]);
    });

    it('does not walk the days between the last record and a range far in the future', () => {
      const many = Array.from({ length: 500 }, (_, index) => habit({ type: 'daily' }, { id: index + 1, startDate: '2025-06-01' }));
      const history = many.map((h) => done(h.id, '2025-06-02'));
      // Walking every day up to year 9999 takes tens of milliseconds per habit (500 habits would outlast
      // the test timeout); the range alone, microseconds. No timing is asserted here: the bench measures speed.
      const report = computeCompliance(many, history, { from: '9999-01-01', to: '9999-12-31' }, '2025-06-10');
      expect(report.habits).toHaveLength(500);
      expect(report.habits[0]).toMatchObject({ due: 365, done: 0, currentStreak: 0, bestStreak: 0 });
    });
  });

  describe('per_period and at_most', () => {
    it('counts blocks of `days` from startDate as the periods of a per_period habit', () => {
      // Blocks of 3 days from 06-01: 06-01..03, 06-04..06, 06-07..09, 06-10..12.
      const h = habit({ type: 'per_period', times: 2, days: 3 }, { startDate: '2025-06-01' });
      const records = [done(1, '2025-06-01'), done(1, '2025-06-03'), done(1, '2025-06-04'), done(1, '2025-06-05'), done(1, '2025-06-07')];
      // The range 06-02..06-10 touches blocks 1 (2 days: quota 2, done 1), 2 (quota 2, done 2), 3 (quota 2, done 1)
      // and 4 (1 day: quota 1, done 0). Block 3 is below its quota and in the past: the streak breaks.
      expect(counts(only(h, records, '2025-06-02', '2025-06-10'))).toEqual({
        due: 7,
        done: 4,
        skipped: 0,
        rate: 0.5714,
        currentStreak: 0,
        bestStreak: 2,
      });
    });

    it('counts an at_most record as done when its value does not exceed the target', () => {
      const h = habit({ type: 'daily' }, { kind: 'numeric', target: 2, targetType: 'at_most', startDate: '2025-06-01' });
      const records = [done(1, '2025-06-01', 0), done(1, '2025-06-02', 2), done(1, '2025-06-03', 3), done(1, '2025-06-04', 1)];
      expect(counts(only(h, records, '2025-06-01', '2025-06-04'))).toEqual({
        due: 4,
        done: 3,
        skipped: 0,
        rate: 0.75,
        currentStreak: 1,
        bestStreak: 2,
      });
    });
  });
});
