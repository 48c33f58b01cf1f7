import { DATE_FLOOR, isCalendarDate } from '../../common/dates/calendar-date';
import { isText } from '../../common/validation/is-text.decorator';
import { ImportFileError, PortableRecord } from '../portable-account';
import { parseCsv } from './csv';
import { LOOP_CODES, LOOP_NUMERIC_SCALE, parseLoopValue } from './loop-format';

/** One line of a habit's Checkmarks.csv (`Date,Value[,Notes]`, with or without that header). */
export interface LoopEntry {
  line: number;
  date: string;
  value: number;
  note: string | null;
}

const MAX_NOTE = 500;

export function readLoopEntries(text: string, file: string, today: string): LoopEntry[] {
  const rows = parseCsv(text, file);
  const body = rows.length > 0 && rows[0].fields[0].trim() === 'Date' ? rows.slice(1) : rows;
  const seen = new Set<string>();
  return body.map(({ line, fields }) => {
    const fail = (problem: string): never => {
      throw new ImportFileError(file, `line ${line}`, problem);
    };
    const date = (fields[0] ?? '').trim();
    if (!isCalendarDate(date)) fail(`"${date}" is not a date that exists (YYYY-MM-DD)`);
    if (date < DATE_FLOOR) fail(`${date} is before ${DATE_FLOOR}`);
    if (date > today) fail(`${date} is after today (${today})`);
    if (seen.has(date)) fail(`${date} is listed twice`);
    seen.add(date);
    const value = parseLoopValue(fields[1] ?? '');
    if (value === null) fail(`"${fields[1] ?? ''}" is not a number nor a Loop value name`);
    const note = (fields[2] ?? '').trim() || null;
    if (note !== null && !isText(note, 0, MAX_NOTE)) fail(`the note must have at most ${MAX_NOTE} characters, without NUL`);
    return { line, date, value: value!, note };
  });
}

/** The older layout does not say which habits are numeric: any value that is not a code says so. */
export function looksNumeric(entries: readonly LoopEntry[]): boolean {
  return entries.some((entry) => entry.value < LOOP_CODES.UNKNOWN || entry.value > LOOP_CODES.SKIP);
}

/**
 * The record an entry stands for, or null for none. Yes/no: YES_MANUAL is done, SKIP skipped, YES_AUTO,
 * NO and UNKNOWN nothing. Numeric: SKIP skipped, UNKNOWN nothing, any other value ≥ 0 a done record of value/1000.
 */
export function recordOfEntry(kind: 'boolean' | 'numeric', entry: LoopEntry, file: string): PortableRecord | null {
  const { date, value, note } = entry;
  if (kind === 'boolean') {
    if (value === LOOP_CODES.YES_MANUAL) return { date, status: 'done', value: 1, note };
    if (value === LOOP_CODES.SKIP) return { date, status: 'skipped', value: 1, note };
    if (value >= LOOP_CODES.UNKNOWN && value <= LOOP_CODES.YES_AUTO) return null;
    throw new ImportFileError(file, `line ${entry.line}`, `${value} is not a Loop value of a yes/no habit`);
  }
  if (value === LOOP_CODES.SKIP) return { date, status: 'skipped', value: 0, note };
  if (value === LOOP_CODES.UNKNOWN) return null;
  if (value < 0) throw new ImportFileError(file, `line ${entry.line}`, `${value} is not a Loop value of a numeric habit`);
  return { date, status: 'done', value: value / LOOP_NUMERIC_SCALE, note };
}
