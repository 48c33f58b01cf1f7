import fc from 'fast-check';
import { addDays } from '../common/dates/calendar-date';
import type { HabitSchedule } from '../habits/habit-schedule';
import { type ScoreHabit, type ScoreRecord, scoreSeries } from './score';

const TODAY = '2025-06-30';
const START = addDays(TODAY, -40);

/** Any positive double, the extremes (MAX_VALUE, MIN_VALUE) included. */
const positive = fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true });
const extremes = fc.oneof(positive, fc.constantFrom(Number.MAX_VALUE, 1.7e308, 1e308, Number.MIN_VALUE, 1e-300, 1));
const schedule: fc.Arbitrary<HabitSchedule> = fc.oneof(
  fc.constant({ type: 'daily' } as const),
  fc.integer({ min: 1, max: 7 }).map((times) => ({ type: 'per_week', times }) as const),
  fc.integer({ min: 2, max: 30 }).chain((days) => fc.integer({ min: 1, max: days }).map((times) => ({ type: 'per_period', times, days }) as const)),
);
const records = fc.array(
  fc.record({ offset: fc.integer({ min: 0, max: 40 }), status: fc.constantFrom('done' as const, 'skipped' as const), value: extremes }),
  { maxLength: 40 },
);

describe('score with extreme numeric values', () => {
  it('stays a number in 0..1 whatever the target and the values (no overflow to Infinity or NaN)', () => {
    fc.assert(
      fc.property(extremes, fc.constantFrom('at_least' as const, 'at_most' as const), schedule, records, (target, targetType, sched, items) => {
        const habit: ScoreHabit = { schedule: sched, kind: 'numeric', target, targetType, startDate: START };
        const given: ScoreRecord[] = items.map((item) => ({ date: addDays(START, item.offset), status: item.status, value: item.value }));
        for (const score of scoreSeries(habit, given, { from: START, to: TODAY }, TODAY)) {
          expect(Number.isFinite(score)).toBe(true);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('scores target 1e308 with daily values 1.7e308 as fully done (the probe: it answered null)', () => {
    const habit: ScoreHabit = { schedule: { type: 'daily' }, kind: 'numeric', target: 1e308, targetType: 'at_least', startDate: START };
    const daily: ScoreRecord[] = Array.from({ length: 41 }, (_, i) => ({ date: addDays(START, i), status: 'done', value: 1.7e308 }));
    const plain: ScoreHabit = { ...habit, target: 1 };
    const ones = daily.map((record) => ({ ...record, value: 1.7 }));
    const series = scoreSeries(habit, daily, { from: TODAY, to: TODAY }, TODAY);
    expect(series[0]).toBeCloseTo(scoreSeries(plain, ones, { from: TODAY, to: TODAY }, TODAY)[0], 12);
    const atMost = scoreSeries({ ...habit, schedule: { type: 'per_week', times: 3 }, targetType: 'at_most' }, daily, { from: TODAY, to: TODAY }, TODAY);
    expect(atMost[0]).toBeGreaterThanOrEqual(0);
  });
});
