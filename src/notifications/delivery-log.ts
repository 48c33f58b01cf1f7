import { Injectable } from '@nestjs/common';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryStatus } from './notification-delivery.entity';

export interface ChangeAttempt {
  /** The delivery's `webhook-id` (stable across retries). */
  id: string;
  userId: number;
  subscriptionId: number;
  status: Extract<DeliveryStatus, 'pending' | 'sent' | 'failed'>;
  reason: string | null;
  attempts: number;
  at: number;
}

/**
 * Where change webhooks (src/webhooks, which sends them its own way, in commit order) record each
 * attempt, so that they appear in `GET /api/notifications/deliveries` with `kind: "change"`.
 */
@Injectable()
export class DeliveryLog {
  constructor(private readonly deliveries: DeliveriesRepository) {}

  async recordChange(attempt: ChangeAttempt): Promise<void> {
    const { id, userId, subscriptionId, status, reason, attempts, at } = attempt;
    await this.deliveries.upsert({
      id,
      userId,
      kind: 'change',
      channelId: subscriptionId,
      channelKind: 'webhook',
      reminderId: null,
      habitId: null,
      date: null,
      status,
      reason,
      attempts,
      at,
      nextAttemptAt: null,
      payload: null,
      firesAt: null,
    });
  }
}
