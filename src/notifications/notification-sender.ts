import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { Clock } from '../common/clock';
import { APP_LOGGER } from '../logging/app-logger';
import { ChannelsRepository } from './channels.repository';
import { ChannelOutcome, ChannelTransport } from './channel-transport';
import { DeliveriesRepository, DeliverySettlement } from './deliveries.repository';
import { NotificationDelivery } from './notification-delivery.entity';
import { NotificationStats } from './notification-stats';

/** API.md § Webhooks (and Web Push alike): a retryable failure is tried again after about 1, 5 and 30 minutes. */
export const RETRY_DELAYS_MS = [60_000, 300_000, 1_800_000];
/** The deliveries log keeps 30 days. */
export const DELIVERIES_KEPT_MS = 30 * 86_400_000;
const POLL_MS = 1000;
/** Far above one attempt (5 s): a row whose sender died is taken over after this, with the same id. */
const LEASE_MS = 60_000;
const BATCH = 20;
/** Attempts in flight at once per instance. */
const CONCURRENT = 8;
const PRUNE_EVERY_MS = 3_600_000;
/** Recording a lease's end or an attempt's outcome is tried this many times (the database may be busy for a moment). */
const DATABASE_ATTEMPTS = 4;

/** The request went out, but its outcome could not be written: the row keeps its lease (no second send before it runs out). */
class OutcomeNotRecorded extends Error {
  constructor(cause: Error) {
    super(cause.message);
  }
}

/**
 * Sends the due `pending` deliveries: each under a lease in the database (one instance at a time
 * per row), then settles it: sent, pending again (a retry), or failed. Polls every second and on
 * `wake()`; on shutdown it starts nothing new and waits for the attempt in flight.
 */
@Injectable()
export class NotificationSender implements OnModuleInit, OnApplicationShutdown {
  private readonly owner = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private prunedAt = 0;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly channels: ChannelsRepository,
    private readonly transport: ChannelTransport,
    private readonly stats: NotificationStats,
    private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => this.wake(), POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs a pass now, or right after the one running. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'notification deliveries paused'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /**
   * Sends due rows, a batch at a time, until none is left (or shutdown). Up to CONCURRENT attempts
   * of a batch run at once: a receiver that takes its 5 s must not hold back every other one.
   */
  private async pass(): Promise<void> {
    await this.prune();
    for (let batch = await this.nextBatch(); batch.length > 0 && !this.stopped; batch = batch.length === BATCH ? await this.nextBatch() : []) {
      const queue = [...batch];
      await Promise.all(Array.from({ length: CONCURRENT }, () => this.drain(queue)));
    }
  }

  /**
   * One row at a time. A row the database failed before its request went out is given back at once
   * (due again at the next pass); one whose outcome could not be recorded after its request went
   * out stays leased and is tried again, with the same id, when its lease runs out.
   */
  private async drain(queue: string[]): Promise<void> {
    for (let id = queue.shift(); id !== undefined && !this.stopped; id = queue.shift()) {
      try {
        const delivery = await this.deliveries.lease(id, this.owner, this.clock.now(), this.clock.now() + LEASE_MS);
        if (delivery) await this.attempt(delivery);
      } catch (error) {
        const sent = error instanceof OutcomeNotRecorded;
        this.logger.warn({ delivery: id, err: (error as Error).message }, sent ? 'notification delivery outcome not recorded; tried again when its lease runs out' : 'notification delivery not attempted; due again');
        if (!sent) await this.retried(() => this.deliveries.release(id, this.owner)).catch(() => undefined);
      }
    }
  }

  private nextBatch(): Promise<string[]> {
    return this.deliveries.dueIds(this.clock.now(), BATCH);
  }

  private async attempt(delivery: NotificationDelivery): Promise<void> {
    const outcome = await this.transport.send(delivery);
    const now = this.clock.now();
    const settlement = await this.settlementOf(delivery, outcome, now).catch((error: Error) => Promise.reject(new OutcomeNotRecorded(error)));
    await this.retried(() => this.deliveries.settle(delivery.id, this.owner, settlement)).catch((error: Error) => Promise.reject(new OutcomeNotRecorded(error)));
    this.logger.info(
      { delivery: delivery.id, kind: delivery.kind, channel: delivery.channelKind, channelId: delivery.channelId, attempt: settlement.attempts, status: settlement.status, httpStatus: outcome.status, reason: settlement.reason },
      'notification delivery attempt',
    );
  }

  /** A database step retried while the database is busy for a moment (recording an outcome must not be lost to it). */
  private async retried(step: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await step();
      } catch (error) {
        if (attempt >= DATABASE_ATTEMPTS || this.stopped) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
  }

  private async settlementOf(delivery: NotificationDelivery, outcome: ChannelOutcome, now: number): Promise<DeliverySettlement> {
    const attempts = delivery.attempts + 1;
    const kind = delivery.channelKind!;
    const labels = { kind: delivery.kind, channel: kind };
    if (outcome.result === 'sent') {
      await this.retried(() => this.channels.succeeded(kind, delivery.channelId!, now));
      this.stats.sent.inc(labels);
      if (delivery.firesAt !== null) this.stats.latency.observe(labels, Math.max(0, now - delivery.firesAt) / 1000);
      return { status: 'sent', reason: null, attempts, at: now, nextAttemptAt: null };
    }
    if (outcome.result !== 'gone') await this.retried(() => this.channels.failed(kind, delivery.channelId!));
    if (kind === 'push' && (outcome.status === 404 || outcome.status === 410)) {
      await this.channels.removePush(delivery.channelId!);
      this.stats.removals.inc();
    }
    if (outcome.result === 'retry' && attempts <= RETRY_DELAYS_MS.length) {
      this.stats.retries.inc(labels);
      return { status: 'pending', reason: outcome.reason, attempts, at: now, nextAttemptAt: now + RETRY_DELAYS_MS[attempts - 1] };
    }
    this.stats.failed.inc(labels);
    return { status: 'failed', reason: outcome.reason, attempts, at: now, nextAttemptAt: null };
  }

  private async prune(): Promise<void> {
    const now = this.clock.now();
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    await this.deliveries.pruneBefore(now - DELIVERIES_KEPT_MS);
  }
}
