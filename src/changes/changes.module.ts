import { Global, Module } from '@nestjs/common';
import { ChangeNotifier } from './change-notifier';

/** Global: every feature that writes injects ChangeNotifier. */
@Global()
@Module({
  providers: [ChangeNotifier],
  exports: [ChangeNotifier],
})
export class ChangesModule {}
