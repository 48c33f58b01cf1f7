import { Module } from '@nestjs/common';
import { ExportService } from './export.service';
import { ImportReader } from './import-reader';
import { ImportService } from './import.service';
import { ImportStaging } from './import-staging';
import { PortabilityController } from './portability.controller';
import { PortabilityRepository } from './portability.repository';

/** Export (our JSON, Loop's CSV zip) and import of both. */
@Module({
  controllers: [PortabilityController],
  providers: [PortabilityRepository, ExportService, ImportReader, ImportStaging, ImportService],
})
export class PortabilityModule {}
