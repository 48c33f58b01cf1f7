import { addDays } from '../common/dates/calendar-date';
import type { HabitSchedule } from '../habits/habit-schedule';
import { roundScore, type ScoreHabit, type ScoreRecord, scoreRule, scoreSeries } from './score';

// Loop Habit Tracker's published vectors (uhabits-core ScoreListTest), written as API.md's rules.
const TODAY = '2025-06-30';
const E = 1e-6;

function ago(days: number): string {
  return addDays(TODAY, -days);
}

function booleanHabit(startDate: string, schedule: HabitSchedule = { type: 'daily' }): ScoreHabit {
  return { schedule, kind: 'boolean', target: 1, targetType: null, startDate };
}

function numericHabit(startDate: string, target: number, targetType: 'at_least' | 'at_most'): ScoreHabit {
  return { schedule: { type: 'daily' }, kind: 'numeric', target, targetType, startDate };
}

function done(date: string, value = 1): ScoreRecord {
  return { date, status: 'done', value };
}

function skipped(date: string): ScoreRecord {
  return { date, status: 'skipped', value: 0 };
}

/** Records for the days `fromAgo` (inclusive) down to `toAgo` (exclusive) before today, like Loop's check(from, to). */
function daysAgo(fromAgo: number, toAgo: number, make: (date: string) => ScoreRecord): ScoreRecord[] {
  const records: ScoreRecord[] = [];
  for (let i = fromAgo; i < toAgo; i++) records.push(make(ago(i)));
  return records;
}

/** Scores from today backwards, `count` dates, as Loop's checkScoreValues reads them. */
function newestFirst(habit: ScoreHabit, records: ScoreRecord[], count: number): number[] {
  return scoreSeries(habit, records, { from: ago(count - 1), to: TODAY }, TODAY).reverse();
}

function expectCloseTo(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, index) => expect(Math.abs(value - expected[index])).toBeLessThanOrEqual(E));
}

const TWENTY_DAYS = [
  0.655747, 0.636894, 0.617008, 0.596033, 0.57391, 0.550574, 0.525961, 0.5, 0.472617, 0.443734, 0.41327, 0.381137,
  0.347244, 0.311495, 0.273788, 0.234017, 0.192067, 0.14782, 0.101149, 0.051922, 0, 0, 0,
];

