import { fromEpochDay, toEpochDay } from '../common/dates/calendar-date';
import type { HabitSchedule } from '../habits/habit-schedule';
import type { AnalyticsHabit, AnalyticsRecord, DateRange } from './analytics.types';
import { walkCompliance } from './compliance';
import { walkHabitReport } from './habit-report';
import type { WalkCheckpoint } from './habit-walk';
import { scoreRule } from './score';

/*
 * Property: resuming from any checkpoint a walk produced (for any other range and today), with only the
 * records from the score window before it on, gives exactly the answers of the full walk from startDate.
 */

const CASES = 3000;
const BASE = toEpochDay('2024-01-01');

/** mulberry32: a small seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = () => number;

function int(rand: Random, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

function pick<T>(rand: Random, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function randomSchedule(rand: Random): HabitSchedule {
  switch (int(rand, 0, 4)) {
    case 0:
      return { type: 'daily' };
    case 1: {
      const days = [1, 2, 3, 4, 5, 6, 7].filter(() => rand() < 0.5);
      return { type: 'weekdays', days: days.length > 0 ? days : [int(rand, 1, 7)] };
    }
    case 2:
      return { type: 'every_n_days', n: pick(rand, [2, 3, 5, 14, 90, 365]) };
    case 3:
      return { type: 'per_week', times: int(rand, 1, 7) };
    default: {
      const days = pick(rand, [2, 3, 10, 30, 45, 365]);
      return { type: 'per_period', times: int(rand, 1, Math.min(days, 12)), days };
    }
  }
}

function randomHabit(rand: Random): AnalyticsHabit {
  const numeric = rand() < 0.4;
  return {
    id: 1,
    name: 'Habit',
    schedule: randomSchedule(rand),
    kind: numeric ? 'numeric' : 'boolean',
    target: numeric ? pick(rand, [1, 2, 2.5, 5]) : 1,
    targetType: numeric ? pick(rand, ['at_least', 'at_most'] as const) : null,
    startDate: fromEpochDay(BASE + int(rand, 0, 60)),
    position: 0,
  };
}

/** Records of varying density from a little before startDate to a little after the last today asked. */
function randomRecords(rand: Random, habit: AnalyticsHabit, lastDay: number): AnalyticsRecord[] {
  const density = pick(rand, [0.05, 0.3, 0.7, 0.95]);
  const skipShare = pick(rand, [0, 0.1, 0.3]);
  const records: AnalyticsRecord[] = [];
  for (let day = toEpochDay(habit.startDate) - 5; day <= lastDay; day++) {
    if (rand() >= density) continue;
    const status = rand() < skipShare ? 'skipped' : 'done';
    const value = habit.kind === 'numeric' ? pick(rand, [0, 0.5, 1, 2, 3, 5, 8]) : 1;
    records.push({ habitId: 1, date: fromEpochDay(day), status, value });
  }
  return records;
}

interface Query {
  range: DateRange;
  today: string;
}

function randomQuery(rand: Random, habit: AnalyticsHabit, history: number): Query {
  const start = toEpochDay(habit.startDate);
  const today = start + int(rand, -5, history);
  const to = rand() < 0.1 ? today + int(rand, 0, 400) : today + int(rand, -40, 5);
  const from = to - int(rand, 0, pick(rand, [6, 29, 120, 365]));
  return { range: { from: fromEpochDay(from), to: fromEpochDay(to) }, today: fromEpochDay(today) };
}

/** The records a bounded read would fetch: from the score window before the checkpoint on. */
function recordsAfter(records: AnalyticsRecord[], habit: AnalyticsHabit, checkpoint: WalkCheckpoint): AnalyticsRecord[] {
  const since = fromEpochDay(checkpoint.day + 1 - scoreRule(habit).days);
  return records.filter((record) => record.date >= since);
}

describe('bounded history walk (property)', () => {
  it(`gives the full walk's answers from any earlier checkpoint, on ${CASES} random cases`, () => {
    let resumed = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const rand = random(seed);
      const habit = randomHabit(rand);
      const history = pick(rand, [20, 200, 900]);
      const query = randomQuery(rand, habit, history);
      const earlier = randomQuery(rand, habit, history);
      const lastDay = Math.max(toEpochDay(query.today), toEpochDay(earlier.today)) + 3;
      const records = randomRecords(rand, habit, lastDay);

      const fullReport = walkHabitReport(habit, records, query.range, query.today).report;
      const fullCompliance = walkCompliance([habit], records, query.range, query.today);
      const limit = Math.min(toEpochDay(query.range.from), toEpochDay(query.today));
      const produced = walkHabitReport(habit, records, earlier.range, earlier.today).checkpoints;
      const usable = produced.filter((checkpoint) => checkpoint.day < limit);
      const choices = usable.length > 0 ? [usable[usable.length - 1], pick(rand, usable)] : [];
      for (const checkpoint of choices) {
        resumed += 1;
        const bounded = recordsAfter(records, habit, checkpoint);
        const context = { seed, habit, query, checkpoint };
        const report = walkHabitReport(habit, bounded, query.range, query.today, checkpoint);
        expect({ ...context, report: report.report }).toEqual({ ...context, report: fullReport });
        const compliance = walkCompliance([habit], bounded, query.range, query.today, new Map([[1, checkpoint]]));
        expect({ ...context, report: compliance.report }).toEqual({ ...context, report: fullCompliance.report });
        // The checkpoints it passes are the full walk's too (so what a bounded read stores is canonical).
        const later = fullCompliance.checkpoints.get(1)?.filter((item) => item.day > checkpoint.day);
        expect({ ...context, checkpoints: compliance.checkpoints.get(1) }).toEqual({ ...context, checkpoints: later });
      }
    }
    // Most cases must really resume (not only compare the full walk with itself).
    expect(resumed).toBeGreaterThan(CASES / 2);
  });
});
