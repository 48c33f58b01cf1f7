import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { WEBHOOK_EVENTS, WebhookEvent } from '../webhook-subscription.entity';

export class CreateWebhookDto {
  @ApiProperty({ maxLength: 2048, example: 'https://homeassistant.example.org/api/webhook/habits' })
  @IsString()
  @MaxLength(2048)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, minItems: 1, description: 'The groups whose changes are delivered' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEvent[];

  @ApiPropertyOptional({ description: '`whsec_` and the base64 of 24 to 64 random bytes; generated when absent' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  secret?: string;
}
