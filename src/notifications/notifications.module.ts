import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboundModule } from '../outbound/outbound.module';
import { AuthModule } from '../auth/auth.module';
import { SessionsModule } from '../sessions/sessions.module';
import { ChannelTransport } from './channel-transport';
import { ChannelsService } from './channels.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { ChannelsRepository } from './channels.repository';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryLog } from './delivery-log';
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
  imports: [TypeOrmModule.forFeature([PushChannel, WebhookChannel, NotificationDelivery, ServerKey]), AuthModule, SessionsModule, OutboundModule],
  controllers: [NotificationsController],
  providers: [ChannelsService, NotificationsService, ChannelsRepository, DeliveriesRepository, ChannelTransport, NotificationSender, NotificationDispatcher, NotificationStats, VapidKeys, DeliveryLog],
  exports: [NotificationDispatcher, NotificationStats, DeliveryLog],
})
export class NotificationsModule {}
