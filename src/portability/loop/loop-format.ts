/**
 * Loop Habit Tracker's CSV export (HabitsCSVExporter / HabitList.writeCSV in iSoron/uhabits), as far
 * as a reader or writer of it needs to know. Entry values are integers: for yes/no habits one of the
 * codes below, for numeric habits the amount ×1000 (SKIP and UNKNOWN keep their codes). Current
 * versions write codes by name (`YES_MANUAL`), older ones as numbers (`2`).
 */
export const LOOP_HABITS_FILE = 'Habits.csv';
export const LOOP_CHECKMARKS_FILE = 'Checkmarks.csv';
export const LOOP_SCORES_FILE = 'Scores.csv';

export const LOOP_HABITS_HEADER = [
  'Position',
  'Name',
  'Type',
  'Question',
  'Description',
  'FrequencyNumerator',
  'FrequencyDenominator',
  'Color',
  'Unit',
  'Target Type',
  'Target Value',
  'Archived?',
] as const;

/** The older Habits.csv header (Loop before 2025): no type, unit, target nor archived flag. */
export const LOOP_OLD_HABITS_HEADER = ['Position', 'Name', 'Question', 'Description', 'NumRepetitions', 'Interval', 'Color'] as const;

export const LOOP_CHECKMARKS_HEADER = ['Date', 'Value', 'Notes'] as const;
export const LOOP_SCORES_HEADER = ['Date', 'Score'] as const;

export const LOOP_CODES = { UNKNOWN: -1, NO: 0, YES_AUTO: 1, YES_MANUAL: 2, SKIP: 3 } as const;
export type LoopCodeName = keyof typeof LOOP_CODES;

/** Numeric habits store amounts ×1000. */
export const LOOP_NUMERIC_SCALE = 1000;

export const LOOP_YES_NO = 'YES_NO';
export const LOOP_NUMERICAL = 'NUMERICAL';

/** A code's name (Loop's `Entry.formattedValue`), or the number itself for amounts. */
export function loopValueName(value: number): string {
  const name = (Object.keys(LOOP_CODES) as LoopCodeName[]).find((key) => LOOP_CODES[key] === value);
  return name ?? String(value);
}

/** A value as written (a name or an integer), or null when it is neither. */
export function parseLoopValue(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed in LOOP_CODES) return LOOP_CODES[trimmed as LoopCodeName];
  return /^-?\d{1,15}$/.test(trimmed) ? Number(trimmed) : null;
}

/** Loop's folder name for a habit: `%03d <name>` with the name reduced to `[ a-zA-Z0-9._-]` (≤ 100), trimmed. */
export function loopHabitFolder(position: number, name: string): string {
  const sane = name.replace(/[^ a-zA-Z0-9._-]+/g, '').slice(0, 100);
  return `${`${position}`.padStart(3, '0')} ${sane}`.trim();
}
