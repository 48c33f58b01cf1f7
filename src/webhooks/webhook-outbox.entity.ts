import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One committed write still to be delivered to one subscription, written in the write's own
 * transaction (so none is lost, and their ids follow commit order per user). Its changes are read
 * at delivery from the rows stamped with `revision`, in chunks: `segment`/`afterId` say where
 * the next chunk starts, `chunk` is its number (part of the stable `webhook-id`).
 */
@Entity('webhook_outbox')
export class WebhookOutbox {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'subscription_id', type: 'integer' })
  subscriptionId: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'integer' })
  revision: number;

  /** Comma-separated change groups of the write. */
  @Column({ type: 'varchar', length: 64 })
  groups: string;

  @Column({ type: 'integer', default: 0 })
  chunk: number;

  @Column({ type: 'integer', default: 0 })
  segment: number;

  @Column({ name: 'after_id', type: 'integer', default: 0 })
  afterId: number;

  /** Failed attempts of the current chunk. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'double precision' })
  nextAttemptAt: number;

  @Column({ name: 'created_at', type: 'double precision' })
  createdAt: number;
}
