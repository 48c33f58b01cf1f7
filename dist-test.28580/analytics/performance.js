"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.computePerformance = computePerformance;
const calendar_date_1 = require("../common/dates/calendar-date");
const habit_history_1 = require("./habit-history");
const range_1 = require("./range");
const rate_1 = require("./rate");
const schedule_1 = require("./schedule");
const weekly_quota_1 = require("./weekly-quota");
/**
 * Day schedules: each scheduled date (>= startDate) of the range is due, unless it has a skipped record,
 * which then counts in `skipped`. A skipped record on a date the schedule does not name is ignored:
 * that date was not due, so there was nothing to skip.
 */
function addDaySchedule(days, history, schedule, from) {
    const isScheduled = (0, schedule_1.scheduledDayMatcher)(schedule, history.startDay);
    let day = from;
    for (const entry of days) {
        if (isScheduled(day)) {
            const mark = history.marks.get(day);
            if (mark === 'skipped') {
                entry.skipped += 1;
            }
            else {
                entry.due += 1;
                if (mark === 'done')
                    entry.done += 1;
            }
        }
        day += 1;
    }
}
/**
 * `per_week`: each ISO week's part inside the range (and >= startDate) has
 * quota = min(times, its days - its skipped days). The first `quota` done dates of that part, in date
 * order, each add 1 to their date's due and done; every skipped record of the range counts in `skipped`.
 */
function addWeeklySchedule(days, history, times, range) {
    const firstDay = Math.max(range.from, history.startDay);
    let day = range.from;
    let quota = 0;
    let counted = 0;
    for (const entry of days) {
        if (day >= firstDay) {
            if (day === firstDay || (0, calendar_date_1.epochDayIsoWeekday)(day) === 1) {
                const last = Math.min((0, weekly_quota_1.isoWeekEndDay)(day), range.to);
                quota = (0, weekly_quota_1.weeklyQuota)(times, last - day + 1, (0, weekly_quota_1.countMarks)(history.marks, day, last).skipped);
                counted = 0;
            }
            const mark = history.marks.get(day);
            if (mark === 'skipped') {
                entry.skipped += 1;
            }
            else if (mark === 'done' && counted < quota) {
                counted += 1;
                entry.due += 1;
                entry.done += 1;
            }
        }
        day += 1;
    }
}
function emptyDays(range) {
    const days = [];
    for (let day = range.from; day <= range.to; day++) {
        days.push({ date: (0, calendar_date_1.fromEpochDay)(day), due: 0, done: 0, skipped: 0, rate: null });
    }
    return days;
}
/** Per-date due/done/skipped over the range, oldest first, summed over the given (non-archived) habits. */
function computePerformance(habits, records, range) {
    const dayRange = (0, range_1.toDayRange)(range);
    const days = emptyDays(dayRange);
    for (const history of (0, habit_history_1.buildHabitHistories)(habits, records, dayRange.to)) {
        const schedule = history.habit.schedule;
        if ((0, schedule_1.isDaySchedule)(schedule))
            addDaySchedule(days, history, schedule, dayRange.from);
        else
            addWeeklySchedule(days, history, schedule.times, dayRange);
    }
    const totals = { due: 0, done: 0, skipped: 0, rate: null };
    for (const entry of days) {
        entry.rate = (0, rate_1.completionRate)(entry.done, entry.due);
        totals.due += entry.due;
        totals.done += entry.done;
        totals.skipped += entry.skipped;
    }
    totals.rate = (0, rate_1.completionRate)(totals.done, totals.due);
    return { from: range.from, to: range.to, days, totals };
}
