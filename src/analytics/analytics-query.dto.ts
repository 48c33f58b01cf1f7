import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../common/validation/is-calendar-date.decorator';
import { IsId } from '../common/validation/is-id.decorator';
import { QueryInteger, QueryString } from '../common/validation/transforms';

/** `from`/`to` of every analytics route. */
export class HabitAnalyticsQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Defaults to 29 days before `to`; at most 366 days before it' })
  @QueryString()
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: "Defaults to today in the user's time zone" })
  @QueryString()
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class AnalyticsQueryDto extends HabitAnalyticsQueryDto {
  @ApiPropertyOptional({ type: Number, description: 'Only the habits of this category (404 if it is not yours)' })
  @QueryInteger()
  @IsOptional()
  @IsId()
  categoryId?: number;
}
