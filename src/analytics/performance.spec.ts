import { addDays } from '../common/dates/calendar-date';
import type { HabitSchedule } from '../habits/habit-schedule';
import type { AnalyticsHabit, AnalyticsRecord, DayPerformance, PerformanceReport } from './analytics.types';
import { computePerformance } from './performance';

// June 2025: Mondays are 06-02, 06-09, 06-16, 06-23; 06-07 is a Saturday.

function habit(schedule: HabitSchedule, overrides: Partial<AnalyticsHabit> = {}): AnalyticsHabit {
  return { id: 1, name: 'Habit', schedule, kind: 'boolean', target: 1, targetType: null, startDate: '2025-05-01', position: 0, ...overrides };
}

function done(habitId: number, date: string, value = 1): AnalyticsRecord {
  return { habitId, date, status: 'done', value };
}

function skip(habitId: number, date: string): AnalyticsRecord {
  return { habitId, date, status: 'skipped', value: 1 };
}

function doneEachDay(habitId: number, from: string, to: string): AnalyticsRecord[] {
  const records: AnalyticsRecord[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) records.push(done(habitId, date));
  return records;
}

function dueDates(report: PerformanceReport): string[] {
  return report.days.filter((day) => day.due > 0).map((day) => day.date);
}

function column(report: PerformanceReport, key: 'due' | 'done' | 'skipped' | 'rate'): DayPerformance[typeof key][] {
  return report.days.map((day) => day[key]);
}

