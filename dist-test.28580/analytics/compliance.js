"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.computeCompliance = computeCompliance;
const calendar_date_1 = require("../common/dates/calendar-date");
const habit_history_1 = require("./habit-history");
const range_1 = require("./range");
const rate_1 = require("./rate");
const schedule_1 = require("./schedule");
const streaks_1 = require("./streaks");
const weekly_quota_1 = require("./weekly-quota");
/**
 * First day worth walking: the range needs [max(from, startDate), to]; streaks need the history from
 * startDate, but before a habit's first record every occurrence is missed or pending, which leaves the
 * streak state empty, so the walk may start at that record. Cost: O(range + span of the records).
 */
function firstWalkedDay(history, window) {
    return Math.max(history.startDay, Math.min(window.from, history.firstMarkedDay));
}
/**
 * The first day from which the walk may jump to `from`: the days on or after today and after the last
 * record, and before the range, change nothing (each occurrence there is pending and outside the range).
 * Without the jump, a range far in the future would walk every day since the last record.
 */
function quietFromDay(history, window) {
    return Math.max(window.today, history.lastMarkedDay + 1);
}
/** Day schedules: occurrences are the scheduled dates >= startDate; a skipped one is not an occurrence. */
function tallyDaySchedule(history, schedule, window) {
    const tally = { due: 0, done: 0, skipped: 0, streak: (0, streaks_1.createStreakState)() };
    const isScheduled = (0, schedule_1.scheduledDayMatcher)(schedule, history.startDay);
    const quietFrom = quietFromDay(history, window);
    for (let day = firstWalkedDay(history, window); day <= window.to; day++) {
        if (day >= quietFrom && day < window.from)
            day = window.from;
        if (!isScheduled(day))
            continue;
        const mark = history.marks.get(day);
        const inRange = day >= window.from;
        if (mark === 'skipped') {
            // Skipped on a due date: not due, counted in `skipped`. On a non-scheduled date: ignored.
            if (inRange)
                tally.skipped += 1;
            continue;
        }
        const done = mark === 'done';
        if (inRange) {
            tally.due += 1;
            if (done)
                tally.done += 1;
        }
        (0, streaks_1.trackOccurrence)(tally.streak, (0, streaks_1.dayOutcome)(done, day >= window.today), inRange);
    }
    return tally;
}
/** Adds the part [first, last] of one ISO week inside the range to due/done/skipped. */
function addWeekToRange(tally, history, times, first, last) {
    if (first > last)
        return;
    const counts = (0, weekly_quota_1.countMarks)(history.marks, first, last);
    const quota = (0, weekly_quota_1.weeklyQuota)(times, last - first + 1, counts.skipped);
    tally.due += quota;
    tally.done += Math.min(counts.done, quota);
    tally.skipped += counts.skipped;
}
/**
 * `per_week`: occurrences are ISO weeks, evaluated on their days >= startDate and <= `to`. A week is done
 * when its done records reach min(times, those days - skipped ones); quota 0 is neutral; a week that
 * contains today (or is later) and is not done yet is pending. A week "ends within the range" (for
 * bestStreak) when its evaluated days reach `from`.
 */
function tallyWeeklySchedule(history, times, window) {
    const tally = { due: 0, done: 0, skipped: 0, streak: (0, streaks_1.createStreakState)() };
    const quietFrom = quietFromDay(history, window);
    for (let monday = (0, weekly_quota_1.isoWeekStartDay)(firstWalkedDay(history, window)); monday <= window.to; monday += 7) {
        if (monday >= quietFrom && monday + 6 < window.from)
            monday = (0, weekly_quota_1.isoWeekStartDay)(window.from);
        const first = Math.max(monday, history.startDay);
        const last = Math.min(monday + 6, window.to);
        addWeekToRange(tally, history, times, Math.max(first, window.from), last);
        const counts = (0, weekly_quota_1.countMarks)(history.marks, first, last);
        const quota = (0, weekly_quota_1.weeklyQuota)(times, last - first + 1, counts.skipped);
        const outcome = (0, streaks_1.weekOutcome)(quota, counts.done, monday + 6 >= window.today);
        (0, streaks_1.trackOccurrence)(tally.streak, outcome, last >= window.from);
    }
    return tally;
}
function habitCompliance(history, window) {
    const { habit, startDay } = history;
    let tally = { due: 0, done: 0, skipped: 0, streak: (0, streaks_1.createStreakState)() };
    if (startDay <= window.to) {
        tally = (0, schedule_1.isDaySchedule)(habit.schedule)
            ? tallyDaySchedule(history, habit.schedule, window)
            : tallyWeeklySchedule(history, habit.schedule.times, window);
    }
    return {
        habitId: habit.id,
        name: habit.name,
        due: tally.due,
        done: tally.done,
        skipped: tally.skipped,
        rate: (0, rate_1.completionRate)(tally.done, tally.due),
        currentStreak: tally.streak.run,
        bestStreak: tally.streak.best,
    };
}
function byPosition(a, b) {
    return a.habit.position - b.habit.position || a.habit.id - b.habit.id;
}
/**
 * Per-habit due/done/skipped/rate over the range, with streaks over the whole history up to `to`,
 * ordered by position, then id. `today` is the user's current date (for the "not done yet" rule).
 */
function computeCompliance(habits, records, range, today) {
    const window = { ...(0, range_1.toDayRange)(range), today: (0, calendar_date_1.toEpochDay)(today) };
    const histories = (0, habit_history_1.buildHabitHistories)(habits, records, window.to).sort(byPosition);
    return { from: range.from, to: range.to, habits: histories.map((history) => habitCompliance(history, window)) };
}
