import { roundScore } from '../../analytics/score';
import { addDays, fromEpochDay, toEpochDay } from '../../common/dates/calendar-date';
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

/** A habit's daily scores by date (a Map in tests; a compact series in the export). */
export interface ScoreLookup {
  get(date: string): number | undefined;
}

/** A habit to write, in list order, with its daily score (0 where the lookup has no date). */
export interface LoopExportHabit extends Omit<PortableHabit, 'categoryName'> {
  scores: ScoreLookup;
}

export interface LoopFile {
  path: string;
  text: string;
}

/** A file whose text comes in pieces of at most LINES_PER_CHUNK lines, produced as they are read. */
export interface LoopFileChunks {
  path: string;
  chunks: Iterable<string>;
}

const LINES_PER_CHUNK = 2000;

/** The whole export as texts (tests; the route streams loopExportFiles). */
export function writeLoopExport(habits: readonly LoopExportHabit[], today: string): LoopFile[] {
  return [...loopExportFiles(habits, today)].map((file) => ({ path: file.path, text: [...file.chunks].join('') }));
}

/**
 * Loop's CSV export layout, files in the order Loop zips them: Habits.csv; per habit (folder `NNN name/`
 * by list position) Scores.csv then Checkmarks.csv, newest date first; then the top-level Scores.csv and
 * Checkmarks.csv, one column per habit, each cell followed by a comma as Loop writes them.
 * Records dated before a habit's startDate or after today are left out (analytics ignore them).
 * Files and their lines are produced lazily: a consumer reading one chunk at a time holds one chunk.
 */
export function* loopExportFiles(habits: readonly LoopExportHabit[], today: string): Generator<LoopFileChunks> {
  yield { path: LOOP_HABITS_FILE, chunks: [habitsCsv(habits)] };
  const ranges = habits.map((habit) => inRange(habit, today));
  for (const [index, habit] of habits.entries()) {
    const lines = checkmarkLines(habit, ranges[index], today);
    const folder = loopHabitFolder(index + 1, habit.name);
    const oldest = lines.length > 0 ? lines[lines.length - 1].date : today;
    yield { path: `${folder}/${LOOP_SCORES_FILE}`, chunks: withHeader(LOOP_SCORES_HEADER, mapDays(oldest, today, (date) => csvLine([date, score(habit, date)]))) };
    yield { path: `${folder}/${LOOP_CHECKMARKS_FILE}`, chunks: withHeader(LOOP_CHECKMARKS_HEADER, lines.map((line) => csvLine([line.date, line.value, line.note]))) };
  }
  const oldestRecord = ranges.flat().reduce((oldest, record) => (record.date < oldest ? record.date : oldest), today);
  const hasRecords = ranges.some((records) => records.length > 0);
  const newest = hasRecords ? today : addDays(oldestRecord, -1);
  yield { path: LOOP_SCORES_FILE, chunks: multiHabitCsv(habits, oldestRecord, newest, (habit, _index, date) => score(habit, date)) };
  const byDate = ranges.map((records) => new Map(records.map((record) => [record.date, record])));
  const cell = (habit: LoopExportHabit, index: number, date: string) => {
    const record = byDate[index].get(date);
    return record ? entryValue(habit, record) : loopValueName(LOOP_CODES.UNKNOWN);
  };
  yield { path: LOOP_CHECKMARKS_FILE, chunks: multiHabitCsv(habits, oldestRecord, newest, cell) };
}

function* withHeader(header: readonly string[], lines: Iterable<string>): Generator<string> {
  let chunk = csvLine(header);
  let count = 0;
  for (const line of lines) {
    chunk += line;
    if (++count % LINES_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** `line(date)` for each date from newest to oldest. */
function* mapDays(oldest: string, newest: string, line: (date: string) => string): Generator<string> {
  const first = toEpochDay(oldest);
  for (let day = toEpochDay(newest); day >= first; day--) yield line(fromEpochDay(day));
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
function checkmarkLines(habit: LoopExportHabit, records: readonly PortableRecord[], today: string): CheckmarkLine[] {
  const lines = records.map((record) => ({ date: record.date, value: entryValue(habit, record), note: record.note ?? '' }));
  if (habit.startDate <= today && !records.some((record) => record.date === habit.startDate)) {
    lines.push({ date: habit.startDate, value: loopValueName(LOOP_CODES.UNKNOWN), note: '' });
  }
  return lines.sort((a, b) => (a.date < b.date ? 1 : -1));
}

/** `Date,<habit>,<habit>,` then one line per date, newest first, every cell followed by a comma (Loop's layout). */
function* multiHabitCsv(
  habits: readonly LoopExportHabit[],
  oldest: string,
  newest: string,
  cell: (habit: LoopExportHabit, index: number, date: string) => string,
): Generator<string> {
  const header = `Date,${habits.map((habit) => `${csvField(habit.name)},`).join('')}\n`;
  const lines = mapDays(oldest, newest, (date) => `${date},${habits.map((habit, index) => `${cell(habit, index, date)},`).join('')}\n`);
  let chunk = header;
  let count = 0;
  for (const line of lines) {
    chunk += line;
    // Lines of many habits: fewer per chunk.
    if (++count % Math.max(1, Math.floor(LINES_PER_CHUNK / Math.max(1, habits.length / 10))) === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
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
  const value = roundScore(habit.scores.get(date) ?? 0);
  // A habit's score settles (often at 0) for long stretches: the same text again, without formatting it.
  if (value !== lastScore.value) lastScore = { value, text: value.toFixed(4) };
  return lastScore.text;
}

let lastScore = { value: 0, text: (0).toFixed(4) };

/** Java's Double.toString for the values a target takes: `10.0`, `0.5`. */
function javaDouble(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : `${value}`;
}
