/**
 * What the reminders scheduler hands to the notification channels when a reminder fires
 * (API.md § Reminders and notifications). Texts are already in the user's locale.
 */
export interface ReminderNotice {
  userId: number;
  reminderId: number;
  habitId: number;
  habitName: string;
  /** The date the reminder is about (the user's "today" at `firesAt`), YYYY-MM-DD. */
  date: string;
  /** The reminder's instant (ms since the epoch): delivery latency is measured from it. */
  firesAt: number;
  title: string;
  body: string;
  /** The "Done" action's label ("Done", "Hecho"). */
  actionTitle: string;
  /** `/api/reminders/done/<actionToken>`, absolute on PUBLIC_URL when that is set. */
  doneUrl: string;
}

/** Why a reminder did not go out; recorded as a delivery with `status: "skipped"`. */
export type ReminderSkipReason = 'late' | 'done' | 'no-channels';

export interface ReminderSkip {
  userId: number;
  reminderId: number;
  habitId: number;
  date: string;
  reason: ReminderSkipReason;
  at: number;
}
