import { BadRequestException } from '@nestjs/common';
import { addDays, DATE_FLOOR, diffDays, isAcceptedDate, maxDate } from '../dates/calendar-date';

const FIRST_DATE = DATE_FLOOR;

/** Ranges default to the 30 days ending today (records and analytics alike). */
export const DEFAULT_RANGE_DAYS = 30;

export interface CalendarRange {
  from: string;
  to: string;
}

export interface DateRangeOptions {
  /** Longest range accepted, in days (both ends included). */
  maxDays?: number;
  /** Length of the default range ending at `to`, in days. */
  defaultDays: number;
}

/**
 * Fills in a `from`/`to` query (already validated as calendar dates): `to` defaults to `today`,
 * `from` to the `defaultDays` ending at `to`. `from > to`, or a range longer than `maxDays`, is a 400.
 */
export function resolveDateRange(
  query: { from?: string; to?: string },
  today: string,
  options: DateRangeOptions,
): CalendarRange {
  const to = query.to ?? today;
  const from = query.from ?? defaultFrom(to, options.defaultDays);
  if (from > to) throw new BadRequestException('from must not be after to');
  if (options.maxDays !== undefined && diffDays(from, to) + 1 > options.maxDays) {
    throw new BadRequestException(`the range from..to must not exceed ${options.maxDays} days`);
  }
  return { from, to };
}

/** The first day of the `days` ending at `to`, never before 1900-01-01. */
function defaultFrom(to: string, days: number): string {
  return diffDays(FIRST_DATE, to) < days - 1 ? FIRST_DATE : maxDate(FIRST_DATE, addDays(to, 1 - days));
}

/**
 * The `from`/`to` that resolveDateRange fills in, as query values: declared on cached routes
 * (`@CachedEndpoint({ queryDefaults })`) so that an omitted range and the explicit default share one entry.
 */
export function dateRangeQueryDefaults(defaultDays: number) {
  return ({ today, query }: { today: string; query: Record<string, unknown> }): Record<string, string> => {
    const to = typeof query.to === 'string' && query.to !== '' ? query.to : today;
    return isAcceptedDate(to) ? { to, from: defaultFrom(to, defaultDays) } : {};
  };
}
