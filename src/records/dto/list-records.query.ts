import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date.decorator';
import { IsId } from '../../common/validation/is-id.decorator';
import { QueryInteger, QueryString } from '../../common/validation/transforms';

export class ListRecordsQuery {
  @ApiPropertyOptional({ format: 'date', description: 'Defaults to 29 days before `to`' })
  @QueryString()
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: "Defaults to today for the user (their time zone and dayStartHour)" })
  @QueryString()
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ type: Number, description: 'Only this habit (404 if it is not yours)' })
  @QueryInteger()
  @IsOptional()
  @IsId()
  habitId?: number;
}
