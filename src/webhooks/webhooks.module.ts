import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboundModule } from '../outbound/outbound.module';
import { SessionsModule } from '../sessions/sessions.module';
import { ChangeDeliveries } from './change-deliveries';
import { ChangeOutboxHook } from './change-outbox-hook';
import { ChangeReader } from './change-reader';
import { WebhookOutbox } from './webhook-outbox.entity';
import { WebhookSubscription } from './webhook-subscription.entity';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Change webhooks (API.md § Change webhooks): subscriptions, the outbox hook on the write door, ordered signed deliveries. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookSubscription, WebhookOutbox]), AuthModule, SessionsModule, OutboundModule, NotificationsModule],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhooksRepository, ChangeReader, ChangeOutboxHook, ChangeDeliveries],
})
export class WebhooksModule {}
