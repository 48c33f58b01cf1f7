/** Calendar dates (YYYY-MM-DD) for choosing ranges to ask for; every number about them comes from the API. */
const DAY_MS = 86_400_000;

/** API.md's "today" for a user: the date, in their time zone, of now minus dayStartHour hours. */
export function todayFor(timeZone: string, dayStartHour: number, now = Date.now()): string {
  const shifted = new Date(now - dayStartHour * 3_600_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(shifted);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
