/**
 * Calendar dates (`YYYY-MM-DD`, API.md "Conventions") and their arithmetic.
 *
 * Arithmetic runs on "epoch days": whole days since 1970-01-01, i.e. `Date.UTC(y, m - 1, d) / 86 400 000`.
 * Everything is UTC midnight, so the machine's own time zone never matters, and the hot helpers
 * (`toEpochDay`, `fromEpochDay`) allocate nothing but the resulting string. Analytics convert each date
 * once and then work on plain numbers.
 */

const MS_PER_DAY = 86_400_000;
const DAYS_PER_400_YEARS = 146_097;
const DAYS_FROM_0000_03_01_TO_EPOCH = 719_468;
const CHAR_0 = 48;
const CHAR_DASH = 45;
const MAX_TIME_ZONE_CACHE = 1_000;
/** Returned by the parser for anything but a real date: below every real epoch day (0001-01-01 is -719 162). */
const INVALID_DAY = -1_000_000;

/** Reused for conversions from epoch days; never escapes this module. */
const scratch = new Date(0);
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** Value of the `count` ASCII digits at `start`, or -1 if one of them is not a digit. */
function readDigits(value: string, start: number, count: number): number {
  let result = 0;
  for (let i = start; i < start + count; i++) {
    const digit = value.charCodeAt(i) - CHAR_0;
    if (digit < 0 || digit > 9) return -1;
    result = result * 10 + digit;
  }
  return result;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Epoch day of a `YYYY-MM-DD` string, or INVALID_DAY when it is not a real calendar date. */
function parseEpochDay(value: string): number {
  if (typeof value !== 'string' || value.length !== 10) return INVALID_DAY;
  if (value.charCodeAt(4) !== CHAR_DASH || value.charCodeAt(7) !== CHAR_DASH) return INVALID_DAY;
  const year = readDigits(value, 0, 4);
  const month = readDigits(value, 5, 2);
  const day = readDigits(value, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1) return INVALID_DAY;
  if (day > daysInMonth(year, month)) return INVALID_DAY;
  return daysFromCivil(year, month, day);
}

/**
 * `Date.UTC(year, month - 1, day) / 86 400 000` for years 1..9999, computed with integer arithmetic
 * (H. Hinnant's days_from_civil): several times faster than `Date.UTC`, no 19xx mapping of years below
 * 100, and no global lookups (slow inside Jest's sandbox). Every quotient is of non-negative integers
 * below 2^31, so `| 0` is an exact floor.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = (y / 400) | 0;
  const yearOfEra = y - era * 400;
  const dayOfYear = (((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) | 0) + day - 1;
  const dayOfEra = yearOfEra * 365 + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0) + dayOfYear;
  return era * DAYS_PER_400_YEARS + dayOfEra - DAYS_FROM_0000_03_01_TO_EPOCH;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** API.md § Conventions: every date that enters the API is from this day on. */
export const DATE_FLOOR = '1900-01-01';

/** A real `YYYY-MM-DD` date from DATE_FLOOR on: what every input path accepts (bodies, paths, queries, imports). */
export function isAcceptedDate(value: string): boolean {
  return isCalendarDate(value) && value >= DATE_FLOOR;
}

/** True only for a real date written `YYYY-MM-DD` (year 0001 to 9999). */
export function isCalendarDate(value: string): boolean {
  return parseEpochDay(value) !== INVALID_DAY;
}

/** Whole days since 1970-01-01 (negative before). Throws a RangeError for anything but a real `YYYY-MM-DD`. */
export function toEpochDay(date: string): number {
  const day = parseEpochDay(date);
  if (day === INVALID_DAY) throw new RangeError(`Invalid calendar date: ${JSON.stringify(date)}`);
  return day;
}

/** The `YYYY-MM-DD` string of an epoch day (inverse of `toEpochDay`). */
export function fromEpochDay(epochDay: number): string {
  if (!Number.isInteger(epochDay)) throw new RangeError(`Invalid epoch day: ${epochDay}`);
  scratch.setTime(epochDay * MS_PER_DAY);
  const year = scratch.getUTCFullYear();
  if (!(year >= 1 && year <= 9999)) throw new RangeError(`Epoch day out of range: ${epochDay}`);
  return `${String(year).padStart(4, '0')}-${pad2(scratch.getUTCMonth() + 1)}-${pad2(scratch.getUTCDate())}`;
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function epochDayIsoWeekday(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Invalid number of days: ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** `to - from`, in days (negative when `to` is earlier). */
export function diffDays(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return epochDayIsoWeekday(toEpochDay(date));
}

/** The Monday of the ISO week holding `date`. */
export function isoWeekStart(date: string): string {
  const day = toEpochDay(date);
  return fromEpochDay(day - epochDayIsoWeekday(day) + 1);
}

/** The earlier of two calendar dates (`YYYY-MM-DD` strings order like the dates they name). */
export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

/** The later of two calendar dates. */
export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/** One formatter per zone, built once: creating an `Intl.DateTimeFormat` costs far more than using it. */
function dateFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    // Zone names are case-insensitive for Intl, so bound the cache against spelling variants.
    if (dateFormatters.size >= MAX_TIME_ZONE_CACHE) dateFormatters.clear();
    dateFormatters.set(timeZone, formatter);
  }
  return formatter;
}

const MINUTE_MS = 60_000;
const currentDays = new Map<string, { date: string; validUntil: number }>();

/**
 * The calendar date at `now` in an IANA time zone. Throws a RangeError for an unknown zone.
 * Without `now` (the hot path: every cached request), the answer is remembered per zone until the
 * next whole minute: every zone's midnight falls on a whole minute (offsets are multiples of 15).
 */
export function todayIn(timeZone: string, now?: Date): string {
  if (now !== undefined) return formatDateIn(timeZone, now);
  const nowMs = Date.now();
  const remembered = currentDays.get(timeZone);
  if (remembered && nowMs < remembered.validUntil) return remembered.date;
  const date = formatDateIn(timeZone, new Date(nowMs));
  if (currentDays.size >= 1000) currentDays.clear();
  currentDays.set(timeZone, { date, validUntil: (Math.floor(nowMs / MINUTE_MS) + 1) * MINUTE_MS });
  return date;
}

function formatDateIn(timeZone: string, now: Date): string {
  let year = '';
  let month = '';
  let day = '';
  for (const part of dateFormatter(timeZone).formatToParts(now)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

/** True for an IANA zone name that Intl knows (`UTC`, `Europe/Paris`); false otherwise, never throws. */
export function isTimeZone(value: string): boolean {
  // IANA names start with a letter; this also rejects offsets such as "+01:00" that newer engines accept.
  if (typeof value !== 'string' || value.length > 100 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value)) {
    return false;
  }
  try {
    dateFormatter(value);
    return true;
  } catch {
    return false;
  }
}
