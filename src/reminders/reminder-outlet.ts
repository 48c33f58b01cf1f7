import { EntityManager } from 'typeorm';
import { ReminderNotice, ReminderSkip } from '../notifications/reminder-notice';

/**
 * Where fired reminders go: the notification channels' dispatcher (src/notifications), seen from
 * here through the three calls the scheduler needs. Both writes join the scheduler's transaction,
 * so a claim, its deliveries and the reminder's next instant commit together.
 */
export abstract class ReminderOutlet {
  /** Queues one delivery per channel of the user; how many (0: the user has none). */
  abstract enqueueReminder(manager: EntityManager, notice: ReminderNotice): Promise<number>;
  /** Records a firing that did not go out, as a delivery with `status: "skipped"`. */
  abstract recordSkip(manager: EntityManager, skip: ReminderSkip): Promise<void>;
  /** After the commit: start delivering now rather than at the next poll. */
  abstract wake(): void;
}
