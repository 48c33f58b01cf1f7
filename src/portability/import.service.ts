import { Injectable } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CHANGES } from '../common/change-groups';
import { mediaTypeOf } from '../common/http/body-rules';
import { UserWrites } from '../changes/user-writes';
import { todayFor } from '../common/dates/user-today';
import { assertWithinAccountLimits } from '../users/account-limits';
import { ZIP_TYPES } from './import-body';
import { ImportPlan, ImportSummary, mergedHabitIds, planImport } from './import-plan';
import { ImportReader } from './import-reader';
import { ImportTransaction } from './portability.repository';
import { nameKey, PortableAccount } from './portable-account';

/** The body of POST /api/import as sent. */
export interface ImportBody {
  body: Buffer;
  contentType: string | undefined;
  contentEncoding: string | undefined;
}

/**
 * POST /api/import: the file is decoded, read and checked in full first, in the import worker (400
 * naming file and line, 413 past the size limits, 409 for a file that alone passes an account limit),
 * then written in ONE transaction (all or nothing), then ONE change is announced.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly writes: UserWrites,
    private readonly reader: ImportReader,
  ) {}

  async import(user: AuthUser, { body, contentType, contentEncoding }: ImportBody): Promise<ImportSummary> {
    const zip = ZIP_TYPES.includes(mediaTypeOf(contentType));
    const gzip = (contentEncoding ?? '').trim().toLowerCase() === 'gzip';
    const account = await this.reader.read({ body, zip, gzip, today: todayFor(user) });
    return this.writes.write(user.id, CHANGES.import, async (write) => {
      const { summary, wrote } = await apply(new ImportTransaction(write), account);
      // Importing the same file again writes nothing: then nothing changed, and nothing is announced.
      if (!wrote) write.unchanged();
      return summary;
    });
  }
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
