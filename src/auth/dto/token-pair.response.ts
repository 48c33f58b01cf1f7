import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** API.md "Tokens": a new access token and refresh token of one session. */
export class TokenPairResponse {
  @ApiProperty({ description: 'JWT (HS256) carrying the session id' }) accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiPropertyOptional({ description: 'Left out when sent with `X-Refresh-Cookie: 1` (then it is the `__Host-refresh` cookie)' })
  refreshToken?: string;
  @ApiProperty({ description: 'Seconds until the refresh token expires if unused' }) refreshExpiresIn: number;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
}
