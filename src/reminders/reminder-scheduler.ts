import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { todayFor } from '../common/dates/user-today';
import { AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { FiringContext } from './firing-context';
import { FiringCommit, ReminderFirer } from './reminder-firer';
import { nextFiring } from './next-firing';
import { RemindersRepository } from './reminders.repository';
import { ReminderOutlet } from './reminder-outlet';
import { ReminderStats } from './reminder-stats';

/** Due reminders taken per pass (the rest in the next pass, right after). */
const BATCH = 100;

/**
 * Fires due reminders (API.md § "Timing and uniqueness"). Every `REMINDER_POLL_MS` (and at start)
 * each instance reads the reminders whose next_at has passed, through its index, and handles each
 * in ONE transaction: the (reminder, date) claim (a unique row: a second instance or a rerun finds
 * it and does nothing), the deliveries or the skip, and the next instant. So N instances, restarts,
 * a killed process and a Redis flush never fire one twice nor lose one. Shutdown waits for the
 * transaction in progress (nothing is cut in half) and starts no other.
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReminderScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly reminders: RemindersRepository,
    private readonly transactions: TransactionRunner,
    private readonly firer: ReminderFirer,
    private readonly outlet: ReminderOutlet,
    private readonly stats: ReminderStats,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.wake(), this.config.reminders.pollMs);
    this.timer.unref();
    void this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs a pass now unless one is running; resolves when the pass is over (tests wait on it). */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.pass()
      .catch((error: Error) => this.logger.warn(`Reminders paused: ${error.message}`))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<void> {
    for (;;) {
      const ids = await this.reminders.dueIds(this.clock.now(), BATCH);
      // Each instance takes the due ones in an order of its own, so that instances racing for the
      // same minute mostly claim different reminders instead of queueing behind each other's claims.
      for (const id of shuffled(ids)) {
        if (this.stopped) break;
        const outcome = await this.transactions.run((manager) => this.fire(manager, id));
        this.count(outcome);
        if (outcome === 'sent') this.outlet.wake();
      }
      if (ids.length < BATCH || this.stopped) return;
    }
  }

  /** Counted once committed (a transaction that rolled back fired nothing). */
  private count(outcome: FiringCommit | 'none'): void {
    if (outcome === 'none' || outcome === 'taken') return;
    this.stats.due += 1;
    if (outcome === 'sent') this.stats.sent += 1;
    else this.stats.skipped[outcome] += 1;
  }

  /** One due reminder, in one transaction: re-checked, claimed, sent or skipped, and moved on. */
  private async fire(manager: EntityManager, id: number): Promise<FiringCommit | 'none'> {
    const now = this.clock.now();
    const reminder = await this.reminders.findById(manager, id);
    if (!reminder || reminder.nextAt === null || Number(reminder.nextAt) > now) return 'none';
    const firesAt = Number(reminder.nextAt);
    const context = await FiringContext.load(manager, reminder.userId, [reminder.habitId], (user) => todayFor(user, new Date(firesAt)));
    const rules = context?.rulesOf(reminder);
    const firing = rules ? nextFiring(rules, firesAt) : null;
    if (!context || !rules || !firing || firing.at !== firesAt) {
      // Its rules changed while it was due (archived, edited in the last seconds): not this one.
      await this.reminders.setNextAt(manager, id, rules ? (nextFiring(rules, now)?.at ?? null) : null);
      return 'none';
    }
    const outcome = await this.firer.fire(manager, reminder, context, firing, now);
    await this.reminders.setNextAt(manager, id, nextFiring(rules, firesAt + 1, firing.date)?.at ?? null);
    return outcome;
  }
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
