import { CategoryResponse } from '../../categories/dto/category.response';
import { HabitResponse } from '../../habits/dto/habit.response';
import { RecordResponse } from '../../records/dto/record.response';

export const EXPORT_FORMAT = 'habit-tracker-export';
export const EXPORT_VERSION = 1;

export interface ExportedUser {
  displayName: string | null;
  timezone: string;
  dayStartHour: number;
}

export type ExportedHabit = HabitResponse & { categoryName: string | null };

/** Everything of the document but its records, which are streamed page by page. */
export interface ExportHead {
  exportedAt: string;
  user: ExportedUser;
  categories: CategoryResponse[];
  habits: ExportedHabit[];
}

/**
 * The JSON export (API.md § Export and import) as a sequence of chunks: the head, then one chunk per
 * page of records, then the closing brackets, so that a 10-year account never becomes one string.
 */
export async function* exportDocumentChunks(head: ExportHead, recordPages: AsyncIterable<RecordResponse[]>): AsyncGenerator<string> {
  const { exportedAt, user, categories, habits } = head;
  const opening = JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt, user, categories, habits });
  yield `${opening.slice(0, -1)},"records":[`;
  let first = true;
  for await (const page of recordPages) {
    if (page.length === 0) continue;
    const items = page.map((record) => JSON.stringify(record)).join(',');
    yield first ? items : `,${items}`;
    first = false;
  }
  yield ']}';
}
