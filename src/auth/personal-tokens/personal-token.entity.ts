import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TokenScope } from '../../common/auth/auth-user';

/**
 * A personal access token (API.md § Auth: for scripts and home automation). Only the SHA-256 of
 * its secret is kept; instants are epoch milliseconds. A revoked token is deleted.
 */
@Entity('personal_access_tokens')
export class PersonalToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 5 })
  scope: TokenScope;

  @Column({ name: 'secret_hash', type: 'varchar', length: 64 })
  secretHash: string;

  @Column({ name: 'created_at', type: 'double precision' })
  createdAt: number;

  /** Null: the token lasts until it is revoked (or the account goes). */
  @Column({ name: 'expires_at', type: 'double precision', nullable: true })
  expiresAt: number | null;

  /** The last use, to the minute (TokenUsage writes it at most about once a minute per token). */
  @Column({ name: 'last_used_at', type: 'double precision', nullable: true })
  lastUsedAt: number | null;
}

/** Whether the token may still be used at `now`. */
export function isLiveToken(token: Pick<PersonalToken, 'expiresAt'>, now: number): boolean {
  return token.expiresAt === null || token.expiresAt > now;
}
