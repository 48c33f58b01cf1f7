import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNumber, IsPositive } from 'class-validator';
import { IsPosition, MAX_POSITION } from '../../common/validation/is-position.decorator';
import { IsOptionalNonNull } from '../../common/validation/transforms';
import { HabitKind } from '../habit-schedule';
import { CreateHabitDto, HABIT_KINDS } from './create-habit.dto';

/**
 * Every create field may be left out; `null` is only accepted where the field is nullable.
 * `kind` and `target` are declared again, without the create DTO's `default`s: a generated client
 * that fills in defaults would otherwise turn a numeric habit into a boolean one on any PATCH.
 */
export class UpdateHabitDto extends PartialType(OmitType(CreateHabitDto, ['kind', 'target'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional({ enum: HABIT_KINDS })
  @IsOptionalNonNull()
  @IsIn(HABIT_KINDS)
  kind?: HabitKind;

  @ApiPropertyOptional({ exclusiveMinimum: true, minimum: 0, description: 'Numeric habits only; boolean habits keep 1' })
  @IsOptionalNonNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  target?: number;

  @ApiPropertyOptional()
  @IsOptionalNonNull()
  @IsBoolean()
  archived?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_POSITION })
  @IsOptionalNonNull()
  @IsPosition()
  position?: number;
}
