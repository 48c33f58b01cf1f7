import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** 32 random bytes: 256 bits, 43 base64url characters. */
const SECRET_BYTES = 32;
const SESSION_ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `<sessionId>.<secret>`: the token names its session, so every spent token of it is recognised. */
export const REFRESH_TOKEN_PATTERN = new RegExp(`^${SESSION_ID}\\.[A-Za-z0-9_-]{43}$`);

export interface ParsedRefreshToken {
  sessionId: string;
  secret: string;
}

export function newSessionId(): string {
  return randomUUID();
}

export function newRefreshToken(sessionId: string): { token: string; hash: string } {
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { token: `${sessionId}.${secret}`, hash: hashSecret(secret) };
}

/** Null for anything but `<uuid>.<43 base64url characters>`. */
export function parseRefreshToken(token: string): ParsedRefreshToken | null {
  if (typeof token !== 'string' || !REFRESH_TOKEN_PATTERN.test(token)) return null;
  const dot = token.indexOf('.');
  return { sessionId: token.slice(0, dot), secret: token.slice(dot + 1) };
}

/** SHA-256 of the secret part, hex: what the database keeps. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex hashes (false when either is missing). */
export function sameHash(a: string | null, b: string | null): boolean {
  if (a === null || b === null || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
