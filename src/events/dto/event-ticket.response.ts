import { ApiProperty } from '@nestjs/swagger';

export class EventTicketResponse {
  @ApiProperty({ description: 'Single use: `GET /api/events?ticket=…` within `expiresIn` seconds', example: 'q3Jx0mVb4Yt0fXyN0t2m8cQ1WlZ9rA7sK5uP3dE6hGk' })
  ticket!: string;

  @ApiProperty({ example: 60 })
  expiresIn!: number;
}
