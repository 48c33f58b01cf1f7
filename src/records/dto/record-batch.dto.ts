import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsISO8601, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date.decorator';
import { IsId } from '../../common/validation/is-id.decorator';
import { PutRecordDto } from './put-record.dto';
import { RecordResponse } from './record.response';

/** Items in one batch, puts and deletes together. */
export const MAX_BATCH_ITEMS = 500;

const CLIENT_UPDATED_AT = {
  type: String,
  format: 'date-time',
  example: '2025-03-01T07:30:00.000Z',
  description:
    'When the person made this change on their device (a write made offline): applied only when the record is not newer, ' +
    'otherwise listed in `conflicts`; it becomes the change time (`updatedAt`, or the deletion time), capped at the server clock',
} as const;

export class BatchDeleteItemDto {
  @ApiProperty({ example: 1 })
  @IsId()
  habitId: number;

  @ApiProperty({ format: 'date', example: '2025-03-01' })
  @IsCalendarDate()
  date: string;

  @ApiPropertyOptional(CLIENT_UPDATED_AT)
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  clientUpdatedAt?: string;
}

export class BatchPutItemDto extends PutRecordDto {
  @ApiProperty({ example: 1 })
  @IsId()
  habitId: number;

  @ApiProperty({ format: 'date', example: '2025-03-01' })
  @IsCalendarDate()
  date: string;

  @ApiPropertyOptional(CLIENT_UPDATED_AT)
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  clientUpdatedAt?: string;
}

/**
 * The items are validated one by one by parseRecordBatch (record-batch.ts), so that a 400 names
 * each bad item as `put[3].date`, the way API.md writes it.
 */
export class RecordBatchDto {
  @ApiPropertyOptional({ type: [BatchPutItemDto], description: `Upserts; with delete, 1..${MAX_BATCH_ITEMS} items in all` })
  @IsOptional()
  @IsArray()
  put?: unknown[];

  @ApiPropertyOptional({ type: [BatchDeleteItemDto], description: 'Deletes; a record that does not exist is not counted' })
  @IsOptional()
  @IsArray()
  delete?: unknown[];
}

export const CONFLICT_REASONS = ['newer', 'habit_deleted'] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

/** An item with `clientUpdatedAt` that was not applied. */
export class RecordConflictResponse {
  @ApiProperty({ enum: ['put', 'delete'] })
  op: 'put' | 'delete';

  @ApiProperty({ example: 1 })
  habitId: number;

  @ApiProperty({ format: 'date', example: '2025-03-01' })
  date: string;

  @ApiProperty({ enum: CONFLICT_REASONS, description: '`newer`: the record changed or was deleted after this item; `habit_deleted`: its habit was deleted' })
  reason: ConflictReason;

  @ApiProperty({ type: RecordResponse, nullable: true, description: 'The record as it stands (null when there is none)' })
  current: RecordResponse | null;
}

export class RecordBatchResponse {
  @ApiProperty({ type: [RecordResponse], description: 'The records written, in the order of `put`' })
  put: RecordResponse[];

  @ApiProperty({ example: 2, description: 'Records deleted (deletes of absent records are not counted)' })
  deleted: number;

  @ApiProperty({ type: [RecordConflictResponse], description: 'Items with `clientUpdatedAt` not applied, puts first, each in its order' })
  conflicts: RecordConflictResponse[];
}
