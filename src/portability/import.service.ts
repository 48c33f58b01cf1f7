import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CHANGES } from '../common/change-groups';
import { mediaTypeOf } from '../common/http/body-rules';
import { UserWrites } from '../changes/user-writes';
import { todayFor } from '../common/dates/user-today';
import { assertWithinAccountLimits } from '../users/account-limits';
import { ZIP_TYPES } from './import-body';
import { ImportPlan, ImportSummary, mergedHabitIds, planImport } from './import-plan';
import { ImportReader } from './import-reader';
import { ImportStaging } from './import-staging';
import { ImportTransaction, PortabilityRepository } from './portability.repository';
import { nameKey, PortableAccount } from './portable-account';

/** The body of POST /api/import as sent. */
export interface ImportBody {
  body: Buffer;
  contentType: string | undefined;
  contentEncoding: string | undefined;
}

/** Stagings of one import: the user's own writes meanwhile make it plan and stage again, this many times at most. */
const STAGING_ATTEMPTS = 3;

/** An import planned and staged (import-staging.ts) against the user's data as of `revision`. */
interface StagedImport {
  importId: string;
  revision: number;
  plan: ImportPlan;
  stagedIndexes: number[];
}

/** The user wrote between the staging and the final transaction: the plan may be stale. */
class AccountChanged extends Error {}

/**
 * POST /api/import. The file is decoded, read and checked in full first, in the import worker (400
 * naming file and line, 413 past the size limits, 409 for a file that alone passes an account limit).
 * Then, without holding SQLite's write lock for long: the plan is made from plain reads of the user's
 * data at sync revision R, and the records to create are staged in short statements (invisible to every
 * reader). Then ONE transaction (the write door) checks that the user's revision is still R (no write of
 * theirs since, so the plan holds), creates categories and habits, moves each habit's staged records in
 * with one INSERT … SELECT, applies the updates, and ONE change is announced. All or nothing.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly writes: UserWrites,
    private readonly reader: ImportReader,
    private readonly repository: PortabilityRepository,
    private readonly staging: ImportStaging,
  ) {}

  async import(user: AuthUser, { body, contentType, contentEncoding }: ImportBody): Promise<ImportSummary> {
    const zip = ZIP_TYPES.includes(mediaTypeOf(contentType));
    const gzip = (contentEncoding ?? '').trim().toLowerCase() === 'gzip';
    const account = await this.reader.read({ body, zip, gzip, today: todayFor(user) });
    await this.staging.sweepStale();
    for (let attempt = 1; ; attempt++) {
      const staged = await this.stage(user.id, account);
      try {
        return await this.flip(user.id, staged);
      } catch (error) {
        if (!(error instanceof AccountChanged)) throw error;
        if (attempt === STAGING_ATTEMPTS) throw new ConflictException('The account kept changing during the import; nothing was imported, try again');
      } finally {
        await this.staging.discard(staged.importId, staged.stagedIndexes);
      }
    }
  }

  /** Plain reads may see writes committed after `revision` was read: such a write bumped it, so the flip refuses the plan. */
  private async stage(userId: number, account: PortableAccount): Promise<StagedImport> {
    const revision = await this.staging.userRevision(userId);
    const reads = this.repository.importReads(userId);
    const categories = await reads.categories();
    const habits = await reads.habits();
    const plan = planImport(account, { categories, habits, records: await reads.recordsOf(mergedHabitIds(account, habits)) });
    // 409 before anything is written or staged.
    assertWithinAccountLimits({
      categories: categories.length + plan.categoriesToCreate.length,
      habits: habits.length + plan.summary.habits.created,
      records: (await reads.recordCount()) + plan.summary.records.created,
    });
    const staged: StagedImport = { importId: randomUUID(), revision, plan, stagedIndexes: [] };
    try {
      for (const [index, planned] of plan.habits.entries()) {
        if (planned.inserts.length === 0) continue;
        staged.stagedIndexes.push(index);
        await this.staging.stage(staged.importId, userId, index, planned.inserts);
      }
    } catch (error) {
      await this.staging.discard(staged.importId, staged.stagedIndexes);
      throw error;
    }
    return staged;
  }

  /** The one transaction: every write of the user bumps the revision, so R + 1 here means the plan still holds (limits included). */
  private flip(userId: number, staged: StagedImport): Promise<ImportSummary> {
    return this.writes.write(userId, CHANGES.import, async (write) => {
      if (write.revision !== staged.revision + 1) throw new AccountChanged();
      await apply(new ImportTransaction(write), staged);
      // Importing the same file again writes nothing: then nothing changed, and nothing is announced.
      if (!writes(staged.plan)) write.unchanged();
      return staged.plan.summary;
    });
  }
}

async function apply(tx: ImportTransaction, { importId, plan }: StagedImport): Promise<void> {
  const categoryIds = new Map((await tx.categories()).map((category) => [nameKey(category.name), category.id]));
  for (const category of plan.categoriesToCreate) categoryIds.set(nameKey(category.name), await tx.insertCategory(category));
  for (const [index, planned] of plan.habits.entries()) {
    const { habit } = planned;
    const categoryId = habit.categoryName === null ? null : (categoryIds.get(nameKey(habit.categoryName)) ?? null);
    const habitId = planned.existingId ?? (await tx.insertHabit(habit, categoryId));
    if (planned.inserts.length > 0) await tx.moveStagedRecords(importId, index, habitId);
    for (const record of planned.updates) await tx.updateRecord(habitId, record);
  }
}

function writes({ summary }: ImportPlan): boolean {
  return summary.categories.created + summary.habits.created + summary.records.created + summary.records.updated > 0;
}
