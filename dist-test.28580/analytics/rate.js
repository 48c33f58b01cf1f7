"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.completionRate = completionRate;
/** `done / due` rounded to 4 decimals; `null` when nothing was due (API.md "Analytics"). */
function completionRate(done, due) {
    if (due === 0)
        return null;
    return Math.round((done / due) * 10_000) / 10_000;
}
