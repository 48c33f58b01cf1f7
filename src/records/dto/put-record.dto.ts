import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, Min } from 'class-validator';
import { IsText } from '../../common/validation/is-text.decorator';
import { IsOptionalNonNull } from '../../common/validation/transforms';
import { RecordStatus } from '../../habits/habit-schedule';

export const RECORD_STATUSES: RecordStatus[] = ['done', 'skipped'];

export class PutRecordDto {
  @ApiPropertyOptional({ enum: RECORD_STATUSES, default: 'done' })
  @IsOptionalNonNull()
  @IsIn(RECORD_STATUSES)
  status?: RecordStatus;

  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    description: 'Required for numeric habits with status done; ignored for boolean habits (always 1)',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  value?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsText(0, 500)
  note?: string | null;
}
