import { Counter, Registry } from 'prom-client';
import { ReminderStats } from '../reminders/reminder-stats';

/** Reminders of this instance's scheduler: due (claimed), sent (handed to the channels), skipped by reason. */
export function registerReminderMetrics(registers: Registry[], stats: ReminderStats): void {
  new Counter({
    name: 'reminders_due_total',
    help: 'Reminder firings claimed by this instance (each (reminder, date) is claimed once, by one instance)',
    registers,
    collect() {
      this.reset();
      this.inc(stats.due);
    },
  });
  new Counter({
    name: 'reminders_sent_total',
    help: 'Reminder firings handed to the notification channels (deliveries queued)',
    registers,
    collect() {
      this.reset();
      this.inc(stats.sent);
    },
  });
  new Counter({
    name: 'reminders_skipped_total',
    help: 'Reminder firings recorded as skipped, by reason (late, done, no-channels)',
    labelNames: ['reason'],
    registers,
    collect() {
      this.reset();
      for (const [reason, count] of Object.entries(stats.skipped)) this.inc({ reason }, count);
    },
  });
}
