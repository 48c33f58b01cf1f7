import { ApiProperty } from '@nestjs/swagger';
import { PushChannel } from '../push-channel.entity';
import { WebhookChannel } from '../webhook-channel.entity';

export class PushChannelResponse {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ['push'] }) kind: 'push';
  @ApiProperty({ example: 'https://fcm.googleapis.com', description: "The push service's origin (the endpoint itself is a secret)" }) endpointOrigin: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSuccessAt: string | null;
  @ApiProperty({ description: 'Failed attempts since the last success' }) failures: number;
}

export class WebhookChannelResponse {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ['webhook'] }) kind: 'webhook';
  @ApiProperty() url: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSuccessAt: string | null;
  @ApiProperty({ description: 'Failed attempts since the last success' }) failures: number;
}

export class CreatedWebhookChannelResponse extends WebhookChannelResponse {
  @ApiProperty({ description: 'The signing secret (`whsec_…`), shown this once' }) secret: string;
}

export class ChannelsResponse {
  @ApiProperty({ type: PushChannelResponse, isArray: true }) push: PushChannelResponse[];
  @ApiProperty({ type: WebhookChannelResponse, isArray: true }) webhooks: WebhookChannelResponse[];
}

export class VapidKeyResponse {
  @ApiProperty({ description: "The server's VAPID public key (base64url, uncompressed P-256 point), for `PushManager.subscribe`" }) publicKey: string;
}

const instant = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toPushChannelResponse(channel: PushChannel): PushChannelResponse {
  const { id, createdAt, lastSuccessAt, failures } = channel;
  return { id, kind: 'push', endpointOrigin: new URL(channel.endpoint).origin, createdAt: new Date(createdAt).toISOString(), lastSuccessAt: instant(lastSuccessAt), failures };
}

export function toWebhookChannelResponse(channel: WebhookChannel): WebhookChannelResponse {
  const { id, url, createdAt, lastSuccessAt, failures } = channel;
  return { id, kind: 'webhook', url, createdAt: new Date(createdAt).toISOString(), lastSuccessAt: instant(lastSuccessAt), failures };
}
