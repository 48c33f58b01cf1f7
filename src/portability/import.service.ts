import { BadRequestException, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CHANGES } from '../common/change-groups';
import { UserWrites } from '../changes/user-writes';
import { todayFor } from '../common/dates/user-today';
import { inputProblem } from '../common/pipes/api-validation.pipe';
import { assertWithinAccountLimits } from '../users/account-limits';
import { ImportPlan, ImportSummary, mergedHabitIds, planImport } from './import-plan';
import { readOurExport } from './json/our-export-reader';
import { LOOP_CHECKMARKS_FILE, LOOP_HABITS_FILE } from './loop/loop-format';
import { readLoopExport } from './loop/loop-reader';
import { ImportTransaction } from './portability.repository';
import { ImportFileError, nameKey, PortableAccount } from './portable-account';
import { unzipText, UnzipLimits, ZipTooLargeError } from './zip/bounded-unzip';

/** A Loop export holds 2 files per habit and 3 more: a few hundred habits at most. */
export const IMPORT_ZIP_LIMITS: UnzipLimits = { maxEntries: 600, maxEntryBytes: 32 * 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024 };
const ZIP_FILE = 'the zip archive';

/**
 * POST /api/import: the file is read and checked in full first (400 naming file and line, 413 for a zip
 * that inflates too far), then written in ONE transaction (all or nothing), then ONE change is announced.
 */
@Injectable()
export class ImportService {
  constructor(private readonly writes: UserWrites) {}

  async import(user: AuthUser, body: unknown): Promise<ImportSummary> {
    const account = readAccount(body, todayFor(user));
    return this.writes.write(user.id, CHANGES.import, async (write) => {
      const { summary, wrote } = await apply(new ImportTransaction(write), account);
      // Importing the same file again writes nothing: then nothing changed, and nothing is announced.
      if (!wrote) write.unchanged();
      return summary;
    });
  }
}

/** A Buffer is a zip (the content-type parser of import-body.ts); anything else parsed JSON. */
function readAccount(body: unknown, today: string): PortableAccount {
  try {
    if (Buffer.isBuffer(body)) return readLoopExport(unzipText(body, ZIP_FILE, IMPORT_ZIP_LIMITS, isLoopInput), today);
    const problem = inputProblem(body);
    if (problem !== null) throw new BadRequestException(problem);
    return readOurExport(body, today);
  } catch (error) {
    if (error instanceof ImportFileError) throw new BadRequestException(error.message);
    if (error instanceof ZipTooLargeError) throw new PayloadTooLargeException(`Import refused: ${error.message}`);
    throw error;
  }
}

/** The files the import reads: Habits.csv and each habit's Checkmarks.csv (scores are recomputed). */
function isLoopInput(path: string): boolean {
  return path === LOOP_HABITS_FILE || path.endsWith(`/${LOOP_HABITS_FILE}`) || path.endsWith(`/${LOOP_CHECKMARKS_FILE}`);
}

async function apply(tx: ImportTransaction, account: PortableAccount): Promise<{ summary: ImportSummary; wrote: boolean }> {
  const categories = await tx.categories();
  const habits = await tx.habits();
  const records = await tx.recordsOf(mergedHabitIds(account, habits));
  const plan = planImport(account, { categories, habits, records });
  // 409 before anything is written (the transaction has only read so far).
  assertWithinAccountLimits({
    categories: categories.length + plan.categoriesToCreate.length,
    habits: habits.length + plan.summary.habits.created,
    records: (await tx.recordCount()) + plan.summary.records.created,
  });
  const categoryIds = new Map(categories.map((category) => [nameKey(category.name), category.id]));
  for (const category of plan.categoriesToCreate) categoryIds.set(nameKey(category.name), await tx.insertCategory(category));
  for (const planned of plan.habits) {
    const { habit } = planned;
    const categoryId = habit.categoryName === null ? null : (categoryIds.get(nameKey(habit.categoryName)) ?? null);
    const habitId = planned.existingId ?? (await tx.insertHabit(habit, categoryId));
    await tx.insertRecords(habitId, planned.inserts);
    for (const record of planned.updates) await tx.updateRecord(habitId, record);
  }
  return { summary: plan.summary, wrote: writes(plan) };
}

function writes({ summary }: ImportPlan): boolean {
  return summary.categories.created + summary.habits.created + summary.records.created + summary.records.updated > 0;
}
