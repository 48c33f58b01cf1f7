"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isDaySchedule = isDaySchedule;
exports.scheduledDayMatcher = scheduledDayMatcher;
const calendar_date_1 = require("../common/dates/calendar-date");
function isDaySchedule(schedule) {
    return schedule.type !== 'per_week';
}
/** Bit `d` set for each ISO weekday `d` (1..7) in `days`. */
function weekdayMask(days) {
    let mask = 0;
    for (const day of days)
        if (Number.isInteger(day) && day >= 1 && day <= 7)
            mask |= 1 << day;
    return mask;
}
/**
 * Whether a day schedule names an epoch day, from `startDay` on (nothing is due before startDate).
 * `every_n_days` is due on `startDate + k·n`, k >= 0.
 */
function scheduledDayMatcher(schedule, startDay) {
    switch (schedule.type) {
        case 'daily':
            return (day) => day >= startDay;
        case 'weekdays': {
            const mask = weekdayMask(schedule.days);
            return (day) => day >= startDay && ((mask >> (0, calendar_date_1.epochDayIsoWeekday)(day)) & 1) === 1;
        }
        case 'every_n_days': {
            const n = schedule.n;
            // API.md bounds n to 2..365; anything below 1 would be never due rather than a broken cycle.
            if (!(n >= 1))
                return () => false;
            return (day) => day >= startDay && (day - startDay) % n === 0;
        }
    }
}
