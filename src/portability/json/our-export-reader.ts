import { isAcceptedDate } from '../../common/dates/calendar-date';
import { isText } from '../../common/validation/is-text.decorator';
import { HabitSchedule } from '../../habits/habit-schedule';
import { scheduleProblem } from '../../habits/habit-schedule.validator';
import { ImportFileError, nameKey, PortableAccount, PortableCategory, PortableHabit, PortableRecord } from '../portable-account';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export-document';

export const JSON_FILE = 'JSON export';
const COLOR = /^#[0-9A-Fa-f]{6}$/;
type Json = Record<string, unknown>;

/**
 * Our own export (GET /api/export) as a PortableAccount. Its records refer to the file's own habit
 * ids. Fields the import does not use (ids, timestamps, positions) may be absent; any field it uses
 * that is wrong is an ImportFileError naming its path (`records[3].date`).
 */
export function readOurExport(document: unknown, today: string): PortableAccount {
  const root = object(document, '(document)');
  if (root.format !== EXPORT_FORMAT) fail('format', `must be "${EXPORT_FORMAT}"`);
  if (root.version !== EXPORT_VERSION) fail('version', `must be ${EXPORT_VERSION}`);
  const categories = array(root.categories, 'categories').map((item, i) => categoryOf(item, `categories[${i}]`));
  unique(categories.map((category) => nameKey(category.name)), (i) => `categories[${i}].name`);
  const categoryNames = new Set(categories.map((category) => nameKey(category.name)));
  const habitItems = array(root.habits, 'habits');
  const habits = habitItems.map((item, i) => habitOf(item, `habits[${i}]`, categoryNames));
  unique(habits.map((habit) => nameKey(habit.name)), (i) => `habits[${i}].name`);
  const ids = habitItems.map((item, i) => idOf((item as Json).id, `habits[${i}].id`));
  unique(ids, (i) => `habits[${i}].id`);
  const byId = new Map(ids.map((id, i) => [id, habits[i]]));
  const seen = new Set<string>();
  array(root.records, 'records').forEach((item, i) => addRecord(item, `records[${i}]`, { habits: byId, seen, today }));
  for (const habit of habits) habit.records.sort((a, b) => (a.date < b.date ? -1 : 1));
  return { categories, habits };
}

function categoryOf(item: unknown, path: string): PortableCategory {
  const category = object(item, path);
  return { name: text(category.name, `${path}.name`, 1, 50), color: color(category.color, `${path}.color`) };
}

function habitOf(item: unknown, path: string, categoryNames: Set<string>): PortableHabit {
  const habit = object(item, path);
  const categoryName = nullableText(habit.categoryName, `${path}.categoryName`, 1, 50);
  if (categoryName !== null && !categoryNames.has(nameKey(categoryName))) fail(`${path}.categoryName`, 'must name one of the file’s categories');
  const problem = scheduleProblem(habit.schedule);
  if (problem !== null) fail(`${path}.${problem.split(' ')[0]}`, problem);
  const kind = oneOf(habit.kind, `${path}.kind`, ['boolean', 'numeric'] as const);
  const numeric = kind === 'numeric';
  if (numeric && !(typeof habit.target === 'number' && Number.isFinite(habit.target) && habit.target > 0)) fail(`${path}.target`, 'must be a number above 0');
  const startDate = habit.startDate;
  if (typeof startDate !== 'string' || !isAcceptedDate(startDate)) fail(`${path}.startDate`, 'must be a date that exists (YYYY-MM-DD, from 1900)');
  if (typeof habit.archived !== 'boolean') fail(`${path}.archived`, 'must be a boolean');
  return {
    name: text(habit.name, `${path}.name`, 1, 100),
    description: nullableText(habit.description, `${path}.description`, 0, 1000),
    categoryName,
    schedule: habit.schedule as HabitSchedule,
    kind,
    target: numeric ? (habit.target as number) : 1,
    targetType: numeric ? (habit.targetType === undefined || habit.targetType === null ? 'at_least' : oneOf(habit.targetType, `${path}.targetType`, ['at_least', 'at_most'] as const)) : null,
    unit: numeric ? nullableText(habit.unit, `${path}.unit`, 0, 50) : null,
    startDate: startDate,
    archived: habit.archived,
    color: color(habit.color, `${path}.color`),
    records: [],
  };
}

interface RecordContext {
  habits: Map<string, PortableHabit>;
  /** `habitId date` of the records read so far. */
  seen: Set<string>;
  today: string;
}

function addRecord(item: unknown, path: string, { habits, seen, today }: RecordContext): void {
  const record = object(item, path);
  const habitId = idOf(record.habitId, `${path}.habitId`);
  const habit = habits.get(habitId);
  if (habit === undefined) fail(`${path}.habitId`, 'must be the id of one of the file’s habits');
  const date = record.date;
  if (typeof date !== 'string' || !isAcceptedDate(date)) fail(`${path}.date`, 'must be a date that exists (YYYY-MM-DD, from 1900)');
  if ((date) > today) fail(`${path}.date`, `must not be after today (${today})`);
  if (seen.has(`${habitId} ${date}`)) fail(`${path}.date`, `${date} is listed twice for this habit`);
  seen.add(`${habitId} ${date}`);
  const value = record.value;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(`${path}.value`, 'must be a number ≥ 0');
  const entry: PortableRecord = {
    date: date,
    status: oneOf(record.status, `${path}.status`, ['done', 'skipped'] as const),
    value: value,
    note: nullableText(record.note, `${path}.note`, 0, 500),
  };
  habit.records.push(entry);
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object');
  return value as Json;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be an array');
  return value as unknown[];
}

/** Trimmed, `min..max` code points, no NUL (as the API's own fields). */
function text(value: unknown, path: string, min: number, max: number): string {
  const trimmed = typeof value === 'string' ? value.trim() : value;
  if (!isText(trimmed, min, max)) fail(path, `must be a string of ${min} to ${max} characters, without NUL`);
  return trimmed as string;
}

function nullableText(value: unknown, path: string, min: number, max: number): string | null {
  return value === null || value === undefined ? null : text(value, path, min, max);
}

function color(value: unknown, path: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !COLOR.test(value)) fail(path, 'must be a color #RRGGBB or null');
  return value;
}

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) fail(path, `must be one of: ${allowed.join(', ')}`);
  return value as T;
}

function idOf(value: unknown, path: string): string {
  if (!((typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length > 0 && value.length <= 100))) fail(path, 'must be an id');
  return String(value);
}

function unique(keys: readonly string[], pathOf: (index: number) => string): void {
  const seen = new Set<string>();
  keys.forEach((key, i) => {
    if (seen.has(key)) fail(pathOf(i), 'is used twice in the file');
    seen.add(key);
  });
}

function fail(path: string, problem: string): never {
  throw new ImportFileError(JSON_FILE, path, problem);
}
