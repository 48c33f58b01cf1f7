import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { EventBus, FeedListener } from '../changes/event-bus';
import { FeedMessage } from '../changes/feed-message';
import { ChangeAttempt, DeliveryLog } from '../notifications/delivery-log';
import { SecretBox } from '../outbound/secret-box';
import { webhookSecretKey } from '../outbound/standard-webhooks';
import { AttemptOutcome } from '../outbound/guarded-post';
import { WebhookPoster } from '../outbound/webhook-poster';
import { ChangeReader, Chunk } from './change-reader';
import { WebhookOutbox } from './webhook-outbox.entity';
import { eventsOf, WebhookEvent, WebhookSubscription } from './webhook-subscription.entity';
import { WebhooksRepository } from './webhooks.repository';

/** API.md § Webhooks: a network error, 408, 429 or 5xx is retried after about 1, 5 and 30 minutes. */
export const RETRY_DELAYS_MS = [60_000, 300_000, 1_800_000];
/** A subscription failing without a success for this long is disabled. */
export const DISABLE_AFTER_MS = 24 * 3_600_000;
const POLL_MS = 1000;
const LEASE_MS = 60_000;
const SUBSCRIPTIONS_PER_TICK = 20;

/**
 * Delivers the outbox: per subscription, one instance at a time (a lease in the database), the
 * oldest write first and its chunks in order, so a receiver gets changes in commit order. A write
 * on this instance wakes it at once; otherwise it polls every second (retries, other instances'
 * writes, restarts). A failed attempt is retried after 1, 5 and 30 minutes and the later writes
 * wait behind it; a final failure skips that chunk; 24 h of failures without a success disables
 * the subscription.
 */
@Injectable()
export class ChangeDeliveries implements OnModuleInit, OnApplicationShutdown, FeedListener {
  private readonly logger = new Logger(ChangeDeliveries.name);
  private readonly owner = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly reader: ChangeReader,
    private readonly poster: WebhookPoster,
    private readonly secrets: SecretBox,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly log: DeliveryLog,
  ) {}

  onModuleInit(): void {
    this.bus.listen(this);
    this.timer = setInterval(() => this.wake(), POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  message(message: FeedMessage): void {
    if (message.kind === 'change') this.wake();
  }

  resync(): void {
    this.wake();
  }

  /** Runs a pass now, or right after the one running. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((error: Error) => this.logger.warn(`Change webhook deliveries paused: ${error.message}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async pass(): Promise<void> {
    for (const id of await this.webhooks.dueSubscriptionIds(this.clock.now(), SUBSCRIPTIONS_PER_TICK)) {
      if (this.stopped) return;
      if (!(await this.webhooks.lease(id, this.owner, this.clock.now(), this.clock.now() + LEASE_MS))) continue;
      try {
        await this.drain(id);
      } finally {
        await this.webhooks.release(id, this.owner);
      }
    }
  }

  /** Delivers the subscription's due writes in order until it is empty, waiting for a retry, or disabled. */
  private async drain(id: number): Promise<void> {
    for (;;) {
      const subscription = await this.webhooks.findById(id);
      const row = await this.webhooks.head(id);
      if (this.stopped || !subscription || subscription.disabledAt !== null || !row || row.nextAttemptAt > this.clock.now()) return;
      if (!(await this.webhooks.lease(id, this.owner, this.clock.now(), this.clock.now() + LEASE_MS))) return;
      const wanted = new Set<WebhookEvent>(eventsOf(subscription).filter((event) => row.groups.split(',').includes(event)));
      const chunk = await this.reader.chunk(row.userId, row.revision, wanted, { segment: row.segment, afterId: row.afterId });
      if (chunk.changes.length === 0) {
        await this.webhooks.done(row.id);
        continue;
      }
      const outcome = await this.send(subscription, row, chunk);
      if (!(await this.settle(subscription, row, chunk, outcome))) return;
    }
  }

  private send(subscription: WebhookSubscription, row: WebhookOutbox, chunk: Chunk): Promise<AttemptOutcome> {
    const key = webhookSecretKey(this.secrets.open(subscription.secretSealed))!;
    const body = JSON.stringify({ type: 'change', at: new Date(row.createdAt).toISOString(), data: { changes: chunk.changes } });
    return this.poster.post({ url: subscription.url, key, id: deliveryIdOf(row), body, timestampSeconds: Math.floor(this.clock.now() / 1000) });
  }

  /** Records the outcome; true to go on with the next chunk, false to stop (a retry is due later, or disabled). */
  private async settle(subscription: WebhookSubscription, row: WebhookOutbox, chunk: Chunk, outcome: AttemptOutcome): Promise<boolean> {
    const now = this.clock.now();
    const logged = (status: ChangeAttempt['status'], reason: string | null) =>
      this.log.recordChange({ id: deliveryIdOf(row), userId: row.userId, subscriptionId: subscription.id, status, reason, attempts: row.attempts + 1, at: now });
    if (outcome.result === 'sent') {
      await this.webhooks.succeeded(subscription.id, now);
      await logged('sent', null);
      await this.advance(row, chunk, now);
      return true;
    }
    this.logger.warn(`Change webhook ${subscription.id}: attempt failed (${outcome.reason})`);
    await this.webhooks.failed(subscription, now);
    if (now - (subscription.failingSince ?? now) >= DISABLE_AFTER_MS) {
      await this.webhooks.disable(subscription.id, now);
      await logged('failed', `${outcome.reason}; subscription disabled`);
      return false;
    }
    if (outcome.result === 'retry' && row.attempts < RETRY_DELAYS_MS.length) {
      await this.webhooks.progress(row.id, { ...cursorOf(row), attempts: row.attempts + 1, nextAttemptAt: now + RETRY_DELAYS_MS[row.attempts] });
      await logged('pending', outcome.reason);
      return false;
    }
    await logged('failed', outcome.reason);
    await this.advance(row, chunk, now);
    return true;
  }

  private async advance(row: WebhookOutbox, chunk: Chunk, now: number): Promise<void> {
    if (chunk.last) return this.webhooks.done(row.id);
    await this.webhooks.progress(row.id, { chunk: row.chunk + 1, segment: chunk.next.segment, afterId: chunk.next.afterId, attempts: 0, nextAttemptAt: now });
  }
}

/** The `webhook-id` of a chunk: stable across its retries (and its id in the deliveries log). */
function deliveryIdOf(row: WebhookOutbox): string {
  return `change_${row.id}_${row.chunk}`;
}

function cursorOf(row: WebhookOutbox): Pick<WebhookOutbox, 'chunk' | 'segment' | 'afterId'> {
  return { chunk: row.chunk, segment: row.segment, afterId: row.afterId };
}
