import { createHash } from 'node:crypto';

export interface CanonicalRequest {
  route: string;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  /** Query defaults of the endpoint: an explicit default and an omitted parameter share one entry. */
  queryDefaults: Record<string, string>;
  /** Anything else the response depends on (the user's time zone and today there). */
  context: string[];
}

/** sha1 of the canonical request: route, sorted params, sorted query with defaults applied, context. */
export function hashRequest(request: CanonicalRequest): string {
  const query = { ...request.queryDefaults, ...withoutEmptyValues(request.query) };
  const canonical = [request.route, sortedPairs(request.params), sortedPairs(query), ...request.context].join('\n');
  return createHash('sha1').update(canonical).digest('hex');
}

/** `?categoryId=` means the same as no categoryId at all (the handlers read it so). */
function withoutEmptyValues(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}

function sortedPairs(values: Record<string, unknown>): string {
  return Object.keys(values)
    .sort()
    .map((name) => `${encodeURIComponent(name)}=${encodeValue(values[name])}`)
    .join('&');
}

function encodeValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(encodeValue).join(',')}]`;
  return encodeURIComponent(String(value));
}
