import { Injectable } from '@nestjs/common';
import { ReminderSkipReason } from '../notifications/reminder-notice';

/** Counters of the reminders scheduler on this instance, read by /metrics. */
@Injectable()
export class ReminderStats {
  /** Firings this instance claimed (each (reminder, date) is claimed by one instance, once). */
  due = 0;
  /** Firings handed to the channels (one or more deliveries queued). */
  sent = 0;
  readonly skipped: Record<ReminderSkipReason, number> = { late: 0, done: 0, 'no-channels': 0 };
}
