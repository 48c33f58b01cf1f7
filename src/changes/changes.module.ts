import { Global, Module } from '@nestjs/common';
import { EventBusModule } from './event-bus.module';
import { ChangeNotifier } from './change-notifier';
import { UserWrites } from './user-writes';

/** Global: every feature that writes injects UserWrites (the door); sessions' ends go through ChangeNotifier. */
@Global()
@Module({
  imports: [EventBusModule],
  providers: [ChangeNotifier, UserWrites],
  exports: [ChangeNotifier, UserWrites],
})
export class ChangesModule {}
