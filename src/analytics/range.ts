import { toEpochDay } from '../common/dates/calendar-date';
import type { DateRange } from './analytics.types';

/** A date range as inclusive epoch days. */
export interface DayRange {
  from: number;
  to: number;
}

/** Parses `{from, to}`; throws a RangeError for an invalid date or `from > to` (the service answers 400 first). */
export function toDayRange(range: DateRange): DayRange {
  const from = toEpochDay(range.from);
  const to = toEpochDay(range.to);
  if (from > to) throw new RangeError(`Invalid range: ${range.from} is after ${range.to}`);
  return { from, to };
}
