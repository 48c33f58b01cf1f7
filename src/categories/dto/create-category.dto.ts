import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsHexColor } from '../../common/validation/is-hex-color.decorator';
import { IsText } from '../../common/validation/is-text.decorator';
import { Trim } from '../../common/validation/transforms';

export class CreateCategoryDto {
  @ApiProperty({ minLength: 1, maxLength: 50, example: 'Health', description: 'Trimmed; unique per user, case-insensitively' })
  @Trim()
  @IsText(1, 50)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^#[0-9A-Fa-f]{6}$', example: '#4CAF50' })
  @IsOptional()
  @IsHexColor()
  color?: string | null;
}
