'use strict';

/** Calendar dates `YYYY-MM-DD` (UTC, the seeded users' time zone) as epoch days and back. */
const MS_PER_DAY = 86_400_000;

function toDay(date) {
  return Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
}

function fromDay(day) {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function addDays(date, days) {
  return fromDay(toDay(date) + days);
}

function todayUtc() {
  return new Date().toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
function isoWeekday(date) {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

module.exports = { toDay, fromDay, addDays, todayUtc, isoWeekday };
