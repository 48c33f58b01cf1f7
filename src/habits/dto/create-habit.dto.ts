import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsPositive, Matches } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date.decorator';
import { IsHexColor } from '../../common/validation/is-hex-color.decorator';
import { IsId } from '../../common/validation/is-id.decorator';
import { IsText } from '../../common/validation/is-text.decorator';
import { IsOptionalNonNull, Trim } from '../../common/validation/transforms';
import { HabitKind, HabitSchedule, TargetType } from '../habit-schedule';
import { HABIT_SCHEDULE_SCHEMAS, IsHabitSchedule } from '../habit-schedule.validator';

export const HABIT_KINDS: HabitKind[] = ['boolean', 'numeric'];
export const TARGET_TYPES: TargetType[] = ['at_least', 'at_most'];

/** Years 1900..9999: streaks walk the whole history from startDate, so an absurdly old one is refused. */
const START_DATE_YEARS = /^(19|[2-9]\d)\d\d-/;

export class CreateHabitDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Drink water', description: 'Trimmed' })
  @Trim()
  @IsText(1, 100)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 })
  @IsOptional()
  @IsText(0, 1000)
  description?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'One of your categories (400 otherwise); null for none' })
  @IsOptional()
  @IsId()
  categoryId?: number | null;

  @ApiProperty({ oneOf: HABIT_SCHEDULE_SCHEMAS, example: { type: 'weekdays', days: [1, 3, 5] } })
  @IsHabitSchedule()
  schedule: HabitSchedule;

  @ApiPropertyOptional({ enum: HABIT_KINDS, default: 'boolean' })
  @IsOptionalNonNull()
  @IsIn(HABIT_KINDS)
  kind?: HabitKind;

  @ApiPropertyOptional({ exclusiveMinimum: true, minimum: 0, default: 1, description: 'Numeric habits only; boolean habits keep 1' })
  @IsOptionalNonNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  target?: number;

  @ApiPropertyOptional({
    enum: TARGET_TYPES,
    nullable: true,
    description: 'Numeric habits only (default at_least); a boolean habit accepts only null',
  })
  @IsOptional()
  @IsIn(TARGET_TYPES)
  targetType?: TargetType | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50, example: 'glasses' })
  @IsOptional()
  @IsText(0, 50)
  unit?: string | null;

  @ApiPropertyOptional({ format: 'date', example: '2025-01-01', description: "Defaults to today in the user's time zone" })
  @IsOptionalNonNull()
  @IsCalendarDate()
  @Matches(START_DATE_YEARS, { message: 'startDate must not be before 1900-01-01' })
  startDate?: string;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^#[0-9A-Fa-f]{6}$', example: '#2196F3' })
  @IsOptional()
  @IsHexColor()
  color?: string | null;
}
