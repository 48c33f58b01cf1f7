import { ImportFileError } from '../portable-account';
import { readOurExport } from './our-export-reader';

const TODAY = '2025-01-10';

function document(): Record<string, unknown> {
  return {
    format: 'habit-tracker-export',
    version: 1,
    exportedAt: '2025-01-10T08:00:00.000Z',
    user: { displayName: null, timezone: 'UTC', dayStartHour: 0 },
    categories: [{ id: 4, name: 'Health', color: '#00AA00', position: 0 }],
    habits: [
      { id: 7, name: 'Water', description: null, categoryId: 4, categoryName: 'Health', schedule: { type: 'per_period', times: 2, days: 3 }, kind: 'numeric', target: 8, targetType: 'at_most', unit: 'glasses', startDate: '2025-01-01', archived: false, position: 0, color: null },
      { id: 9, name: 'Read', description: 'Books', categoryId: null, categoryName: null, schedule: { type: 'weekdays', days: [1, 3] }, kind: 'boolean', target: 1, targetType: null, unit: null, startDate: '2025-01-02', archived: true, position: 1, color: '#123456' },
    ],
    records: [
      { id: 1, habitId: 7, date: '2025-01-03', status: 'done', value: 6.5, note: 'ok' },
      { id: 2, habitId: 9, date: '2025-01-06', status: 'skipped', value: 1, note: null },
      { id: 3, habitId: 7, date: '2025-01-02', status: 'skipped', value: 0, note: null },
    ],
  };
}

describe('readOurExport', () => {
  it('reads categories, habits and their records (sorted by date) by the file’s own habit ids', () => {
    const account = readOurExport(document(), TODAY);
    expect(account.categories).toEqual([{ name: 'Health', color: '#00AA00' }]);
    expect(account.habits[0]).toEqual({
      name: 'Water', description: null, categoryName: 'Health', schedule: { type: 'per_period', times: 2, days: 3 }, kind: 'numeric', target: 8,
      targetType: 'at_most', unit: 'glasses', startDate: '2025-01-01', archived: false, color: null,
      records: [
        { date: '2025-01-02', status: 'skipped', value: 0, note: null },
        { date: '2025-01-03', status: 'done', value: 6.5, note: 'ok' },
      ],
    });
    expect(account.habits[1]).toMatchObject({ name: 'Read', targetType: null, target: 1, archived: true, records: [{ date: '2025-01-06', status: 'skipped' }] });
  });

  const broken = (change: (doc: Record<string, any>) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any -- test edits of a loose document
    const doc = document();
    change(doc);
    return doc;
  };
  it.each([
    ['another format', broken((d) => (d.format = 'other')), 'format: must be "habit-tracker-export"'],
    ['another version', broken((d) => (d.version = 2)), 'version: must be 1'],
    ['an impossible date', broken((d) => (d.records[2].date = '2025-02-30')), 'records[2].date: must be a date that exists'],
    ['a date after today', broken((d) => (d.records[0].date = '2025-01-11')), 'records[0].date: must not be after today'],
    ['a value that is not a number', broken((d) => (d.records[1].value = '1')), 'records[1].value: must be a number'],
    ['a record of no habit in the file', broken((d) => (d.records[1].habitId = 99)), 'records[1].habitId'],
    ['a record listed twice', broken((d) => d.records.push({ habitId: 7, date: '2025-01-03', status: 'done', value: 1, note: null })), 'records[3].date: 2025-01-03 is listed twice'],
    ['a duplicate habit name', broken((d) => (d.habits[1].name = 'water')), 'habits[1].name: is used twice'],
    ['a bad schedule', broken((d) => (d.habits[0].schedule = { type: 'per_period', times: 4, days: 3 })), 'habits[0].schedule.times'],
    ['an unknown category', broken((d) => (d.habits[1].categoryName = 'Work')), 'habits[1].categoryName'],
  ])('refuses %s, naming the field', (_what, doc, message) => {
    expect(() => readOurExport(doc, TODAY)).toThrow(ImportFileError);
    expect(() => readOurExport(doc, TODAY)).toThrow(message);
  });
});
