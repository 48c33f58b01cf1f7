import { ApiProperty } from '@nestjs/swagger';
import { eventsOf, WEBHOOK_EVENTS, WebhookEvent, WebhookSubscription } from '../webhook-subscription.entity';

export class WebhookSubscriptionResponse {
  @ApiProperty() id: number;
  @ApiProperty() url: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events: WebhookEvent[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSuccessAt: string | null;
  @ApiProperty({ description: 'Failed attempts since the last success' }) failures: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set after 24 h of failures without a success; delete and create it again to enable it' })
  disabledAt: string | null;
}

export class CreatedWebhookSubscriptionResponse extends WebhookSubscriptionResponse {
  @ApiProperty({ description: 'The signing secret (`whsec_…`), shown this once' }) secret: string;
}

const instant = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toWebhookSubscriptionResponse(subscription: WebhookSubscription): WebhookSubscriptionResponse {
  return {
    id: subscription.id,
    url: subscription.url,
    events: eventsOf(subscription),
    createdAt: new Date(subscription.createdAt).toISOString(),
    lastSuccessAt: instant(subscription.lastSuccessAt),
    failures: subscription.failures,
    disabledAt: instant(subscription.disabledAt),
  };
}
