import { Injectable } from '@nestjs/common';
import { SecretBox } from '../outbound/secret-box';
import { webhookSecretKey } from '../outbound/standard-webhooks';
import { WebPushSender } from '../outbound/web-push-sender';
import { AttemptOutcome } from '../outbound/guarded-post';
import { WebhookPoster } from '../outbound/webhook-poster';
import { Clock } from '../common/clock';
import { ChannelsRepository } from './channels.repository';
import { DeliveryPayload, pushBody, webhookBody } from './delivery-payload';
import { NotificationDelivery } from './notification-delivery.entity';
import { VapidKeys } from './vapid-keys';

/** An attempt's outcome; `gone` when the channel no longer exists (deleted, or removed after a 404/410). */
export type ChannelOutcome = AttemptOutcome | { result: 'gone'; status: null; reason: string };

/** Sends one delivery to its channel: Web Push or a signed webhook. */
@Injectable()
export class ChannelTransport {
  constructor(
    private readonly channels: ChannelsRepository,
    private readonly push: WebPushSender,
    private readonly poster: WebhookPoster,
    private readonly secrets: SecretBox,
    private readonly vapid: VapidKeys,
    private readonly clock: Clock,
  ) {}

  send(delivery: NotificationDelivery): Promise<ChannelOutcome> {
    const payload = JSON.parse(delivery.payload ?? 'null') as DeliveryPayload;
    return delivery.channelKind === 'push' ? this.sendPush(delivery, payload) : this.sendWebhook(delivery, payload);
  }

  private async sendPush(delivery: NotificationDelivery, payload: DeliveryPayload): Promise<ChannelOutcome> {
    const channel = await this.channels.findPush(delivery.channelId!);
    if (!channel) return { result: 'gone', status: null, reason: 'channel deleted' };
    const topic = payload.habitId === null ? 'test' : `habit-${payload.habitId}`;
    return this.push.send(channel, { payload: pushBody(payload), topic }, await this.vapid.identity());
  }

  private async sendWebhook(delivery: NotificationDelivery, payload: DeliveryPayload): Promise<ChannelOutcome> {
    const channel = await this.channels.findWebhook(delivery.channelId!);
    if (!channel) return { result: 'gone', status: null, reason: 'channel deleted' };
    const key = webhookSecretKey(this.secrets.open(channel.secretSealed))!;
    return this.poster.post({ url: channel.url, key, id: delivery.id, body: webhookBody(payload), timestampSeconds: Math.floor(this.clock.now() / 1000) });
  }
}
