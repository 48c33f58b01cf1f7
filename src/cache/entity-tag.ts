import { createHash } from 'node:crypto';

/** A strong entity tag of a response body: a quoted base64url SHA-256 prefix (stored with the entry, never recomputed on a hit). */
export function entityTagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** One entity tag of an If-None-Match list: optional `W/`, then a quoted opaque tag (RFC 9110 § 8.8.3). */
const ENTITY_TAG = /^(?:W\/)?"[\x21\x23-\x7e\x80-\xff]*"$/;

/**
 * Whether `If-None-Match` matches `etag` with the weak comparison RFC 9110 § 13.1.2 prescribes
 * (`W/"x"` matches `"x"`). `*` matches any current representation. A malformed header (any
 * element that is not an entity tag) is ignored: it matches nothing, so the client gets a 200.
 */
export function ifNoneMatchMatches(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '*') return true;
  const tags = value.split(',').map((tag) => tag.trim());
  if (tags.length === 0 || tags.some((tag) => !ENTITY_TAG.test(tag))) return false;
  const opaque = stripWeak(etag);
  return tags.some((tag) => stripWeak(tag) === opaque);
}

function stripWeak(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
