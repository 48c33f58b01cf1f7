import { ImportFileError, PortableAccount, PortableHabit } from '../portable-account';
import { looksNumeric, LoopEntry, readLoopEntries, recordOfEntry } from './loop-checkmarks-file';
import { LOOP_CHECKMARKS_FILE, LOOP_HABITS_FILE } from './loop-format';
import { LoopHabitRow, readLoopHabits } from './loop-habits-file';

/** `NNN <name>/Checkmarks.csv` (the name part may be empty: Loop trims the folder name). */
const HABIT_CHECKMARKS = /^(\d+)(?: [^/]*)?\/Checkmarks\.csv$/;

/**
 * Loop Habit Tracker's CSV export (files by path inside the zip) as a PortableAccount. Habits.csv
 * lists the habits; each habit's records come from its folder's Checkmarks.csv, matched by position.
 * The archive may hold everything inside one folder (a re-zipped export). Every problem is an
 * ImportFileError naming the file and line; nothing is returned half read.
 */
export function readLoopExport(files: ReadonlyMap<string, string>, today: string, maxHabits = Number.POSITIVE_INFINITY): PortableAccount {
  const root = rootOf(files);
  const habitsText = files.get(`${root}${LOOP_HABITS_FILE}`)!;
  const rows = readLoopHabits(habitsText, maxHabits);
  const entriesByPosition = readHabitFolders(files, root, rows, today);
  const habits = rows.map((row) => habitOf(row, entriesByPosition.get(row.position), today));
  return { categories: [], habits };
}

/** The folder holding Habits.csv (the shallowest one), '' for the archive's root. */
function rootOf(files: ReadonlyMap<string, string>): string {
  const candidates = [...files.keys()]
    .filter((path) => path === LOOP_HABITS_FILE || path.endsWith(`/${LOOP_HABITS_FILE}`))
    .sort((a, b) => a.split('/').length - b.split('/').length);
  if (candidates.length === 0) {
    throw new ImportFileError(LOOP_HABITS_FILE, null, 'missing: the file is neither our JSON export nor a Loop Habit Tracker CSV export (a zip with Habits.csv)');
  }
  return candidates[0].slice(0, candidates[0].length - LOOP_HABITS_FILE.length);
}

interface HabitEntries {
  file: string;
  entries: LoopEntry[];
}

function readHabitFolders(files: ReadonlyMap<string, string>, root: string, rows: LoopHabitRow[], today: string): Map<number, HabitEntries> {
  const positions = new Set(rows.map((row) => row.position));
  const byPosition = new Map<number, HabitEntries>();
  for (const [path, text] of files) {
    if (!path.startsWith(root)) continue;
    const match = HABIT_CHECKMARKS.exec(path.slice(root.length));
    if (!match) continue;
    const position = Number(match[1]);
    if (!positions.has(position)) throw new ImportFileError(path, null, `Habits.csv has no habit at position ${match[1]}`);
    if (byPosition.has(position)) throw new ImportFileError(path, null, `a second folder for the habit at position ${match[1]}`);
    byPosition.set(position, { file: path, entries: readLoopEntries(text, path, today) });
  }
  return byPosition;
}

function habitOf(row: LoopHabitRow, found: HabitEntries | undefined, today: string): PortableHabit {
  const entries = found?.entries ?? [];
  const file = found?.file ?? `${row.position} ${LOOP_CHECKMARKS_FILE}`;
  const kind = row.kind ?? (looksNumeric(entries) ? 'numeric' : 'boolean');
  const records = entries.flatMap((entry) => recordOfEntry(kind, entry, file) ?? []).sort((a, b) => (a.date < b.date ? -1 : 1));
  const startDate = entries.reduce((earliest, entry) => (entry.date < earliest ? entry.date : earliest), today);
  return {
    name: row.name,
    description: row.description,
    categoryName: null,
    schedule: row.schedule,
    kind,
    target: kind === 'numeric' ? row.target : 1,
    targetType: kind === 'numeric' ? row.targetType : null,
    unit: kind === 'numeric' ? row.unit : null,
    startDate,
    archived: row.archived,
    color: row.color,
    records,
  };
}
