import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class EventsQuery {
  @ApiPropertyOptional({ description: 'A ticket from `POST /api/events/ticket`, instead of the Authorization header (EventSource cannot send headers)' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  ticket?: string;
}
