import { HabitKind, HabitSchedule, RecordStatus, TargetType } from '../habits/habit-schedule';

/**
 * What an import file holds once parsed, whatever its format (our JSON or Loop's CSV export):
 * the input of the import plan. Names are the merge keys (compared case-insensitively).
 */
export interface PortableAccount {
  categories: PortableCategory[];
  habits: PortableHabit[];
}

export interface PortableCategory {
  name: string;
  color: string | null;
}

export interface PortableHabit {
  name: string;
  description: string | null;
  categoryName: string | null;
  schedule: HabitSchedule;
  kind: HabitKind;
  target: number;
  /** null for boolean habits. */
  targetType: TargetType | null;
  unit: string | null;
  startDate: string;
  archived: boolean;
  color: string | null;
  records: PortableRecord[];
}

export interface PortableRecord {
  date: string;
  status: RecordStatus;
  value: number;
  note: string | null;
}

/** A bad import file: the 400 names `file` (and `line` for CSV, the JSON path for ours). */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    readonly where: string | null,
    readonly problem: string,
  ) {
    super(where === null ? `${file}: ${problem}` : `${file}, ${where}: ${problem}`);
  }
}

/** The merge key of a category or habit name. */
export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}
