import { Module } from '@nestjs/common';
import { SyncController } from './sync.controller';
import { SyncRepository } from './sync.repository';
import { SyncService } from './sync.service';

/** GET /api/sync. Every write stamps its rows with the revision UserWrites.write bumps in its transaction (changes/). */
@Module({
  controllers: [SyncController],
  providers: [SyncRepository, SyncService],
})
export class SyncModule {}
