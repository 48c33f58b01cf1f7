import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { SecretBox } from './secret-box';
import { WebPushSender } from './web-push-sender';
import { WebhookPoster } from './webhook-poster';

/** The one path that calls out (API.md § Outbound addresses, § Webhooks, § Web Push): signing, the address guard, the 5 s deadline. */
@Module({
  providers: [WebhookPoster, WebPushSender, { provide: SecretBox, inject: [AppConfig], useFactory: (config: AppConfig) => new SecretBox(config.jwt.secret) }],
  exports: [WebhookPoster, WebPushSender, SecretBox],
})
export class OutboundModule {}
