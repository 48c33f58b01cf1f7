import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboundModule } from '../outbound/outbound.module';
import { SessionsModule } from '../sessions/sessions.module';
import { ChannelTransport } from './channel-transport';
import { ChannelsRepository } from './channels.repository';
import { DeliveriesRepository } from './deliveries.repository';
import { NotificationDelivery } from './notification-delivery.entity';
import { NotificationDispatcher } from './notification-dispatcher';
import { NotificationSender } from './notification-sender';
import { NotificationStats } from './notification-stats';
import { PushChannel } from './push-channel.entity';
import { ServerKey } from './server-key.entity';
import { VapidKeys } from './vapid-keys';
import { WebhookChannel } from './webhook-channel.entity';

/** Notification channels (Web Push, webhooks), the deliveries log and its sender (API.md § Reminders and notifications). */
@Module({
  imports: [TypeOrmModule.forFeature([PushChannel, WebhookChannel, NotificationDelivery, ServerKey]), OutboundModule, SessionsModule],
  providers: [ChannelsRepository, DeliveriesRepository, ChannelTransport, NotificationSender, NotificationDispatcher, NotificationStats, VapidKeys],
  exports: [NotificationDispatcher, NotificationStats],
})
export class NotificationsModule {}
