import { ReminderSkipReason } from '../notifications/reminder-notice';

export interface FiringFacts {
  /** The firing's instant (ms). */
  firesAt: number;
  now: number;
  /** REMINDER_LATE_LIMIT_MINUTES in ms. */
  lateLimitMs: number;
  onlyIfNotDone: boolean;
  /** The date already has a done or skipped record (quota schedules: the period's quota is met). */
  settled: boolean;
}

/** What a due firing becomes: sent, or skipped and why (API.md § "Timing and uniqueness", "When a reminder fires"). */
export function decideFiring(facts: FiringFacts): 'send' | Extract<ReminderSkipReason, 'late' | 'done'> {
  if (facts.now - facts.firesAt > facts.lateLimitMs) return 'late';
  if (facts.onlyIfNotDone && facts.settled) return 'done';
  return 'send';
}
