import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date.decorator';
import { IsId } from '../../common/validation/is-id.decorator';
import { PutRecordDto } from './put-record.dto';
import { RecordResponse } from './record.response';

/** Items in one batch, puts and deletes together. */
export const MAX_BATCH_ITEMS = 500;

export class BatchDeleteItemDto {
  @ApiProperty({ example: 1 })
  @IsId()
  habitId: number;

  @ApiProperty({ format: 'date', example: '2025-03-01' })
  @IsCalendarDate()
  date: string;
}

export class BatchPutItemDto extends PutRecordDto {
  @ApiProperty({ example: 1 })
  @IsId()
  habitId: number;

  @ApiProperty({ format: 'date', example: '2025-03-01' })
  @IsCalendarDate()
  date: string;
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

export class RecordBatchResponse {
  @ApiProperty({ type: [RecordResponse], description: 'The records written, in the order of `put`' })
  put: RecordResponse[];

  @ApiProperty({ example: 2, description: 'Records deleted (deletes of absent records are not counted)' })
  deleted: number;
}
