"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toDayRange = toDayRange;
const calendar_date_1 = require("../common/dates/calendar-date");
/** Parses `{from, to}`; throws a RangeError for an invalid date or `from > to` (the service answers 400 first). */
function toDayRange(range) {
    const from = (0, calendar_date_1.toEpochDay)(range.from);
    const to = (0, calendar_date_1.toEpochDay)(range.to);
    if (from > to)
        throw new RangeError(`Invalid range: ${range.from} is after ${range.to}`);
    return { from, to };
}
