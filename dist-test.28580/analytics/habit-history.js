"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isDoneRecord = isDoneRecord;
exports.buildHabitHistories = buildHabitHistories;
const calendar_date_1 = require("../common/dates/calendar-date");
/** Boolean habit: status done. Numeric habit: status done and `value >= target`. */
function isDoneRecord(habit, record) {
    if (record.status !== 'done')
        return false;
    return habit.kind !== 'numeric' || record.value >= habit.target;
}
function markOf(habit, record) {
    if (record.status === 'skipped')
        return 'skipped';
    return isDoneRecord(habit, record) ? 'done' : 'not-done';
}
/**
 * Indexes records by habit and epoch day, in one pass. Ignored: records of unknown habits, records dated
 * before their habit's startDate (nothing is due then) or after `lastDay`. Should two records share a
 * (habit, date), the later one in `records` wins.
 */
function buildHabitHistories(habits, records, lastDay) {
    const byId = new Map();
    const histories = habits.map((habit) => {
        const startDay = (0, calendar_date_1.toEpochDay)(habit.startDate);
        const history = { habit, startDay, marks: new Map(), firstMarkedDay: Infinity, lastMarkedDay: -Infinity };
        byId.set(habit.id, history);
        return history;
    });
    for (const record of records) {
        const history = byId.get(record.habitId);
        if (history === undefined)
            continue;
        const day = (0, calendar_date_1.toEpochDay)(record.date);
        if (day < history.startDay || day > lastDay)
            continue;
        history.marks.set(day, markOf(history.habit, record));
        if (day < history.firstMarkedDay)
            history.firstMarkedDay = day;
        if (day > history.lastMarkedDay)
            history.lastMarkedDay = day;
    }
    return histories;
}
