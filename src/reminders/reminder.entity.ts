import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A reminder of a habit (API.md § Reminders and notifications). Instants are epoch milliseconds;
 * `nextAt` is the next instant it fires (null: disabled or never), kept up to date inside every
 * write that could move it (NextAtHook) and found by the scheduler through its index.
 */
@Entity('reminders')
export class Reminder {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'habit_id', type: 'integer' })
  habitId: number;

  /** Wall-clock `HH:MM` in the user's time zone. */
  @Column({ type: 'varchar', length: 5 })
  time: string;

  /** ISO weekdays, comma-separated in ascending order (`1,2,3`). */
  @Column({ type: 'varchar', length: 13 })
  days: string;

  @Column({ name: 'only_if_not_done', type: 'boolean', default: true })
  onlyIfNotDone: boolean;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Index()
  @Column({ name: 'next_at', type: 'double precision', nullable: true })
  nextAt: number | null;

  @Column({ name: 'created_at', type: 'double precision' })
  createdAt: number;

  @Column({ name: 'updated_at', type: 'double precision' })
  updatedAt: number;
}

/** One (reminder, date) that fired or was skipped: the unique row two instances race to insert. */
@Entity('reminder_firings')
@Index(['reminderId', 'date'], { unique: true })
export class ReminderFiring {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'reminder_id', type: 'integer' })
  reminderId: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 10 })
  date: string;

  /** `sent` (handed to the channels) or a skip reason (`late`, `done`). */
  @Column({ type: 'varchar', length: 16 })
  outcome: string;

  @Column({ name: 'created_at', type: 'double precision' })
  createdAt: number;
}

export function daysOf(reminder: Pick<Reminder, 'days'>): number[] {
  return reminder.days.split(',').map(Number);
}
