import { roundScore } from '../../analytics/score';
import { addDays, diffDays } from '../../common/dates/calendar-date';
import { PortableHabit, PortableRecord } from '../portable-account';
import { csvField, csvLine } from './csv';
import {
  LOOP_CHECKMARKS_FILE,
  LOOP_CHECKMARKS_HEADER,
  LOOP_CODES,
  LOOP_HABITS_FILE,
  LOOP_HABITS_HEADER,
  LOOP_NUMERIC_SCALE,
  LOOP_NUMERICAL,
  LOOP_SCORES_FILE,
  LOOP_SCORES_HEADER,
  LOOP_YES_NO,
  loopHabitFolder,
  loopValueName,
} from './loop-format';
import { loopFrequency } from './loop-schedule';

/** A habit to write, in list order, with its daily score (0 where the map has no date). */
export interface LoopExportHabit extends Omit<PortableHabit, 'categoryName'> {
  scores: ReadonlyMap<string, number>;
}

export interface LoopFile {
  path: string;
  text: string;
}

/**
 * Loop's CSV export layout, files in the order Loop zips them: Habits.csv; per habit (folder `NNN name/`
 * by list position) Scores.csv then Checkmarks.csv, newest date first; then the top-level Scores.csv and
 * Checkmarks.csv, one column per habit, each cell followed by a comma as Loop writes them.
 * Records dated before a habit's startDate or after today are left out (analytics ignore them).
 */
export function writeLoopExport(habits: readonly LoopExportHabit[], today: string): LoopFile[] {
  const files: LoopFile[] = [{ path: LOOP_HABITS_FILE, text: habitsCsv(habits) }];
  const lines = habits.map((habit) => checkmarkLines(habit, today));
  habits.forEach((habit, index) => {
    const folder = loopHabitFolder(index + 1, habit.name);
    const oldest = lines[index].length > 0 ? lines[index][lines[index].length - 1].date : today;
    files.push({ path: `${folder}/${LOOP_SCORES_FILE}`, text: habitScoresCsv(habit, oldest, today) });
    files.push({ path: `${folder}/${LOOP_CHECKMARKS_FILE}`, text: habitCheckmarksCsv(lines[index]) });
  });
  const oldestRecord = habits.flatMap((habit) => inRange(habit, today).map((record) => record.date)).reduce((a, b) => (a < b ? a : b), today);
  const hasRecords = habits.some((habit) => inRange(habit, today).length > 0);
  const days = hasRecords ? newestFirst(oldestRecord, today) : [];
  files.push({ path: LOOP_SCORES_FILE, text: multiHabitCsv(habits, days, (habit, date) => score(habit, date)) });
  const byDate = habits.map((habit) => new Map(inRange(habit, today).map((record) => [record.date, record])));
  const cell = (habit: LoopExportHabit, date: string) => {
    const record = byDate[habits.indexOf(habit)].get(date);
    return record ? entryValue(habit, record) : loopValueName(LOOP_CODES.UNKNOWN);
  };
  files.push({ path: LOOP_CHECKMARKS_FILE, text: multiHabitCsv(habits, days, cell) });
  return files;
}

function habitsCsv(habits: readonly LoopExportHabit[]): string {
  const rows = habits.map((habit, index) => {
    const [numerator, denominator] = loopFrequency(habit.schedule);
    const numeric = habit.kind === 'numeric';
    return csvLine([
      `${index + 1}`.padStart(3, '0'),
      habit.name,
      numeric ? LOOP_NUMERICAL : LOOP_YES_NO,
      '',
      habit.description ?? '',
      `${numerator}`,
      `${denominator}`,
      habit.color ?? '',
      numeric ? (habit.unit ?? '') : '',
      numeric ? (habit.targetType ?? 'at_least').toUpperCase() : '',
      numeric ? javaDouble(habit.target) : '',
      `${habit.archived}`,
    ]);
  });
  return csvLine(LOOP_HABITS_HEADER) + rows.join('');
}

interface CheckmarkLine {
  date: string;
  value: string;
  note: string;
}

/**
 * A habit's records as Loop entries, newest first. Loop's own export starts at the habit's first entry;
 * ours also lists the habit's startDate (as UNKNOWN, "no data") when no record falls on it, so that an
 * import of this file, which takes the earliest date listed as startDate, gets the same startDate back.
 */
function checkmarkLines(habit: LoopExportHabit, today: string): CheckmarkLine[] {
  const records = inRange(habit, today);
  const lines = records.map((record) => ({ date: record.date, value: entryValue(habit, record), note: record.note ?? '' }));
  if (habit.startDate <= today && !records.some((record) => record.date === habit.startDate)) {
    lines.push({ date: habit.startDate, value: loopValueName(LOOP_CODES.UNKNOWN), note: '' });
  }
  return lines.sort((a, b) => (a.date < b.date ? 1 : -1));
}

function habitCheckmarksCsv(lines: readonly CheckmarkLine[]): string {
  return csvLine(LOOP_CHECKMARKS_HEADER) + lines.map((line) => csvLine([line.date, line.value, line.note])).join('');
}

function habitScoresCsv(habit: LoopExportHabit, oldest: string, today: string): string {
  return csvLine(LOOP_SCORES_HEADER) + newestFirst(oldest, today).map((date) => csvLine([date, score(habit, date)])).join('');
}

/** `Date,<habit>,<habit>,` then one line per date, every cell followed by a comma (Loop's layout). */
function multiHabitCsv(habits: readonly LoopExportHabit[], days: readonly string[], cell: (habit: LoopExportHabit, date: string) => string): string {
  const header = `Date,${habits.map((habit) => `${csvField(habit.name)},`).join('')}\n`;
  return header + days.map((date) => `${date},${habits.map((habit) => `${cell(habit, date)},`).join('')}\n`).join('');
}

/** Yes/no: YES_MANUAL or SKIP. Numeric: the amount ×1000, written as Loop does (a code's name when it equals one), or SKIP. */
function entryValue(habit: LoopExportHabit, record: PortableRecord): string {
  if (record.status === 'skipped') return loopValueName(LOOP_CODES.SKIP);
  if (habit.kind !== 'numeric') return loopValueName(LOOP_CODES.YES_MANUAL);
  return loopValueName(Math.round(record.value * LOOP_NUMERIC_SCALE));
}

function inRange(habit: LoopExportHabit, today: string): PortableRecord[] {
  return habit.records.filter((record) => record.date >= habit.startDate && record.date <= today);
}

/** 4 decimals, rounded as the API rounds its scores (so the CSV and /api/analytics agree). */
function score(habit: LoopExportHabit, date: string): string {
  return roundScore(habit.scores.get(date) ?? 0).toFixed(4);
}

function newestFirst(oldest: string, newest: string): string[] {
  const count = diffDays(oldest, newest);
  return Array.from({ length: Math.max(0, count + 1) }, (_, i) => addDays(newest, -i));
}

/** Java's Double.toString for the values a target takes: `10.0`, `0.5`. */
function javaDouble(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : `${value}`;
}
