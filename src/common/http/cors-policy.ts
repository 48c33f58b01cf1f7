/**
 * CORS as API.md § Conventions has it: browsers on a CORS_ORIGINS origin may call every route with
 * credentials, send the headers our clients send, and read the headers our answers carry. Other
 * origins get no CORS headers at all.
 */
export const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Content-Encoding',
  'If-None-Match',
  'Cache-Control',
  'X-Refresh-Cookie',
  'X-Request-Id',
];
export const CORS_EXPOSED_HEADERS = [
  'ETag',
  'X-Cache',
  'Retry-After',
  'X-Request-Id',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
];

type OriginCallback = (error: Error | null, origin: string | false) => void;

/**
 * The @fastify/cors options for the listed origins (none: CORS stays off). The origin is decided by a
 * function: with a plain list the plugin still sends its other Access-Control-* headers to every origin.
 */
export function corsOptions(origins: string[]) {
  if (origins.length === 0) return { origin: false };
  const listed = new Set(origins);
  return {
    origin: (origin: string | undefined, callback: OriginCallback) => callback(null, origin !== undefined && listed.has(origin) ? origin : false),
    credentials: true,
    methods: CORS_METHODS,
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: 600,
  };
}

/** Adds names to a Vary header without dropping the ones already there (the CORS plugin's `Origin`). */
export function mergeVary(current: string | string[] | number | undefined, ...names: string[]): string {
  // Most answers have no Vary yet (no CORS origin asked): nothing to merge.
  if (current === undefined) return names.join(', ');
  const present = String(current ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const lower = new Set(present.map((name) => name.toLowerCase()));
  if (lower.has('*')) return '*';
  return [...present, ...names.filter((name) => !lower.has(name.toLowerCase()))].join(', ');
}
