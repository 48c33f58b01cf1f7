import { addDays } from '../common/dates/calendar-date';
import type { AnalyticsHabit, AnalyticsRecord, DateRange } from './analytics.types';
import { computeCompliance, walkCompliance } from './compliance';
import { computePerformance, performanceCodes, sumPerformance } from './performance';
import { assembleCompliance, complianceParts, habitVersion, partsInOrder } from './report-assembly';

const TODAY = '2025-06-20';
const RANGE: DateRange = { from: '2025-05-22', to: '2025-06-20' };

const habits: AnalyticsHabit[] = [
  { id: 4, name: 'Read', schedule: { type: 'daily' }, kind: 'boolean', target: 1, targetType: null, startDate: '2025-05-01', position: 2 },
  { id: 2, name: 'Run', schedule: { type: 'per_week', times: 3 }, kind: 'boolean', target: 1, targetType: null, startDate: '2025-04-10', position: 0 },
  { id: 9, name: 'Water', schedule: { type: 'daily' }, kind: 'numeric', target: 8, targetType: 'at_least', startDate: '2025-06-01', position: 1 },
  { id: 7, name: 'Coffee', schedule: { type: 'weekdays', days: [1, 3, 5] }, kind: 'numeric', target: 2, targetType: 'at_most', startDate: '2025-05-15', position: 1 },
];

function records(): AnalyticsRecord[] {
  const all: AnalyticsRecord[] = [];
  let seed = 7;
  const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (const habit of habits) {
    for (let date = habit.startDate; date <= TODAY; date = addDays(date, 1)) {
      const roll = random();
      if (roll < 0.55) all.push({ habitId: habit.id, date, status: 'done', value: Math.floor(random() * 12) });
      else if (roll < 0.65) all.push({ habitId: habit.id, date, status: 'skipped', value: 0 });
    }
  }
  return all;
}

describe('reports assembled from per-habit parts', () => {
  const recorded = records();

  it('gives the same compliance bytes whichever habits came from the cache', () => {
    const expected = JSON.stringify(computeCompliance(habits, recorded, RANGE, TODAY));
    for (const cachedIds of [[], [2], [4, 7], [2, 4, 7, 9]]) {
      const cached = complianceParts(computeCompliance(habits.filter((h) => cachedIds.includes(h.id)), recorded, RANGE, TODAY).habits);
      const missing = habits.filter((h) => !cachedIds.includes(h.id));
      const computed = complianceParts(walkCompliance(missing, recorded, RANGE, TODAY).report.habits);
      expect(JSON.stringify(assembleCompliance(RANGE, habits, new Map([...cached, ...computed])))).toBe(expected);
    }
  });

  it('gives the same performance bytes as the report computed over all habits at once', () => {
    const expected = JSON.stringify(computePerformance(habits, recorded, RANGE));
    const parts = new Map<number, string>();
    for (const habit of habits) for (const [id, codes] of performanceCodes([habit], recorded, RANGE)) parts.set(id, codes);
    expect(JSON.stringify(sumPerformance(RANGE, partsInOrder(habits, parts)))).toBe(expected);
  });

  it('orders parts by position, then id, and leaves out a habit without a part', () => {
    const parts = new Map(habits.map((habit) => [habit.id, String(habit.id)]));
    expect(partsInOrder(habits, parts)).toEqual(['2', '7', '9', '4']);
    parts.delete(7);
    expect(partsInOrder(habits, parts)).toEqual(['2', '9', '4']);
  });

  it('changes the version with anything of the row a part shows or depends on, not with the position', () => {
    const [habit] = habits;
    const versions = [
      habitVersion(habit),
      habitVersion({ ...habit, name: 'Read more' }),
      habitVersion({ ...habit, schedule: { type: 'every_n_days', n: 2 } }),
      habitVersion({ ...habit, kind: 'numeric' }),
      habitVersion({ ...habit, target: 2 }),
      habitVersion({ ...habit, targetType: 'at_most' }),
      habitVersion({ ...habit, startDate: '2025-05-02' }),
    ];
    expect(new Set(versions).size).toBe(versions.length);
    expect(habitVersion({ ...habit, position: 9 })).toBe(habitVersion(habit));
  });
});
