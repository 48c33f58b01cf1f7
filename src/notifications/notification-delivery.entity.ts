import { Column, Entity, PrimaryColumn } from 'typeorm';

export const DELIVERY_KINDS = ['reminder', 'test', 'change'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const CHANNEL_KINDS = ['push', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/**
 * One notification to one channel: the log of `GET /api/notifications/deliveries` and, while
 * `pending`, the send queue. The id is stable (the `webhook-id`, kept across retries); the lease
 * (`leaseOwner`/`leaseUntil`) lets one instance at a time send it. Instants are epoch ms.
 */
@Entity('notification_deliveries')
export class NotificationDelivery {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  id: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 16 })
  kind: DeliveryKind;

  /** The channel (a change delivery: the change webhook subscription). */
  @Column({ name: 'channel_id', type: 'integer', nullable: true })
  channelId: number | null;

  @Column({ name: 'channel_kind', type: 'varchar', length: 16, nullable: true })
  channelKind: ChannelKind | null;

  @Column({ name: 'reminder_id', type: 'integer', nullable: true })
  reminderId: number | null;

  @Column({ name: 'habit_id', type: 'integer', nullable: true })
  habitId: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  date: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: DeliveryStatus;

  @Column({ type: 'varchar', length: 255, nullable: true })
  reason: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Its last attempt, its skip, or (not yet tried) when it was queued. */
  @Column({ type: 'double precision' })
  at: number;

  @Column({ name: 'next_attempt_at', type: 'double precision', nullable: true })
  nextAttemptAt: number | null;

  /** What to send (DeliveryPayload as JSON); null once settled is fine too. */
  @Column({ type: 'text', nullable: true })
  payload: string | null;

  @Column({ name: 'lease_owner', type: 'varchar', length: 36, nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'lease_until', type: 'double precision', nullable: true })
  leaseUntil: number | null;

  /** The reminder's instant (latency is measured from it), or when a test was asked for. */
  @Column({ name: 'fires_at', type: 'double precision', nullable: true })
  firesAt: number | null;
}
