import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { IsPosition, MAX_POSITION } from '../../common/validation/is-position.decorator';
import { IsOptionalNonNull } from '../../common/validation/transforms';
import { CreateHabitDto } from './create-habit.dto';

/** Every create field may be left out; `null` is only accepted where the field is nullable. */
export class UpdateHabitDto extends PartialType(CreateHabitDto, { skipNullProperties: false }) {
  @ApiPropertyOptional()
  @IsOptionalNonNull()
  @IsBoolean()
  archived?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_POSITION })
  @IsOptionalNonNull()
  @IsPosition()
  position?: number;
}
