import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateWebhookChannelDto {
  @ApiProperty({ maxLength: 2048, example: 'https://ntfy.example.org/habits' })
  @IsString()
  @MaxLength(2048)
  url: string;

  @ApiPropertyOptional({ description: '`whsec_` and the base64 of 24 to 64 random bytes; generated when absent' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  secret?: string;
}
