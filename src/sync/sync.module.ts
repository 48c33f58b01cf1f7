import { Module } from '@nestjs/common';
import { SyncController } from './sync.controller';
import { SyncRepository } from './sync.repository';
import { SyncService } from './sync.service';

/** GET /api/sync. Writers bump revisions with bumpRevision/recordDeletions (sync-revisions.ts) inside their own transactions. */
@Module({
  controllers: [SyncController],
  providers: [SyncRepository, SyncService],
})
export class SyncModule {}
