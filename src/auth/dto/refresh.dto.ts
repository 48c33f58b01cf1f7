import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { REFRESH_TOKEN_PATTERN } from '../../sessions/refresh-token';

export class RefreshDto {
  @ApiPropertyOptional({ description: 'Left out: the `__Host-refresh` cookie is used', pattern: REFRESH_TOKEN_PATTERN.source })
  @IsOptional()
  @IsString()
  @Matches(REFRESH_TOKEN_PATTERN, { message: 'refreshToken is not a refresh token' })
  refreshToken?: string;
}
