import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EventStreams } from './event-streams';
import { EventTickets } from './event-tickets';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { StreamSlots } from './stream-slots';

/** The change feed: GET /api/events, its tickets, this instance's streams (the bus is in EventBusModule). */
@Module({
  imports: [AuthModule],
  controllers: [EventsController],
  providers: [EventsService, EventStreams, EventTickets, StreamSlots],
})
export class EventsModule {}
