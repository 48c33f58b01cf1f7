/**
 * Wall-clock times in IANA time zones with the platform's Intl (no library): the UTC instant of a
 * local date and time, with API.md's DST rules (a time in a spring-forward gap is the first instant
 * after the gap; a time that happens twice is its first occurrence).
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    if (formatters.size >= 1000) formatters.clear();
    formatters.set(timeZone, found);
  }
  return found;
}

/** The local wall clock at `instant`, as if it were UTC (ms, whole minutes). */
export function localWallMs(timeZone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
}

/** The zone's offset from UTC at `instant`, in ms (whole minutes). */
export function offsetAt(timeZone: string, instant: number): number {
  const floored = Math.floor(instant / MINUTE_MS) * MINUTE_MS;
  return localWallMs(timeZone, floored) - floored;
}

/**
 * The UTC instant at which the wall clock of `timeZone` shows `wallMs` (a local date and time
 * written as if UTC). Twice (fall-back): the first. Never (spring-forward gap): the instant the
 * gap ends, i.e. the first instant after it.
 */
export function instantOfWallTime(timeZone: string, wallMs: number): number {
  const before = offsetAt(timeZone, wallMs - DAY_MS);
  const after = offsetAt(timeZone, wallMs + DAY_MS);
  const valid = [wallMs - before, wallMs - after].filter((instant) => localWallMs(timeZone, instant) === wallMs);
  if (valid.length > 0) return Math.min(...valid);
  return transitionBetween(timeZone, wallMs - after, wallMs - before, after);
}

/** The first whole minute in [low, high] whose offset is `offset` (the offset changes once in between). */
function transitionBetween(timeZone: string, low: number, high: number, offset: number): number {
  let lo = Math.floor(low / MINUTE_MS);
  let hi = Math.ceil(high / MINUTE_MS);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(timeZone, mid * MINUTE_MS) === offset) hi = mid;
    else lo = mid + 1;
  }
  return lo * MINUTE_MS;
}
