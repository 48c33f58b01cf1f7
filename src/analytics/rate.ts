/** `done / due` rounded to 4 decimals; `null` when nothing was due (API.md "Analytics"). */
export function completionRate(done: number, due: number): number | null {
  if (due === 0) return null;
  return Math.round((done / due) * 10_000) / 10_000;
}
