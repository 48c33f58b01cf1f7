import { BadRequestException, Injectable } from '@nestjs/common';
import { toCategoryResponse } from '../categories/dto/category.response';
import { AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { toHabitResponse } from '../habits/dto/habit.response';
import { toRecordResponse } from '../records/dto/record.response';
import { DEFAULT_SYNC_LIMIT, SyncQuery } from './dto/sync.query';
import { SyncResponse } from './dto/sync.response';
import { cursorKey, decodeCursor, encodeCursor } from './sync-cursor';
import { END_KIND, KIND, START, SyncPosition, takePage } from './sync-position';
import { ChangedRows, SyncRepository } from './sync.repository';
import { SyncTombstone } from '../changes/sync-tombstone.entity';

const DAY_MS = 86_400_000;
const BAD_CURSOR = 'since is not a cursor of yours (start over without since)';

type Item =
  | { position: SyncPosition; kind: 'category'; row: ChangedRows['categories'][number] }
  | { position: SyncPosition; kind: 'habit'; row: ChangedRows['habits'][number] }
  | { position: SyncPosition; kind: 'record'; row: ChangedRows['records'][number] }
  | { position: SyncPosition; kind: 'tombstone'; row: SyncTombstone };

/**
 * GET /api/sync: pages of what changed after a cursor, read in one snapshot. Full syncs start
 * before every item and leave tombstones out; a cursor from before the newest forgotten
 * tombstone (SYNC_TOMBSTONE_DAYS) is answered with a full sync too.
 */
@Injectable()
export class SyncService {
  private readonly key: Buffer;
  private readonly tombstoneDays: number;

  constructor(
    private readonly repository: SyncRepository,
    private readonly transactions: TransactionRunner,
    config: AppConfig,
  ) {
    this.key = cursorKey(config.jwt.secret);
    this.tombstoneDays = config.sync.tombstoneDays;
  }

  async sync(userId: number, query: SyncQuery): Promise<SyncResponse> {
    const since = query.since === undefined ? null : decodeCursor(this.key, userId, query.since);
    if (query.since !== undefined && since === null) throw new BadRequestException(BAD_CURSOR);
    await this.repository.purgeTombstones(userId, new Date(Date.now() - this.tombstoneDays * DAY_MS));
    const limit = query.limit ?? DEFAULT_SYNC_LIMIT;
    return this.transactions.run(
      async (manager) => {
        const state = await this.repository.state(manager, userId);
        if (since && since.revision > state.revision) throw new BadRequestException(BAD_CURSOR);
        const full = since === null || since.revision < state.purgedRevision;
        const rows = await this.repository.changedSince(manager, userId, full ? START : since, limit, !full);
        const page = takePage(itemsOf(rows), limit);
        const last = page.items.at(-1);
        const next = page.hasMore && last ? last.position : { revision: state.revision, kind: END_KIND, id: 0 };
        return { cursor: encodeCursor(this.key, userId, next), full, hasMore: page.hasMore, ...bodyOf(page.items) };
      },
      { snapshot: true },
    );
  }
}

function itemsOf(rows: ChangedRows): Item[][] {
  const at = (kind: number, row: { revision: number; id: number }) => ({ revision: row.revision, kind, id: row.id });
  return [
    rows.categories.map((row) => ({ position: at(KIND.category, row), kind: 'category' as const, row })),
    rows.habits.map((row) => ({ position: at(KIND.habit, row), kind: 'habit' as const, row })),
    rows.records.map((row) => ({ position: at(KIND.record, row), kind: 'record' as const, row })),
    rows.tombstones.map((row) => ({ position: at(KIND.tombstone, row), kind: 'tombstone' as const, row })),
  ];
}

function bodyOf(items: Item[]): Omit<SyncResponse, 'cursor' | 'full' | 'hasMore'> {
  const body: Omit<SyncResponse, 'cursor' | 'full' | 'hasMore'> = {
    categories: [],
    habits: [],
    records: [],
    deleted: { categories: [], habits: [], records: [] },
  };
  for (const item of items) {
    if (item.kind === 'category') body.categories.push(toCategoryResponse(item.row));
    else if (item.kind === 'habit') body.habits.push(toHabitResponse(item.row));
    else if (item.kind === 'record') body.records.push(toRecordResponse(item.row));
    else if (item.row.kind === 'record') body.deleted.records.push({ habitId: item.row.entityId, date: item.row.date ?? '' });
    else if (item.row.kind === 'habit') body.deleted.habits.push(item.row.entityId);
    else body.deleted.categories.push(item.row.entityId);
  }
  return body;
}
