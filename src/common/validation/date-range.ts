import { BadRequestException } from '@nestjs/common';
import { addDays, diffDays, maxDate } from '../dates/calendar-date';

const FIRST_DATE = '0001-01-01';

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

/** The first day of the `days` ending at `to`, never before year 1. */
function defaultFrom(to: string, days: number): string {
  return diffDays(FIRST_DATE, to) < days - 1 ? FIRST_DATE : maxDate(FIRST_DATE, addDays(to, 1 - days));
}
