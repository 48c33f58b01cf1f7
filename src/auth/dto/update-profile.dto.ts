import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { Locale, LOCALES } from '../../common/i18n/locale';
import { IsLocale } from '../../common/validation/is-locale.decorator';
import { IsDayStartHour } from '../../common/validation/is-day-start-hour.decorator';
import { IsText } from '../../common/validation/is-text.decorator';
import { IsTimeZone } from '../../common/validation/is-time-zone.validator';
import { IsOptionalNonNull } from '../../common/validation/transforms';

/** PATCH body: no `default`s (a generated client must not send values the user did not choose). */
export class UpdateProfileDto {
  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 100, nullable: true, description: 'null clears it' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsText(1, 100)
  displayName?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Asia/Tokyo' })
  @IsOptionalNonNull()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 23 })
  @IsOptionalNonNull()
  @IsDayStartHour()
  dayStartHour?: number;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptionalNonNull()
  @IsLocale()
  locale?: Locale;
}
