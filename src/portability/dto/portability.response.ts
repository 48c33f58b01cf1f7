import { ApiProperty } from '@nestjs/swagger';
import { CategoryResponse } from '../../categories/dto/category.response';
import { HabitResponse } from '../../habits/dto/habit.response';
import { RecordResponse } from '../../records/dto/record.response';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../json/export-document';

export class ExportedUserResponse {
  @ApiProperty({ type: String, nullable: true })
  displayName: string | null;

  @ApiProperty({ example: 'Europe/Paris' })
  timezone: string;

  @ApiProperty({ minimum: 0, maximum: 23, example: 0 })
  dayStartHour: number;
}

export class ExportedHabitResponse extends HabitResponse {
  @ApiProperty({ type: String, nullable: true, description: 'The name of its category (merge key on import)' })
  categoryName: string | null;
}

export class ExportDocumentResponse {
  @ApiProperty({ enum: [EXPORT_FORMAT] })
  format: string;

  @ApiProperty({ enum: [EXPORT_VERSION] })
  version: number;

  @ApiProperty({ format: 'date-time' })
  exportedAt: string;

  @ApiProperty({ type: ExportedUserResponse })
  user: ExportedUserResponse;

  @ApiProperty({ type: CategoryResponse, isArray: true })
  categories: CategoryResponse[];

  @ApiProperty({ type: ExportedHabitResponse, isArray: true })
  habits: ExportedHabitResponse[];

  @ApiProperty({ type: RecordResponse, isArray: true, description: "Records refer to the habits' ids of this document" })
  records: RecordResponse[];
}

class CreatedMerged {
  @ApiProperty({ example: 1 })
  created: number;

  @ApiProperty({ example: 0 })
  merged: number;
}

class RecordCounts {
  @ApiProperty({ example: 120 })
  created: number;

  @ApiProperty({ example: 3 })
  updated: number;

  @ApiProperty({ example: 0 })
  unchanged: number;
}

export class ImportSummaryResponse {
  @ApiProperty({ type: CreatedMerged })
  categories: CreatedMerged;

  @ApiProperty({ type: CreatedMerged })
  habits: CreatedMerged;

  @ApiProperty({ type: RecordCounts })
  records: RecordCounts;
}
