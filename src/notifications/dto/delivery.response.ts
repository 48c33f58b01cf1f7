import { ApiProperty } from '@nestjs/swagger';
import { DELIVERY_KINDS, DELIVERY_STATUSES, DeliveryKind, DeliveryStatus, NotificationDelivery } from '../notification-delivery.entity';

export class DeliveryResponse {
  @ApiProperty({ description: 'Stable across retries (the `webhook-id`)' }) id: string;
  @ApiProperty({ enum: DELIVERY_KINDS }) kind: DeliveryKind;
  @ApiProperty({ type: Number, nullable: true, description: 'The channel (for a change: the change webhook subscription)' }) channelId: number | null;
  @ApiProperty({ type: Number, nullable: true }) reminderId: number | null;
  @ApiProperty({ type: Number, nullable: true }) habitId: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) date: string | null;
  @ApiProperty({ enum: DELIVERY_STATUSES, description: '`pending` while retries remain, `failed` once none does' }) status: DeliveryStatus;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was skipped or why its last attempt failed' }) reason: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty({ format: 'date-time', description: 'Its last attempt, or the skip' }) at: string;
}

export class TestNotificationResponse {
  @ApiProperty({ description: 'How many deliveries were queued (one per channel; see the deliveries for their outcome)' }) queued: number;
}

export function toDeliveryResponse(row: NotificationDelivery): DeliveryResponse {
  const { id, kind, channelId, reminderId, habitId, date, status, reason, attempts } = row;
  return { id, kind, channelId, reminderId, habitId, date, status, reason, attempts, at: new Date(row.at).toISOString() };
}
