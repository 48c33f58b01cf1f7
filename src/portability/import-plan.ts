import { HabitKind } from '../habits/habit-schedule';
import { nameKey, PortableAccount, PortableCategory, PortableHabit, PortableRecord } from './portable-account';

export interface ExistingCategory {
  id: number;
  name: string;
}

/** The user's habits in list order (the first of two same-named ones receives the merge). */
export interface ExistingHabit {
  id: number;
  name: string;
  kind: HabitKind;
}

export interface ExistingRecord extends PortableRecord {
  habitId: number;
}

export interface ImportSummary {
  categories: { created: number; merged: number };
  habits: { created: number; merged: number };
  records: { created: number; updated: number; unchanged: number };
}

export interface PlannedHabit {
  /** The habit merged into, or null when this one is created. */
  existingId: number | null;
  habit: PortableHabit;
  inserts: PortableRecord[];
  updates: PortableRecord[];
}

export interface ImportPlan {
  categoriesToCreate: PortableCategory[];
  habits: PlannedHabit[];
  summary: ImportSummary;
}

/** The ids of the existing habits the file's habits merge into (by name, case-insensitively). */
export function mergedHabitIds(account: PortableAccount, existing: readonly ExistingHabit[]): number[] {
  const byName = firstByName(existing);
  return account.habits.flatMap((habit) => byName.get(nameKey(habit.name))?.id ?? []);
}

/**
 * What an import writes: categories and habits whose names the user does not have yet are created,
 * the others merged (kept as they are, their records upserted); a record equal to the stored one is
 * unchanged. `records` are the stored records of the merged habits. Importing what this plan wrote
 * again plans nothing but `unchanged` and `merged`.
 */
export function planImport(
  account: PortableAccount,
  existing: { categories: readonly ExistingCategory[]; habits: readonly ExistingHabit[]; records: readonly ExistingRecord[] },
): ImportPlan {
  const categoryKeys = new Set(existing.categories.map((category) => nameKey(category.name)));
  const categoriesToCreate = account.categories.filter((category) => !categoryKeys.has(nameKey(category.name)));
  const habitsByName = firstByName(existing.habits);
  const stored = storedByHabit(existing.records);
  const summary: ImportSummary = {
    categories: { created: categoriesToCreate.length, merged: account.categories.length - categoriesToCreate.length },
    habits: { created: 0, merged: 0 },
    records: { created: 0, updated: 0, unchanged: 0 },
  };
  const habits = account.habits.map((habit) => {
    const target = habitsByName.get(nameKey(habit.name)) ?? null;
    summary.habits[target ? 'merged' : 'created']++;
    const planned = planRecords(habit, target, target ? (stored.get(target.id) ?? new Map()) : new Map());
    summary.records.created += planned.inserts.length;
    summary.records.updated += planned.updates.length;
    summary.records.unchanged += habit.records.length - planned.inserts.length - planned.updates.length;
    return planned;
  });
  return { categoriesToCreate, habits, summary };
}

function planRecords(habit: PortableHabit, target: ExistingHabit | null, stored: Map<string, PortableRecord>): PlannedHabit {
  const kind = target?.kind ?? habit.kind;
  const inserts: PortableRecord[] = [];
  const updates: PortableRecord[] = [];
  for (const incoming of habit.records) {
    const record = kind === 'boolean' ? { ...incoming, value: 1 } : incoming;
    const current = stored.get(record.date);
    if (current === undefined) inserts.push(record);
    else if (current.status !== record.status || current.value !== record.value || current.note !== record.note) updates.push(record);
  }
  return { existingId: target?.id ?? null, habit, inserts, updates };
}

function firstByName<T extends { name: string }>(items: readonly T[]): Map<string, T> {
  const byName = new Map<string, T>();
  for (const item of items) if (!byName.has(nameKey(item.name))) byName.set(nameKey(item.name), item);
  return byName;
}

function storedByHabit(records: readonly ExistingRecord[]): Map<number, Map<string, PortableRecord>> {
  const byHabit = new Map<number, Map<string, PortableRecord>>();
  for (const { habitId, ...record } of records) {
    let dates = byHabit.get(habitId);
    if (dates === undefined) byHabit.set(habitId, (dates = new Map()));
    dates.set(record.date, record);
  }
  return byHabit;
}
