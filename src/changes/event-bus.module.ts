import { Global, Module } from '@nestjs/common';
import { EventBus } from './event-bus';
import { FeedStats } from './feed-stats';

/** The feed's fan-out and counters; global so that ChangeNotifier, the streams and /metrics share them. */
@Global()
@Module({
  providers: [EventBus, FeedStats],
  exports: [EventBus, FeedStats],
})
export class EventBusModule {}
