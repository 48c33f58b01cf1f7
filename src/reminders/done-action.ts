import { Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { isDoneRecord } from '../analytics/habit-history';
import { HabitsRepository } from '../habits/habits.repository';
import { RecordResponse, toRecordResponse } from '../records/dto/record.response';
import { HabitRecordsRepository } from '../records/habit-records.repository';
import { RecordsService } from '../records/records.service';
import { UsersRepository } from '../users/users.repository';
import { RemindersRepository } from './reminders.repository';
import { ActionGrant, actionTokenKey, endOfUserDate, readActionToken, signActionToken } from './action-token';

const INVALID = 'Unknown or expired action';

/**
 * The notification's "Done" button (API.md § The "Done" action): a signed capability for one
 * (habit, date), valid until that date ends for its owner. It writes through RecordsService.put,
 * the path of `PUT /api/habits/:id/records/:date` (cache, feed, sync and webhooks see it).
 */
@Injectable()
export class DoneAction {
  private readonly key: Buffer;
  private readonly publicUrl: string | null;

  constructor(
    config: AppConfig,
    private readonly habits: HabitsRepository,
    private readonly users: UsersRepository,
    private readonly records: HabitRecordsRepository,
    private readonly recordsService: RecordsService,
    private readonly reminders: RemindersRepository,
    private readonly clock: Clock,
  ) {
    this.key = actionTokenKey(config.jwt.secret);
    this.publicUrl = config.publicUrl;
  }

  /** `/api/reminders/done/<token>`, absolute on PUBLIC_URL when that is set. */
  doneUrl(owner: { timezone: string; dayStartHour: number }, habitId: number, date: string): string {
    const grant: ActionGrant = { habitId, date, expiresAt: endOfUserDate(owner, date) };
    const path = `/api/reminders/done/${signActionToken(this.key, grant)}`;
    return this.publicUrl ? `${this.publicUrl}${path}` : path;
  }

  async markDone(token: string): Promise<RecordResponse> {
    const grant = readActionToken(this.key, token, this.clock.now());
    if (!grant) throw new NotFoundException(INVALID);
    const user = await this.users.findById(await this.ownerOf(grant.habitId));
    const habit = user && (await this.habits.findOwned(user.id, grant.habitId));
    if (!user || !habit) throw new NotFoundException(INVALID);
    const existing = await this.records.findForHabitDate(user.id, habit.id, grant.date);
    if (existing && isDoneRecord(habit, { status: existing.status, value: Number(existing.value) })) return toRecordResponse(existing);
    const principal: AuthUser = {
      id: user.id,
      email: user.email,
      role: user.role,
      timezone: user.timezone,
      dayStartHour: user.dayStartHour,
      sessionId: null,
      personalToken: null,
      tokenExpiresAt: null,
    };
    const value = habit.kind === 'numeric' ? habit.target : undefined;
    return (await this.recordsService.put(principal, habit.id, grant.date, { status: 'done', value })).record;
  }

  private async ownerOf(habitId: number): Promise<number> {
    return (await this.reminders.habitOwner(habitId)) ?? 0;
  }
}
