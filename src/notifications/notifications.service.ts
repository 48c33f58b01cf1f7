import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UserWrites } from '../changes/user-writes';
import { Clock } from '../common/clock';
import { ChannelsRepository } from './channels.repository';
import { DeliveriesRepository, NewDelivery } from './deliveries.repository';
import { DeliveryPayload } from './delivery-payload';
import { DEFAULT_DELIVERIES_LIMIT } from './dto/deliveries.query';
import { DeliveryResponse, toDeliveryResponse } from './dto/delivery.response';
import { NotificationSender, DELIVERIES_KEPT_MS } from './notification-sender';
import { TEST_TEXTS } from './test-texts';

/** The test notification and the deliveries log (API.md § Reminders and notifications). */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly channels: ChannelsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly sender: NotificationSender,
    private readonly writes: UserWrites,
    private readonly clock: Clock,
  ) {}

  /** One test delivery per channel, queued in one transaction and sent at once; the number queued. */
  async sendTest(userId: number): Promise<number> {
    const queued = await this.writes.write(userId, [], async ({ manager }) => {
      const texts = TEST_TEXTS[await this.channels.localeOf(manager, userId)];
      const now = this.clock.now();
      const payload: DeliveryPayload = { type: 'test', at: new Date(now).toISOString(), habitId: null, habitName: null, date: null, doneUrl: null, ...texts };
      const batch = randomUUID();
      const rows: NewDelivery[] = (await this.channels.refsOf(manager, userId)).map((channel) => ({
        id: `test_${batch}_${channel.kind}${channel.id}`,
        userId,
        kind: 'test',
        channelId: channel.id,
        channelKind: channel.kind,
        reminderId: null,
        habitId: null,
        date: null,
        status: 'pending',
        reason: null,
        attempts: 0,
        at: now,
        nextAttemptAt: now,
        payload: JSON.stringify(payload),
        firesAt: now,
      }));
      await this.deliveries.insertNew(manager, rows);
      return rows.length;
    });
    this.sender.wake();
    return queued;
  }

  /** Newest first by `at`; rows older than 30 days are not shown (and the sender prunes them). */
  async list(userId: number, limit = DEFAULT_DELIVERIES_LIMIT): Promise<DeliveryResponse[]> {
    return (await this.deliveries.listOwned(userId, this.clock.now() - DELIVERIES_KEPT_MS, limit)).map(toDeliveryResponse);
  }
}
