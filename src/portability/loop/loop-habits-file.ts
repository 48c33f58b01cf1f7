import { isText } from '../../common/validation/is-text.decorator';
import { ImportFileError, nameKey } from '../portable-account';
import { CsvRow, parseCsv } from './csv';
import { LOOP_HABITS_FILE, LOOP_NUMERICAL, LOOP_OLD_HABITS_HEADER, LOOP_YES_NO } from './loop-format';
import { HabitSchedule, TargetType } from '../../habits/habit-schedule';
import { scheduleOfFrequency } from './loop-schedule';

/** One line of Habits.csv. `kind` is null in the older layout, which does not say. */
export interface LoopHabitRow {
  line: number;
  position: number;
  name: string;
  kind: 'boolean' | 'numeric' | null;
  description: string | null;
  schedule: HabitSchedule;
  color: string | null;
  unit: string | null;
  targetType: TargetType;
  target: number;
  archived: boolean;
}

const COLUMN_ALIASES: Record<string, string> = { NumRepetitions: 'FrequencyNumerator', Interval: 'FrequencyDenominator' };
const COLOR = /^#[0-9A-Fa-f]{6}$/;

/** Habits.csv of either layout (with its header, or the older headerless one). */
export function readLoopHabits(text: string, maxHabits = Number.POSITIVE_INFINITY): LoopHabitRow[] {
  // Stops reading (CsvRowLimitError) past a header and maxHabits rows: a million rows cost no more than 1,001.
  const rows = parseCsv(text, LOOP_HABITS_FILE, maxHabits + 1);
  const hasHeader = rows.length > 0 && rows[0].fields[0].trim() === 'Position';
  const header = (hasHeader ? rows[0].fields : [...LOOP_OLD_HABITS_HEADER]).map((name) => COLUMN_ALIASES[name.trim()] ?? name.trim());
  for (const required of ['Position', 'Name', 'FrequencyNumerator', 'FrequencyDenominator']) {
    if (!header.includes(required)) throw new ImportFileError(LOOP_HABITS_FILE, 'line 1', `the header has no ${required} column`);
  }
  const habits: LoopHabitRow[] = [];
  const names = new Set<string>();
  const positions = new Set<number>();
  for (const row of hasHeader ? rows.slice(1) : rows) {
    const habit = readHabitRow(row, header);
    if (names.has(nameKey(habit.name))) fail(row, `duplicate habit name "${habit.name}"`);
    if (positions.has(habit.position)) fail(row, `duplicate position ${habit.position}`);
    names.add(nameKey(habit.name));
    positions.add(habit.position);
    habits.push(habit);
  }
  return habits;
}

function readHabitRow(row: CsvRow, header: string[]): LoopHabitRow {
  const cell = (column: string): string => (header.includes(column) ? (row.fields[header.indexOf(column)] ?? '').trim() : '');
  const kind = kindOf(row, header.includes('Type') ? cell('Type') : null);
  const name = cell('Name');
  if (!isText(name, 1, 100)) fail(row, 'the name must have 1 to 100 characters, without NUL');
  const schedule = scheduleOfFrequency(integer(row, cell('FrequencyNumerator')), integer(row, cell('FrequencyDenominator')));
  if (schedule === null) fail(row, 'the frequency must be N/D with 1 ≤ N ≤ D and D ≤ 365 (or N = D)');
  const description = cell('Description') || cell('Question') || null;
  if (description !== null && !isText(description, 0, 1000)) fail(row, 'the description must have at most 1000 characters, without NUL');
  const unit = kind === 'numeric' ? cell('Unit') || null : null;
  if (unit !== null && !isText(unit, 0, 50)) fail(row, 'the unit must have at most 50 characters, without NUL');
  return {
    line: row.line,
    position: positionOf(row, cell('Position')),
    name,
    kind,
    description,
    schedule,
    color: COLOR.test(cell('Color')) ? cell('Color').toUpperCase() : null,
    unit,
    targetType: targetTypeOf(row, cell('Target Type')),
    target: targetOf(row, cell('Target Value')),
    archived: cell('Archived?').toLowerCase() === 'true',
  };
}

function kindOf(row: CsvRow, type: string | null): LoopHabitRow['kind'] {
  if (type === null) return null;
  if (type === LOOP_YES_NO || type === '') return 'boolean';
  if (type === LOOP_NUMERICAL) return 'numeric';
  return fail(row, `unknown habit type "${type}" (YES_NO or NUMERICAL)`);
}

function targetTypeOf(row: CsvRow, text: string): TargetType {
  if (text === '' || text === 'AT_LEAST') return 'at_least';
  if (text === 'AT_MOST') return 'at_most';
  return fail(row, `unknown target type "${text}" (AT_LEAST or AT_MOST)`);
}

function targetOf(row: CsvRow, text: string): number {
  if (text === '') return 1;
  const value = Number(text);
  if (!/^\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) || !Number.isFinite(value) || value <= 0) fail(row, `the target value "${text}" is not a positive number`);
  return value;
}

function positionOf(row: CsvRow, text: string): number {
  const position = integer(row, text);
  if (position < 1) fail(row, `the position "${text}" is not a positive integer`);
  return position;
}

function integer(row: CsvRow, text: string): number {
  if (!/^\d{1,9}$/.test(text)) fail(row, `"${text}" is not a whole number`);
  return Number(text);
}

function fail(row: CsvRow, problem: string): never {
  throw new ImportFileError(LOOP_HABITS_FILE, `line ${row.line}`, problem);
}
