import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One login (API.md § Sessions). Instants are epoch milliseconds. Only SHA-256 hashes of refresh
 * tokens are stored: the live one, and the one it replaced (for the grace window). An ended
 * session is deleted, so every token naming it is refused.
 */
@Entity('sessions')
export class Session {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent: string | null;

  @Column({ name: 'created_at', type: 'double precision' })
  createdAt: number;

  @Column({ name: 'last_used_at', type: 'double precision' })
  lastUsedAt: number;

  /** The absolute end (login + AUTH_SESSION_MAX_DAYS); rotation never moves it. */
  @Column({ name: 'expires_at', type: 'double precision' })
  expiresAt: number;

  @Column({ name: 'refresh_hash', type: 'varchar', length: 64 })
  refreshHash: string;

  @Column({ name: 'previous_hash', type: 'varchar', length: 64, nullable: true })
  previousHash: string | null;

  /** When `previousHash` was spent (replaced by `refreshHash`). */
  @Column({ name: 'replaced_at', type: 'double precision', nullable: true })
  replacedAt: number | null;
}
