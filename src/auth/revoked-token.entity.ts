import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A logged-out token (by its `jti`), refused until it would have expired anyway. */
@Entity('revoked_tokens')
export class RevokedToken {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  jti: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  /** Unix seconds: the token's own `exp`; the row may be purged after it. */
  @Index()
  @Column({ name: 'expires_at', type: 'integer' })
  expiresAt: number;
}
