import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { IsOptionalNonNull } from '../../common/validation/transforms';

export const ALL_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class CreateReminderDto {
  @ApiProperty({ example: '08:30', pattern: TIME.source, description: 'Wall-clock time in your time zone, 00:00..23:59' })
  @IsString()
  @Matches(TIME, { message: 'time must be HH:MM between 00:00 and 23:59' })
  time: string;

  @ApiPropertyOptional({ type: [Number], minimum: 1, maximum: 7, default: ALL_WEEKDAYS, description: 'ISO weekdays (1 = Monday) of the dates it may fire about; non-empty, no repeats' })
  @IsOptionalNonNull()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(7)
  @ArrayUnique({ message: 'days must not repeat a weekday' })
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  days?: number[];

  @ApiPropertyOptional({ default: true, description: 'Stay quiet when the date already has a done or skipped record (quota schedules: the quota is met)' })
  @IsOptionalNonNull()
  @IsBoolean()
  onlyIfNotDone?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptionalNonNull()
  @IsBoolean()
  enabled?: boolean;
}
