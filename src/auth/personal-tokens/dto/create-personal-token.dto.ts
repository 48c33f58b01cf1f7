import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { TOKEN_SCOPES, TokenScope } from '../../../common/auth/auth-user';
import { IsText } from '../../../common/validation/is-text.decorator';
import { Trim } from '../../../common/validation/transforms';

export class CreatePersonalTokenDto {
  @ApiProperty({ minLength: 1, maxLength: 50, example: 'Home Assistant' })
  @Trim()
  @IsText(1, 50)
  name: string;

  @ApiProperty({ enum: TOKEN_SCOPES, description: '`read`: GET only; `write`: every method' })
  @IsIn(TOKEN_SCOPES)
  scope: TokenScope;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 366, description: 'Omitted: the token lasts until it is revoked' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  expiresInDays?: number;
}
