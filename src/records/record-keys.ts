import { RecordStatus } from '../habits/habit-schedule';

/** The shapes of a record's key and fields, shared by the repository and the pure batch rules. */
export interface RecordFields {
  status: RecordStatus;
  value: number;
  note: string | null;
}

export interface RecordKey {
  habitId: number;
  date: string;
}

export type RecordPut = RecordKey & RecordFields;

/** `<habitId>/<date>`: one (habit, date) record. */
export function keyOf(key: RecordKey): string {
  return `${key.habitId}/${key.date}`;
}
