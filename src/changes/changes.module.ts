import { Global, Module } from '@nestjs/common';
import { EventBusModule } from './event-bus.module';
import { ChangeNotifier } from './change-notifier';

/** Global: every feature that writes injects ChangeNotifier. */
@Global()
@Module({
  imports: [EventBusModule],
  providers: [ChangeNotifier],
  exports: [ChangeNotifier],
})
export class ChangesModule {}
