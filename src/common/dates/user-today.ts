import { todayIn } from './calendar-date';

const HOUR_MS = 3_600_000;

/** Whose "today": a time zone and the hour their day starts (0..23, 0 when absent). */
export interface DayOwner {
  timezone: string;
  dayStartHour?: number;
}

/**
 * "Today" for a user (API.md § Conventions): the calendar date, in their time zone, of the
 * current instant minus `dayStartHour` hours. The one helper for it: default startDate, the
 * records' after-today rule, default analytics ranges, streaks and cache keys all use it.
 * Without `now`, the answer is remembered per zone and hour until the next whole minute.
 */
export function todayFor(owner: DayOwner, now?: Date): string {
  const shift = (owner.dayStartHour ?? 0) * HOUR_MS;
  if (now !== undefined) return todayIn(owner.timezone, new Date(now.getTime() - shift));
  if (shift === 0) return todayIn(owner.timezone);
  return rememberedToday(owner.timezone, shift);
}

const MINUTE_MS = 60_000;
const remembered = new Map<string, { date: string; validUntil: number }>();

/** A whole number of hours keeps every zone's midnight on a whole minute, like todayIn's own memo. */
function rememberedToday(timeZone: string, shift: number): string {
  const nowMs = Date.now();
  const key = `${timeZone}\n${shift}`;
  const entry = remembered.get(key);
  if (entry && nowMs < entry.validUntil) return entry.date;
  const date = todayIn(timeZone, new Date(nowMs - shift));
  if (remembered.size >= 1000) remembered.clear();
  remembered.set(key, { date, validUntil: (Math.floor(nowMs / MINUTE_MS) + 1) * MINUTE_MS });
  return date;
}
