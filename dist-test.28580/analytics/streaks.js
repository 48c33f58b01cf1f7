"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createStreakState = createStreakState;
exports.trackOccurrence = trackOccurrence;
exports.dayOutcome = dayOutcome;
exports.weekOutcome = weekOutcome;
function createStreakState() {
    return { run: 0, best: 0 };
}
/** Feeds the next occurrence, in date order. `inRange`: the occurrence lies in [from, to]. */
function trackOccurrence(state, outcome, inRange) {
    if (outcome === 'done') {
        state.run += 1;
        if (inRange && state.run > state.best)
            state.best = state.run;
    }
    else if (outcome === 'missed') {
        state.run = 0;
    }
}
/** Outcome of a single due date that was not skipped. */
function dayOutcome(done, onOrAfterToday) {
    if (done)
        return 'done';
    return onOrAfterToday ? 'pending' : 'missed';
}
/** Outcome of an ISO week of a `per_week` habit. `inProgress`: the week contains today (or is later). */
function weekOutcome(quota, done, inProgress) {
    if (quota === 0)
        return 'neutral';
    if (done >= quota)
        return 'done';
    return inProgress ? 'pending' : 'missed';
}
