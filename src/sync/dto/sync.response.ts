import { ApiProperty } from '@nestjs/swagger';
import { CategoryResponse } from '../../categories/dto/category.response';
import { HabitResponse } from '../../habits/dto/habit.response';
import { RecordResponse } from '../../records/dto/record.response';

export class DeletedRecordKey {
  @ApiProperty({ example: 1 })
  habitId: number;

  @ApiProperty({ format: 'date', example: '2025-03-01' })
  date: string;
}

export class SyncDeleted {
  @ApiProperty({ type: [Number] })
  categories: number[];

  @ApiProperty({ type: [Number], description: "A deleted habit's records are deleted with it (not listed)" })
  habits: number[];

  @ApiProperty({ type: [DeletedRecordKey] })
  records: DeletedRecordKey[];
}

export class SyncResponse {
  @ApiProperty({ description: 'Opaque; pass it as `since` next time' })
  cursor: string;

  @ApiProperty({ description: 'true: this page starts the whole account over (drop what you hold first)' })
  full: boolean;

  @ApiProperty({ description: 'true: ask again with `cursor` at once' })
  hasMore: boolean;

  @ApiProperty({ type: [CategoryResponse] })
  categories: CategoryResponse[];

  @ApiProperty({ type: [HabitResponse], description: 'Archived habits included' })
  habits: HabitResponse[];

  @ApiProperty({ type: [RecordResponse] })
  records: RecordResponse[];

  @ApiProperty({ type: SyncDeleted, description: 'Apply these before the upserts of the same page' })
  deleted: SyncDeleted;
}
