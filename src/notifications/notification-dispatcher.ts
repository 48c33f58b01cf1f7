import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { ChannelsRepository } from './channels.repository';
import { DeliveriesRepository, NewDelivery } from './deliveries.repository';
import { reminderPayload } from './delivery-payload';
import { NotificationSender } from './notification-sender';
import { ReminderNotice, ReminderSkip } from './reminder-notice';

/** The stable id of a reminder's delivery to one channel: the same (reminder, date, channel) is one row, ever. */
export function reminderDeliveryId(reminderId: number, date: string, channel: { kind: string; id: number }): string {
  return `rem_${reminderId}_${date}_${channel.kind}${channel.id}`;
}

/**
 * The one way a reminder reaches the user's channels (API.md § Reminders and notifications): the
 * scheduler queues it inside the transaction that claims (reminder, date), and wakes the sender
 * once that has committed.
 */
@Injectable()
export class NotificationDispatcher {
  constructor(
    private readonly channels: ChannelsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly sender: NotificationSender,
    private readonly clock: Clock,
  ) {}

  /** In the caller's transaction: one pending delivery per channel of the user; the number of channels. */
  async enqueueReminder(manager: EntityManager, notice: ReminderNotice): Promise<number> {
    const channels = await this.channels.refsOf(manager, notice.userId);
    const now = this.clock.now();
    const payload = JSON.stringify(reminderPayload(notice));
    const rows: NewDelivery[] = channels.map((channel) => ({
      ...reminderFields(notice),
      id: reminderDeliveryId(notice.reminderId, notice.date, channel),
      channelId: channel.id,
      channelKind: channel.kind,
      status: 'pending',
      reason: null,
      attempts: 0,
      at: now,
      nextAttemptAt: now,
      payload,
      firesAt: notice.firesAt,
    }));
    await this.deliveries.insertNew(manager, rows);
    return channels.length;
  }

  /** In the caller's transaction: a delivery with `status: "skipped"` and why. */
  async recordSkip(manager: EntityManager, skip: ReminderSkip): Promise<void> {
    const row: NewDelivery = {
      ...reminderFields(skip),
      id: `skip_${skip.reminderId}_${skip.date}`,
      channelId: null,
      channelKind: null,
      status: 'skipped',
      reason: skip.reason,
      attempts: 0,
      at: skip.at,
      nextAttemptAt: null,
      payload: null,
      firesAt: null,
    };
    await this.deliveries.insertNew(manager, [row]);
  }

  /** Runs the sender now (call it after the transaction committed). */
  wake(): void {
    this.sender.wake();
  }
}

function reminderFields(from: { userId: number; reminderId: number; habitId: number; date: string }) {
  return { userId: from.userId, kind: 'reminder' as const, reminderId: from.reminderId, habitId: from.habitId, date: from.date };
}
