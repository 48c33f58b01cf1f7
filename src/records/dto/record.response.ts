import { ApiProperty } from '@nestjs/swagger';
import { RecordStatus } from '../../habits/habit-schedule';
import { HabitRecord } from '../habit-record.entity';

export class RecordResponse {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 1 })
  habitId: number;

  @ApiProperty({ format: 'date', example: '2025-03-01' })
  date: string;

  @ApiProperty({ enum: ['done', 'skipped'] })
  status: RecordStatus;

  @ApiProperty({ example: 1 })
  value: number;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export function toRecordResponse(record: HabitRecord): RecordResponse {
  return {
    id: record.id,
    habitId: record.habitId,
    date: record.date,
    status: record.status,
    value: record.value,
    note: record.note,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/** What PUT answers: the record, and whether it was created (201) or replaced (200). */
export interface RecordUpsertResult {
  created: boolean;
  record: RecordResponse;
}
