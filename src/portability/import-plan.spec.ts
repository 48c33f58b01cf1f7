import { ExistingRecord, mergedHabitIds, planImport } from './import-plan';
import { PortableAccount, PortableHabit } from './portable-account';

function habit(name: string, records: PortableHabit['records'], overrides: Partial<PortableHabit> = {}): PortableHabit {
  return {
    name, description: null, categoryName: null, schedule: { type: 'daily' }, kind: 'boolean', target: 1, targetType: null,
    unit: null, startDate: '2025-01-01', archived: false, color: null, records, ...overrides,
  };
}

const done = (date: string, note: string | null = null) => ({ date, status: 'done' as const, value: 1, note });

const account: PortableAccount = {
  categories: [{ name: 'Health', color: null }, { name: 'Work', color: '#000000' }],
  habits: [
    habit('Read', [done('2025-01-01'), done('2025-01-02', 'new note'), done('2025-01-03')]),
    habit('Run', [done('2025-01-02')], { categoryName: 'Work' }),
  ],
};

describe('planImport', () => {
  it('creates what is new, merges by name (case-insensitively) and upserts records', () => {
    const existing = {
      categories: [{ id: 1, name: 'health' }],
      habits: [{ id: 5, name: 'READ', kind: 'boolean' as const }, { id: 6, name: 'read', kind: 'boolean' as const }],
      records: [{ habitId: 5, ...done('2025-01-01') }, { habitId: 5, ...done('2025-01-02') }] as ExistingRecord[],
    };
    expect(mergedHabitIds(account, existing.habits)).toEqual([5]);
    const plan = planImport(account, existing);
    expect(plan.summary).toEqual({ categories: { created: 1, merged: 1 }, habits: { created: 1, merged: 1 }, records: { created: 2, updated: 1, unchanged: 1 } });
    expect(plan.categoriesToCreate.map((c) => c.name)).toEqual(['Work']);
    expect(plan.habits.map((h) => [h.existingId, h.inserts.map((r) => r.date), h.updates.map((r) => r.date)])).toEqual([
      [5, ['2025-01-03'], ['2025-01-02']],
      [null, ['2025-01-02'], []],
    ]);
  });

  it('plans nothing but unchanged records when everything is already there', () => {
    const existing = {
      categories: [{ id: 1, name: 'Health' }, { id: 2, name: 'Work' }],
      habits: [{ id: 5, name: 'Read', kind: 'boolean' as const }, { id: 7, name: 'Run', kind: 'boolean' as const }],
      records: account.habits.flatMap((h, i) => h.records.map((r) => ({ habitId: i === 0 ? 5 : 7, ...r }))),
    };
    const plan = planImport(account, existing);
    expect(plan.summary).toEqual({ categories: { created: 0, merged: 2 }, habits: { created: 0, merged: 2 }, records: { created: 0, updated: 0, unchanged: 4 } });
    expect(plan.habits.every((h) => h.inserts.length === 0 && h.updates.length === 0)).toBe(true);
  });

  it('stores value 1 for records merged into a boolean habit', () => {
    const numeric: PortableAccount = { categories: [], habits: [habit('Read', [{ date: '2025-01-01', status: 'done', value: 30, note: null }], { kind: 'numeric' })] };
    const plan = planImport(numeric, { categories: [], habits: [{ id: 5, name: 'Read', kind: 'boolean' }], records: [] });
    expect(plan.habits[0].inserts).toEqual([{ date: '2025-01-01', status: 'done', value: 1, note: null }]);
  });
});
