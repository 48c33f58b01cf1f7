/**
 * The web app's own routes (web/src/app.tsx): answered with index.html so that a reload or a
 * shared link of /habits/3 opens that screen. Anything else outside /api stays a JSON 404, as
 * API.md has it: a mistyped URL, a missing asset of a stale tab, /api, /health, /metrics, /docs.
 */
const CLIENT_ROUTE = /^\/(?:today|habits(?:\/\d+)?|analytics|settings)?\/?$/;

/**
 * Files of web/dist that run as the app's documents: the page itself (the service worker precaches
 * /index.html and answers navigations with it) and the service worker, whose own CSP governs its
 * fetches. Both need the web app's CSP, not the API's `default-src 'none'`.
 */
const WEB_DOCUMENTS = new Set(['/index.html', '/sw.js']);

/** True for a path the SPA owns (query string ignored). */
export function isClientRoute(path: string): boolean {
  return CLIENT_ROUTE.test(path.split('?')[0]);
}

/** True for a response that carries the web app's security headers: its routes and its documents. */
export function isWebDocument(path: string): boolean {
  return isClientRoute(path) || WEB_DOCUMENTS.has(path.split('?')[0]);
}
