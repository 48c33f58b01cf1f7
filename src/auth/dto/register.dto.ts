import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Locale, LOCALES } from '../../common/i18n/locale';
import { IsLocale } from '../../common/validation/is-locale.decorator';
import { IsDayStartHour } from '../../common/validation/is-day-start-hour.decorator';
import { IsText } from '../../common/validation/is-text.decorator';
import { IsTimeZone } from '../../common/validation/is-time-zone.validator';
import { IsOptionalNonNull } from '../../common/validation/transforms';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.com' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @Length(8, 128)
  password: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsText(1, 100)
  displayName?: string;

  @ApiPropertyOptional({ example: 'Europe/Paris', default: 'UTC' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 23, default: 0, description: '"Today" starts this many hours after midnight' })
  @IsOptionalNonNull()
  @IsDayStartHour()
  dayStartHour?: number;

  @ApiPropertyOptional({ enum: LOCALES, description: 'Defaults to the best match of Accept-Language among en and es, else en' })
  @IsOptionalNonNull()
  @IsLocale()
  locale?: Locale;
}