describe('computePerformance', () => {
  describe('report shape', () => {
    it('has one entry per date of the range, oldest first, and echoes the range', () => {
      const report = computePerformance([], [], { from: '2025-02-27', to: '2025-03-02' });
      expect(report.from).toBe('2025-02-27');
      expect(report.to).toBe('2025-03-02');
      expect(report.days.map((day) => day.date)).toEqual(['2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02']);
    });

    it('reports due 0 and a null rate when nothing is due', () => {
      const report = computePerformance([], [], { from: '2025-06-02', to: '2025-06-03' });
      expect(report.days).toEqual([
        { date: '2025-06-02', due: 0, done: 0, skipped: 0, rate: null },
        { date: '2025-06-03', due: 0, done: 0, skipped: 0, rate: null },
      ]);
      expect(report.totals).toEqual({ due: 0, done: 0, skipped: 0, rate: null });
    });

    it('handles a one-day range and a 366-day range', () => {
      const h = habit({ type: 'daily' }, { startDate: '2024-01-01' });
      expect(computePerformance([h], [], { from: '2025-06-02', to: '2025-06-02' }).totals.due).toBe(1);
      const year = computePerformance([h], [], { from: '2024-01-01', to: '2024-12-31' });
      expect(year.days).toHaveLength(366);
      expect(year.totals).toEqual({ due: 366, done: 0, skipped: 0, rate: 0 });
    });

    it('throws a RangeError when from is after to or a date is invalid', () => {
      expect(() => computePerformance([], [], { from: '2025-06-03', to: '2025-06-02' })).toThrow(RangeError);
      expect(() => computePerformance([], [], { from: '2025-02-30', to: '2025-03-02' })).toThrow(RangeError);
    });
  });

  describe('day schedules', () => {
    it('counts a daily habit as due every day, done on done records, skipped days not due', () => {
      const records = [done(1, '2025-06-02'), done(1, '2025-06-03'), skip(1, '2025-06-04'), done(1, '2025-06-05')];
      const report = computePerformance([habit({ type: 'daily' })], records, { from: '2025-06-02', to: '2025-06-08' });
      expect(column(report, 'due')).toEqual([1, 1, 0, 1, 1, 1, 1]);
      expect(column(report, 'done')).toEqual([1, 1, 0, 1, 0, 0, 0]);
      expect(column(report, 'skipped')).toEqual([0, 0, 1, 0, 0, 0, 0]);
      expect(column(report, 'rate')).toEqual([1, 1, null, 1, 0, 0, 0]);
      expect(report.totals).toEqual({ due: 6, done: 3, skipped: 1, rate: 0.5 });
    });

    it('makes nothing due before startDate and ignores records dated before it', () => {
      const h = habit({ type: 'daily' }, { startDate: '2025-06-05' });
      const records = [done(1, '2025-06-03'), skip(1, '2025-06-04'), done(1, '2025-06-05')];
      const report = computePerformance([h], records, { from: '2025-06-02', to: '2025-06-08' });
      expect(column(report, 'due')).toEqual([0, 0, 0, 1, 1, 1, 1]);
      expect(column(report, 'done')).toEqual([0, 0, 0, 1, 0, 0, 0]);
      expect(report.totals).toEqual({ due: 4, done: 1, skipped: 0, rate: 0.25 });
    });

    it('is due only on the listed ISO weekdays and ignores a skip on another day', () => {
      const h = habit({ type: 'weekdays', days: [1, 3, 5] });
      const records = [skip(1, '2025-06-03'), done(1, '2025-06-04'), skip(1, '2025-06-06'), done(1, '2025-06-07')];
      const report = computePerformance([h], records, { from: '2025-06-02', to: '2025-06-08' });
      expect(column(report, 'due')).toEqual([1, 0, 1, 0, 0, 0, 0]);
      expect(column(report, 'done')).toEqual([0, 0, 1, 0, 0, 0, 0]);
      expect(column(report, 'skipped')).toEqual([0, 0, 0, 0, 1, 0, 0]);
      expect(report.totals).toEqual({ due: 2, done: 1, skipped: 1, rate: 0.5 });
    });

    it('counts weekday 7 as Sunday', () => {
      const h = habit({ type: 'weekdays', days: [7] });
      const report = computePerformance([h], [], { from: '2025-06-02', to: '2025-06-15' });
      expect(dueDates(report)).toEqual(['2025-06-08', '2025-06-15']);
    });

    it('is due every n days counted from startDate, even when startDate is before the range', () => {
      const h = habit({ type: 'every_n_days', n: 3 }, { startDate: '2025-05-30' });
      const records = [done(1, '2025-06-02'), done(1, '2025-06-03')];
      const report = computePerformance([h], records, { from: '2025-06-01', to: '2025-06-10' });
      expect(dueDates(report)).toEqual(['2025-06-02', '2025-06-05', '2025-06-08']);
      expect(column(report, 'done')).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(report.totals).toEqual({ due: 3, done: 1, skipped: 0, rate: 0.3333 });
    });

    it('counts a numeric habit done only when value reaches the target', () => {
      const h = habit({ type: 'daily' }, { kind: 'numeric', target: 5 });
      const records = [done(1, '2025-06-02', 4), done(1, '2025-06-03', 5), done(1, '2025-06-04', 7)];
      const report = computePerformance([h], records, { from: '2025-06-02', to: '2025-06-04' });
      expect(column(report, 'due')).toEqual([1, 1, 1]);
      expect(column(report, 'done')).toEqual([0, 1, 1]);
      expect(report.totals).toEqual({ due: 3, done: 2, skipped: 0, rate: 0.6667 });
    });

    it('counts a boolean habit done on status done whatever the value', () => {
      const report = computePerformance([habit({ type: 'daily' })], [done(1, '2025-06-02', 0)], {
        from: '2025-06-02',
        to: '2025-06-02',
      });
      expect(report.totals).toEqual({ due: 1, done: 1, skipped: 0, rate: 1 });
    });
  });

  describe('per_week', () => {
    it('counts the first `times` done dates of each week, on their own dates', () => {
      const h = habit({ type: 'per_week', times: 2 });
      const records = [
        done(1, '2025-06-02'),
        done(1, '2025-06-03'),
        done(1, '2025-06-04'),
        skip(1, '2025-06-10'),
        done(1, '2025-06-12'),
      ];
      const report = computePerformance([h], records, { from: '2025-06-02', to: '2025-06-15' });
      expect(column(report, 'due')).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
      expect(column(report, 'done')).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
      expect(column(report, 'skipped')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
      expect(report.totals).toEqual({ due: 3, done: 3, skipped: 1, rate: 1 });
    });

    it('limits the quota to the days of partial weeks at both range edges', () => {
      const h = habit({ type: 'per_week', times: 3 });
      const records = [
        ...doneEachDay(1, '2025-06-05', '2025-06-12'),
        ...doneEachDay(1, '2025-06-16', '2025-06-18'),
      ];
      // Sat 06-07 .. Tue 06-17: 2 days of the first week, a full week, 2 days of the last week.
      const report = computePerformance([h], records, { from: '2025-06-07', to: '2025-06-17' });
      expect(column(report, 'done')).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1]);
      expect(column(report, 'due')).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1]);
      expect(report.totals).toEqual({ due: 7, done: 7, skipped: 0, rate: 1 });
    });

    it('counts only days on or after startDate in the week of startDate', () => {
      const h = habit({ type: 'per_week', times: 3 }, { startDate: '2025-06-05' });
      const records = [done(1, '2025-06-03'), ...doneEachDay(1, '2025-06-05', '2025-06-08')];
      const report = computePerformance([h], records, { from: '2025-06-02', to: '2025-06-08' });
      expect(column(report, 'done')).toEqual([0, 0, 0, 1, 1, 1, 0]);
      expect(report.totals).toEqual({ due: 3, done: 3, skipped: 0, rate: 1 });
    });

    it('adds nothing due in a week whose quota is 0, but still counts its skipped days', () => {
      const h = habit({ type: 'per_week', times: 2 });
      const report = computePerformance([h], [skip(1, '2025-06-07'), skip(1, '2025-06-08')], {
        from: '2025-06-07',
        to: '2025-06-08',
      });
      expect(report.days).toEqual([
        { date: '2025-06-07', due: 0, done: 0, skipped: 1, rate: null },
        { date: '2025-06-08', due: 0, done: 0, skipped: 1, rate: null },
      ]);
      expect(report.totals).toEqual({ due: 0, done: 0, skipped: 2, rate: null });
    });

    it('ignores numeric done records below the target', () => {
      const h = habit({ type: 'per_week', times: 1 }, { kind: 'numeric', target: 3 });
      const records = [done(1, '2025-06-02', 2), done(1, '2025-06-03', 3)];
      const report = computePerformance([h], records, { from: '2025-06-02', to: '2025-06-08' });
      expect(column(report, 'done')).toEqual([0, 1, 0, 0, 0, 0, 0]);
      expect(report.totals).toEqual({ due: 1, done: 1, skipped: 0, rate: 1 });
    });
  });

  describe('totals and filtering', () => {
    it('sums habits per date and computes totals.rate from the summed due and done', () => {
      const habits = [
        habit({ type: 'daily' }, { id: 1 }),
        habit({ type: 'daily' }, { id: 2 }),
        habit({ type: 'weekdays', days: [1] }, { id: 3 }),
      ];
      const records = [done(1, '2025-06-02'), done(1, '2025-06-03'), done(2, '2025-06-03')];
      const report = computePerformance(habits, records, { from: '2025-06-02', to: '2025-06-03' });
      expect(report.days).toEqual([
        { date: '2025-06-02', due: 3, done: 1, skipped: 0, rate: 0.3333 },
        { date: '2025-06-03', due: 2, done: 2, skipped: 0, rate: 1 },
      ]);
      // 3 / 5, not the mean of the daily rates (0.6667).
      expect(report.totals).toEqual({ due: 5, done: 3, skipped: 0, rate: 0.6 });
    });

    it('rounds rates to 4 decimals', () => {
      const habits = [1, 2, 3, 4, 5, 6, 7].map((id) => habit({ type: 'daily' }, { id }));
      const report = computePerformance(habits, [done(1, '2025-06-02'), done(2, '2025-06-02')], {
        from: '2025-06-02',
        to: '2025-06-02',
      });
      expect(report.totals.rate).toBe(0.2857);
    });

    it('ignores records of unknown habits and records after `to`', () => {
      const records = [done(99, '2025-06-02'), skip(99, '2025-06-03'), done(1, '2025-06-04')];
      const report = computePerformance([habit({ type: 'daily' })], records, { from: '2025-06-02', to: '2025-06-03' });
      expect(report.totals).toEqual({ due: 2, done: 0, skipped: 0, rate: 0 });
    });
  });

  it('gives a per_period block its quota on its first done dates', () => {
    const h = habit({ type: 'per_period', times: 1, days: 2 }, { startDate: '2025-06-01' });
    const report = computePerformance([h], [done(1, '2025-06-01'), done(1, '2025-06-02'), done(1, '2025-06-04')], {
      from: '2025-06-01',
      to: '2025-06-04',
    });
    expect(report.days.map((day) => [day.due, day.done])).toEqual([[1, 1], [0, 0], [0, 0], [1, 1]]);
    expect(report.totals).toEqual({ due: 2, done: 2, skipped: 0, rate: 1 });
  });
});
