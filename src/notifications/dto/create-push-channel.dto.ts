import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsNumber, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class PushKeysDto {
  @ApiProperty({ description: "The subscription's P-256 public key: base64url of 65 bytes" })
  @IsString()
  @MaxLength(100)
  p256dh: string;

  @ApiProperty({ description: "The subscription's auth secret: base64url of 16 bytes" })
  @IsString()
  @MaxLength(50)
  auth: string;
}

/** A browser's `PushSubscription.toJSON()`. */
export class CreatePushChannelDto {
  @ApiProperty({ maxLength: 2048, example: 'https://fcm.googleapis.com/fcm/send/abc…' })
  @IsString()
  @MaxLength(2048)
  endpoint: string;

  @ApiProperty({ type: PushKeysDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PushKeysDto)
  keys: PushKeysDto;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'What `toJSON()` carries; ignored' })
  @IsOptional()
  @IsNumber()
  expirationTime?: number | null;
}
