import { ApiProperty } from '@nestjs/swagger';
import { TOKEN_SCOPES, TokenScope } from '../../../common/auth/auth-user';
import { PersonalToken } from '../personal-token.entity';

export class PersonalTokenResponse {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TOKEN_SCOPES }) scope: TokenScope;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: until revoked' }) expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The last use, to the minute (null: never used)' })
  lastUsedAt: string | null;
}

export class CreatedPersonalTokenResponse extends PersonalTokenResponse {
  @ApiProperty({ example: 'hat_3q2-7wEXAMPLEw0v3rZ5x1Yc9JmQ4sNfTbGhLkPaUo8', description: 'Shown this once; only its hash is kept' })
  secret: string;
}

function instant(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function toPersonalTokenResponse(token: PersonalToken): PersonalTokenResponse {
  return {
    id: token.id,
    name: token.name,
    scope: token.scope,
    createdAt: new Date(token.createdAt).toISOString(),
    expiresAt: instant(token.expiresAt),
    lastUsedAt: instant(token.lastUsedAt),
  };
}
