import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsHexColor } from '../../common/validation/is-hex-color.decorator';
import { IsPosition, MAX_POSITION } from '../../common/validation/is-position.decorator';
import { IsText } from '../../common/validation/is-text.decorator';
import { IsOptionalNonNull, Trim } from '../../common/validation/transforms';

export class UpdateCategoryDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 50, example: 'Health' })
  @IsOptionalNonNull()
  @Trim()
  @IsText(1, 50)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^#[0-9A-Fa-f]{6}$', description: 'null clears it' })
  @IsOptional()
  @IsHexColor()
  color?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_POSITION, example: 2 })
  @IsOptionalNonNull()
  @IsPosition()
  position?: number;
}
