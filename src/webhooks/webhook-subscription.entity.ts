import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The groups a change webhook may name (API.md § Change webhooks). */
export const WEBHOOK_EVENTS = ['records', 'habits', 'categories', 'profile'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * A change webhook of a user. The secret is kept sealed (outbound/SecretBox); instants are epoch
 * milliseconds. `leaseOwner`/`leaseUntil`: the instance delivering to it now (one at a time, so
 * deliveries go out in commit order).
 */
@Entity('webhook_subscriptions')
export class WebhookSubscription {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  /** Comma-separated WebhookEvents. */
  @Column({ type: 'varchar', length: 64 })
  events: string;

  @Column({ name: 'secret_sealed', type: 'varchar', length: 255 })
  secretSealed: string;

  @Column({ name: 'created_at', type: 'double precision' })
  createdAt: number;

  @Column({ name: 'last_success_at', type: 'double precision', nullable: true })
  lastSuccessAt: number | null;

  /** Failed attempts since the last success. */
  @Column({ type: 'integer', default: 0 })
  failures: number;

  /** The first failure since the last success (24 h later without one, the subscription is disabled). */
  @Column({ name: 'failing_since', type: 'double precision', nullable: true })
  failingSince: number | null;

  @Column({ name: 'disabled_at', type: 'double precision', nullable: true })
  disabledAt: number | null;

  @Column({ name: 'lease_owner', type: 'varchar', length: 36, nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'lease_until', type: 'double precision', nullable: true })
  leaseUntil: number | null;
}

export function eventsOf(subscription: Pick<WebhookSubscription, 'events'>): WebhookEvent[] {
  return subscription.events.split(',').filter((event): event is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(event));
}
