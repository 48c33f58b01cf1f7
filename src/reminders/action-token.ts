import { createHmac, timingSafeEqual } from 'node:crypto';
import { addDays, isCalendarDate, toEpochDay } from '../common/dates/calendar-date';
import { DayOwner } from '../common/dates/user-today';
import { instantOfWallTime } from './wall-clock';

/** What a "Done" action token allows: marking one habit done on one date, until `expiresAt` (ms). */
export interface ActionGrant {
  habitId: number;
  date: string;
  expiresAt: number;
}

const DAY_MS = 86_400_000;
const TOKEN = /^(\d{1,12})\.(\d{4}-\d{2}-\d{2})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/;

/** The key for action tokens, derived from the server secret with a label of its own (never usable as a JWT key). */
export function actionTokenKey(serverSecret: string): Buffer {
  return createHmac('sha256', serverSecret).update('habit-tracker/reminders/done-action/v1').digest();
}

/** The end of `date` for its owner: midnight after it in their zone, plus dayStartHour. */
export function endOfUserDate(owner: DayOwner, date: string): number {
  const nextMidnight = toEpochDay(addDays(date, 1)) * DAY_MS;
  return instantOfWallTime(owner.timezone, nextMidnight) + (owner.dayStartHour ?? 0) * 3_600_000;
}

function signature(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/** `<habitId>.<date>.<expiresAt>.<HMAC>`: URL-safe, needs no other credential. */
export function signActionToken(key: Buffer, grant: ActionGrant): string {
  const payload = `${grant.habitId}.${grant.date}.${grant.expiresAt}`;
  return `${payload}.${signature(key, payload)}`;
}

/** The grant of a token with a good signature that has not expired at `now`; null otherwise. */
export function readActionToken(key: Buffer, token: string, now: number): ActionGrant | null {
  const match = TOKEN.exec(token);
  if (!match || !isCalendarDate(match[2])) return null;
  const payload = `${match[1]}.${match[2]}.${match[3]}`;
  const expected = Buffer.from(signature(key, payload));
  const given = Buffer.from(match[4]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const grant = { habitId: Number(match[1]), date: match[2], expiresAt: Number(match[3]) };
  return now < grant.expiresAt ? grant : null;
}
