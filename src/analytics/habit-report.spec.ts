import type { HabitSchedule } from '../habits/habit-schedule';
import type { AnalyticsHabit, AnalyticsRecord } from './analytics.types';
import { computeHabitReport } from './habit-report';
import { scoreSeries } from './score';

// June 2025: 06-02 is a Monday.
function habit(schedule: HabitSchedule, overrides: Partial<AnalyticsHabit> = {}): AnalyticsHabit {
  return { id: 1, name: 'Habit', schedule, kind: 'boolean', target: 1, targetType: null, startDate: '2025-06-02', position: 0, ...overrides };
}

function done(date: string, value = 1): AnalyticsRecord {
  return { habitId: 1, date, status: 'done', value };
}

function skip(date: string): AnalyticsRecord {
  return { habitId: 1, date, status: 'skipped', value: 0 };
}

describe('computeHabitReport', () => {
  it('gives each date its status, value and score, with none before startDate and after today', () => {
    const h = habit({ type: 'daily' }, { kind: 'numeric', target: 2, targetType: 'at_least' });
    const records = [done('2025-06-02', 2), done('2025-06-03', 1), skip('2025-06-04')];
    const report = computeHabitReport(h, records, { from: '2025-06-01', to: '2025-06-08' }, '2025-06-06');
    expect(report.days.map((day) => [day.date, day.status, day.value])).toEqual([
      ['2025-06-01', 'none', null],
      ['2025-06-02', 'done', 2],
      ['2025-06-03', 'partial', 1],
      ['2025-06-04', 'skipped', 0],
      ['2025-06-05', 'missed', null],
      ['2025-06-06', 'pending', null],
      ['2025-06-07', 'none', null],
      ['2025-06-08', 'none', null],
    ]);
    const scores = scoreSeries(h, records, { from: '2025-06-01', to: '2025-06-08' }, '2025-06-06');
    expect(report.days.map((day) => day.score)).toEqual(scores.map((score) => Math.round(score * 10_000) / 10_000));
    expect(report.days[6].score).toBe(report.days[5].score);
    expect(report.score).toBe(report.days[7].score);
    expect(report).toMatchObject({ habitId: 1, due: 6, done: 1, skipped: 1, rate: 0.1667, currentStreak: 0, bestStreak: 1 });
  });

  it('marks quota-schedule days by their records only, and never missed', () => {
    const report = computeHabitReport(habit({ type: 'per_week', times: 2 }), [done('2025-06-03')], { from: '2025-06-02', to: '2025-06-04' }, '2025-06-10');
    expect(report.days.map((day) => day.status)).toEqual(['none', 'done', 'none']);
  });

  it('lists every run whose last done occurrence lies in the range, with its start, end and length', () => {
    const records = ['2025-06-02', '2025-06-03', '2025-06-04', '2025-06-06', '2025-06-07', '2025-06-09', '2025-06-10', '2025-06-11'].map((d) => done(d));
    records.push(skip('2025-06-12'), done('2025-06-13'));
    const report = computeHabitReport(habit({ type: 'daily' }), records, { from: '2025-06-07', to: '2025-06-14' }, '2025-06-14');
    // 06-02..04 ended before the range; 06-06..07 ends inside it; 06-09..13 goes on through the skip of 06-12
    // and today (06-14, not done yet) neither breaks nor extends it.
    expect(report.streaks).toEqual([
      { start: '2025-06-06', end: '2025-06-07', length: 2 },
      { start: '2025-06-09', end: '2025-06-13', length: 4 },
    ]);
    expect(report).toMatchObject({ currentStreak: 4, bestStreak: 4 });
  });

  it('gives a quota run the first counted day of its first period and the last counted day of its last', () => {
    const h = habit({ type: 'per_period', times: 1, days: 3 }, { startDate: '2025-06-01' });
    const records = [done('2025-06-02'), done('2025-06-05'), done('2025-06-08')];
    const report = computeHabitReport(h, records, { from: '2025-06-05', to: '2025-06-08' }, '2025-06-20');
    // Blocks 06-01..03, 06-04..06, 06-07..09 (counted up to `to`, 06-08): three done periods in a row.
    expect(report.streaks).toEqual([{ start: '2025-06-01', end: '2025-06-08', length: 3 }]);
    expect(report).toMatchObject({ due: 2, done: 2, currentStreak: 3, bestStreak: 3 });
  });

  it('starts an at_most habit at score 1 and shows 0 before startDate', () => {
    const h = habit({ type: 'daily' }, { kind: 'numeric', target: 2, targetType: 'at_most' });
    const report = computeHabitReport(h, [], { from: '2025-06-01', to: '2025-06-03' }, '2025-06-03');
    expect(report.days.map((day) => [day.status, day.score])).toEqual([
      ['none', 0],
      ['missed', 1],
      ['pending', 1],
    ]);
  });
});