describe('scoreSeries (Loop Habit Tracker vectors)', () => {
  it('gives 0.655747 today and 0.051922 on the first day for 20 daily check-ins, and 0 before startDate', () => {
    const habit = booleanHabit(ago(19));
    expectCloseTo(newestFirst(habit, daysAgo(0, 20, done), 23), TWENTY_DAYS);
  });

  it('freezes the score on skipped days', () => {
    const records = daysAgo(0, 20, (date) => ([5, 10, 11].map(ago).includes(date) ? skipped(date) : done(date)));
    const expected = [
      0.596033, 0.57391, 0.550574, 0.525961, 0.5, 0.472617, 0.472617, 0.443734, 0.41327, 0.381137, 0.347244, 0.347244,
      0.347244, 0.311495, 0.273788, 0.234017, 0.192067, 0.14782, 0.101149, 0.051922, 0, 0, 0,
    ];
    expectCloseTo(newestFirst(booleanHabit(ago(19)), records, 23), expected);
  });

  it('decays after the last check-in, frozen across a skip', () => {
    const expected = [0.041949, 0.044247, 0.04667, 0.049226, 0.051922, 0.051922, 0];
    expectCloseTo(newestFirst(booleanHabit(ago(5)), [done(ago(5)), skipped(ago(4))], 7), expected);
  });

  it('converges to 2/3 for 3 times a week done twice every week, and to 1/2 for 4 times a week', () => {
    const start = ago(699);
    const records = daysAgo(0, 700, done).filter((_, i) => i % 7 < 2);
    const [three] = newestFirst(booleanHabit(start, { type: 'per_week', times: 3 }), records, 1);
    expect(Math.abs(three - 2 / 3)).toBeLessThanOrEqual(E);
    const [four] = newestFirst(booleanHabit(start, { type: 'per_week', times: 4 }), records, 1);
    expect(Math.abs(four - 0.5)).toBeLessThanOrEqual(E);
  });

  it('doubles N and D for a boolean habit every other day (1/2 → 2/4)', () => {
    const records = daysAgo(0, 2, done);
    expectCloseTo(newestFirst(booleanHabit(ago(1)), records, 1), [0.101149]);
    expectCloseTo(newestFirst(booleanHabit(ago(1), { type: 'every_n_days', n: 2 }), records, 1), [0.054816]);
    expectCloseTo(newestFirst(booleanHabit(ago(1), { type: 'per_period', times: 1, days: 2 }), records, 1), [0.054816]);
  });

  it('reaches 99 % within 3 months daily and 9 months weekly', () => {
    expect(newestFirst(booleanHabit(ago(89)), daysAgo(0, 90, done), 1)[0]).toBeGreaterThan(0.99);
    const weekly = daysAgo(0, 39 * 7, done).filter((_, i) => i % 7 === 0);
    expect(newestFirst(booleanHabit(ago(38 * 7), { type: 'per_week', times: 1 }), weekly, 1)[0]).toBeGreaterThan(0.99);
  });

  describe('numeric at_least', () => {
    it('follows the boolean vector when every value meets the target', () => {
      expectCloseTo(newestFirst(numericHabit(ago(19), 2, 'at_least'), daysAgo(0, 20, (d) => done(d, 2)), 23), TWENTY_DAYS);
    });

    it('never doubles N and D: 2 days on a 1-in-2 schedule give 0.072631', () => {
      const habit = { ...numericHabit(ago(1), 2, 'at_least'), schedule: { type: 'every_n_days', n: 2 } as HabitSchedule };
      expectCloseTo(newestFirst(habit, daysAgo(0, 2, (d) => done(d, 2)), 1), [0.072631]);
    });

    it('converges to the share of the target reached, and overachieving adds nothing', () => {
      expectCloseTo(newestFirst(numericHabit(ago(499), 2, 'at_least'), daysAgo(0, 500, (d) => done(d, 1)), 1), [0.5]);
      expectCloseTo(newestFirst(numericHabit(TODAY, 2, 'at_least'), [done(TODAY, 10_000)], 1), [0.051922]);
    });

    it('freezes on skips', () => {
      const records = daysAgo(0, 20, (d) => (d === ago(10) || d === ago(15) ? skipped(d) : done(d, 2)));
      const expected = [
        0.617008, 0.596033, 0.57391, 0.550574, 0.525961, 0.5, 0.472617, 0.443734, 0.41327, 0.381137, 0.347244,
        0.347244, 0.311495, 0.273788, 0.234017, 0.192067, 0.192067, 0.14782, 0.101149, 0.051922, 0, 0, 0,
      ];
      expectCloseTo(newestFirst(numericHabit(ago(19), 2, 'at_least'), records, 23), expected);
    });
  });

  describe('numeric at_most', () => {
    it('starts from 1: target 2 with a 1.0 then twenty 5.0 gives 0.344253', () => {
      const records = [done(ago(20), 1), ...daysAgo(0, 20, (d) => done(d, 5))];
      const expected = [
        0.344253, 0.363106, 0.382992, 0.403967, 0.42609, 0.449426, 0.474039, 0.5, 0.527383, 0.556266, 0.58673,
        0.618863, 0.652756, 0.688505, 0.726212, 0.765983, 0.807933, 0.85218, 0.898851, 0.948078, 1, 0, 0,
      ];
      expectCloseTo(newestFirst(numericHabit(ago(20), 2, 'at_most'), records, 23), expected);
    });

    it('gives 1 with no record, and 0.898850 after two days over', () => {
      expectCloseTo(newestFirst(numericHabit(ago(1), 2, 'at_most'), [], 1), [1]);
      expectCloseTo(newestFirst(numericHabit(ago(1), 2, 'at_most'), daysAgo(0, 2, (d) => done(d, 5)), 1), [0.89885]);
      const habit = { ...numericHabit(ago(1), 2, 'at_most'), schedule: { type: 'every_n_days', n: 2 } as HabitSchedule };
      expectCloseTo(newestFirst(habit, daysAgo(0, 2, (d) => done(d, 5)), 1), [0.927369]);
    });

    it('converges to the share under the target, and far over the target counts as 0, never below', () => {
      expectCloseTo(newestFirst(numericHabit(ago(499), 2, 'at_most'), daysAgo(0, 500, (d) => done(d, 3)), 1), [0.5]);
      expectCloseTo(newestFirst(numericHabit(ago(1), 2, 'at_most'), [done(ago(1), 10_000)], 1), [0.950773]);
      expectCloseTo(newestFirst(numericHabit(ago(1), 2, 'at_most'), [done(ago(1), 0), done(TODAY, 5)], 1), [0.948077]);
    });
  });

  describe('beyond the vectors', () => {
    it('keeps today’s score after today', () => {
      const series = scoreSeries(booleanHabit(ago(1)), daysAgo(0, 2, done), { from: ago(0), to: addDays(TODAY, 3) }, TODAY);
      expect(new Set(series).size).toBe(1);
      expectCloseTo(series.slice(0, 1), [0.101149]);
    });

    it('ignores records before startDate and after today', () => {
      const records = [done(ago(5)), done(ago(0)), done(addDays(TODAY, 1))];
      const series = scoreSeries(booleanHabit(ago(0)), records, { from: ago(0), to: addDays(TODAY, 1) }, TODAY);
      expectCloseTo(series, [0.051922, 0.051922]);
    });

    it('derives f from the schedule: weekdays k/7 (all seven count as daily) and per_period times/days', () => {
      expect(scoreRule(booleanHabit(TODAY, { type: 'weekdays', days: [1, 2, 3, 4, 5, 6, 7] }))).toMatchObject({ times: 1, days: 1 });
      expect(scoreRule(booleanHabit(TODAY, { type: 'weekdays', days: [1, 3, 5] }))).toMatchObject({ times: 6, days: 14 });
      expect(scoreRule(booleanHabit(TODAY, { type: 'per_period', times: 3, days: 10 }))).toMatchObject({ times: 6, days: 20 });
      expect(scoreRule(booleanHabit(TODAY, { type: 'per_period', times: 10, days: 10 }))).toMatchObject({ times: 10, days: 10 });
      expect(scoreRule({ ...numericHabit(TODAY, 3, 'at_least'), schedule: { type: 'per_week', times: 2 } })).toMatchObject({
        times: 2,
        days: 7,
        total: 6,
      });
    });

    it('rounds to 4 decimals only in the answer', () => {
      expect(roundScore(0.655747)).toBe(0.6557);
      expect(roundScore(0.34425)).toBe(0.3443);
    });
  });
});
