import type { AnalyticsHabit, ComplianceReport, DateRange, HabitCompliance } from './analytics.types';

/**
 * Reports assembled from per-habit parts (the analytics fragments of the cache: each habit's part
 * stored on its own, so that a change of one habit recomputes only that part). Pure functions.
 */

/** Everything of a habit's row its parts depend on: a new version is a new fragment. */
export function habitVersion(habit: AnalyticsHabit): string {
  return JSON.stringify([habit.name, habit.schedule, habit.kind, habit.target, habit.targetType, habit.startDate]);
}

/** By position, then id: the order of the reports. */
export function byPosition(a: AnalyticsHabit, b: AnalyticsHabit): number {
  return a.position - b.position || a.id - b.id;
}

/** A compliance entry as a part, and back. JSON keeps the key order and every number exactly. */
export function complianceParts(entries: readonly HabitCompliance[]): Map<number, string> {
  return new Map(entries.map((entry) => [entry.habitId, JSON.stringify(entry)]));
}

/** The habits' parts in report order; a habit without a part is left out (it was gone when the parts were computed). */
export function partsInOrder(habits: readonly AnalyticsHabit[], parts: ReadonlyMap<number, string>): string[] {
  return [...habits].sort(byPosition).flatMap((habit) => {
    const part = parts.get(habit.id);
    return part === undefined ? [] : [part];
  });
}

export function assembleCompliance(range: DateRange, habits: readonly AnalyticsHabit[], parts: ReadonlyMap<number, string>): ComplianceReport {
  return { from: range.from, to: range.to, habits: partsInOrder(habits, parts).map((part) => JSON.parse(part) as HabitCompliance) };
}
