import { RouteConfig } from '@nestjs/platform-fastify';

/** Media type every body route takes; a route may declare more with @AcceptsBody. */
export const JSON_MEDIA_TYPE = 'application/json';
/** A JSON body with more keys than this (objects' keys and array items, counted together) is a 400 before validation. */
export const MAX_BODY_KEYS = 5000;

/** What a route accepts as a body, kept in its Fastify route config. */
export interface BodyRules {
  /** Media types besides application/json (e.g. `application/zip`); no parameters. */
  extraTypes?: string[];
  /** Raises MAX_BODY_KEYS for this route's JSON bodies (e.g. an import). */
  maxKeys?: number;
  /** The handler takes the body as sent, a Buffer, whatever its type (it parses it itself, off the event loop). */
  raw?: boolean;
  /** Content-Encodings besides identity the handler decodes itself (e.g. `gzip`); any other is a 415. */
  encodings?: string[];
}

/** The key of BodyRules in a Fastify route config. */
export const BODY_RULES = 'bodyRules';

/**
 * Declares what a route takes beyond the default (JSON only, MAX_BODY_KEYS keys):
 * `@AcceptsBody({ extraTypes: ['application/zip'], maxKeys: 500_000 })`. A parser for an extra
 * type is registered on the Fastify instance (see registerBodyParsers' `extraParsers`).
 */
export function AcceptsBody(rules: BodyRules): MethodDecorator {
  return RouteConfig({ [BODY_RULES]: rules });
}

/** The media type of a Content-Type header, lower case, without parameters; '' when absent. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
}

/** Whether a Content-Type header names an acceptable type for these rules (JSON must be UTF-8). */
export function acceptsContentType(contentType: string | undefined, rules: BodyRules | undefined): boolean {
  const mediaType = mediaTypeOf(contentType);
  if (mediaType === JSON_MEDIA_TYPE) return charsetOf(contentType) === 'utf-8';
  return rules?.extraTypes?.includes(mediaType) ?? false;
}

/** Whether a Content-Encoding header is absent, identity, or one of the route's own. */
export function acceptsContentEncoding(contentEncoding: string | undefined, rules: BodyRules | undefined): boolean {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  return encoding === 'identity' || encoding === '' || (rules?.encodings?.includes(encoding) ?? false);
}

function charsetOf(contentType: string | undefined): string {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  const charset = match ? match[1].toLowerCase() : 'utf-8';
  return charset === 'utf8' ? 'utf-8' : charset;
}

/** Counts the keys and array items of a parsed JSON value, stopping once it passes `limit`. */
export function exceedsKeyLimit(value: unknown, limit: number): boolean {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (item === null || typeof item !== 'object') continue;
    const children = Array.isArray(item) ? item : Object.values(item);
    count += children.length;
    if (count > limit) return true;
    for (const child of children) if (child !== null && typeof child === 'object') pending.push(child);
  }
  return false;
}
