import { ApiProperty } from '@nestjs/swagger';
import { Session } from '../session.entity';
import { refreshExpiresAt } from '../session-rules';

export class SessionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) lastUsedAt: string;
  @ApiProperty({ format: 'date-time', description: 'When the session ends unless used again (the earlier of the idle and the absolute limit)' })
  expiresAt: string;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty({ description: 'The session of the access token that asks' }) current: boolean;
}

export function toSessionResponse(session: Session, currentSessionId: string, idleMs: number): SessionResponse {
  return {
    id: session.id,
    createdAt: new Date(session.createdAt).toISOString(),
    lastUsedAt: new Date(session.lastUsedAt).toISOString(),
    expiresAt: new Date(refreshExpiresAt(session, idleMs)).toISOString(),
    userAgent: session.userAgent,
    current: session.id === currentSessionId,
  };
}
