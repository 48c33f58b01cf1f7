"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isoWeekStartDay = isoWeekStartDay;
exports.isoWeekEndDay = isoWeekEndDay;
exports.weeklyQuota = weeklyQuota;
exports.countMarks = countMarks;
const calendar_date_1 = require("../common/dates/calendar-date");
/** The Monday (epoch day) of the ISO week holding `day`. */
function isoWeekStartDay(day) {
    return day - (0, calendar_date_1.epochDayIsoWeekday)(day) + 1;
}
/** The Sunday (epoch day) of the ISO week holding `day`. */
function isoWeekEndDay(day) {
    return day - (0, calendar_date_1.epochDayIsoWeekday)(day) + 7;
}
/** `min(times, days counted - skipped days)`, never below 0 (API.md, `per_week`). */
function weeklyQuota(times, days, skippedDays) {
    return Math.max(0, Math.min(times, days - skippedDays));
}
/** Done and skipped dates among the epoch days `first..last` (inclusive, at most a week). */
function countMarks(marks, first, last) {
    const counts = { done: 0, skipped: 0 };
    if (marks.size === 0)
        return counts;
    for (let day = first; day <= last; day++) {
        const mark = marks.get(day);
        if (mark === 'done')
            counts.done += 1;
        else if (mark === 'skipped')
            counts.skipped += 1;
    }
    return counts;
}
