/**
 * The web app's own routes (web/src/app.tsx): answered with index.html so that a reload or a
 * shared link of /habits/3 opens that screen. Anything else outside /api stays a JSON 404, as
 * API.md has it: a mistyped URL, a missing asset of a stale tab, /api, /health, /metrics, /docs.
 */
const CLIENT_ROUTE = /^\/(?:today|habits(?:\/\d+)?|analytics|settings)?\/?$/;

/** True for a path the SPA owns (query string ignored). */
export function isClientRoute(path: string): boolean {
  return CLIENT_ROUTE.test(path.split('?')[0]);
}
