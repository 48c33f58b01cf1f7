import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { IsText } from '../../common/validation/is-text.decorator';
import { IsTimeZone } from '../../common/validation/is-time-zone.validator';
import { IsOptionalNonNull } from '../../common/validation/transforms';

export class UpdateProfileDto {
  @ApiPropertyOptional({ maxLength: 100, nullable: true })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsText(1, 100)
  displayName?: string | null;

  @ApiPropertyOptional({ example: 'Asia/Tokyo' })
  @IsOptionalNonNull()
  @IsTimeZone()
  timezone?: string;
}
