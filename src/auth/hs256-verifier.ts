import { createHmac, createSecretKey, KeyObject, timingSafeEqual } from 'node:crypto';

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const MEMO_LIMIT = 20_000;
const CLOCK_SKEW_SECONDS = 30;

/**
 * Verifies compact HS256 JWTs with node:crypto: the header must say HS256 (so `alg: none` and
 * algorithm confusion are refused), the signature is compared in constant time, and `exp` (and
 * `nbf`, `iat` when present) are checked on every call. jsonwebtoken's verify costs ~0.9 ms a call
 * on our machines, more than the rest of a cached request; this costs a few microseconds, and a
 * token already verified is remembered (bounded), so a hit only re-checks its expiry.
 */
export class Hs256Verifier {
  private readonly key: KeyObject;
  private readonly verified = new Map<string, Record<string, unknown>>();

  constructor(secret: string) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  /** The payload of a valid, unexpired token; null otherwise. */
  verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): Record<string, unknown> | null {
    const payload = this.verified.get(token) ?? this.verifySignature(token);
    if (!payload || !isCurrent(payload, nowSeconds)) return null;
    return payload;
  }

  private verifySignature(token: string): Record<string, unknown> | null {
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) return null;
    const [header, body, signature] = parts;
    if (decodeJson(header)?.alg !== 'HS256') return null;
    const expected = createHmac('sha256', this.key).update(`${header}.${body}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const payload = decodeJson(body);
    if (payload) this.remember(token, payload);
    return payload;
  }

  private remember(token: string, payload: Record<string, unknown>): void {
    if (this.verified.size >= MEMO_LIMIT) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, payload);
  }
}

function isCurrent(payload: Record<string, unknown>, now: number): boolean {
  const { exp, nbf, iat } = payload;
  if (typeof exp !== 'number' || exp <= now) return false;
  if (typeof nbf === 'number' && nbf > now + CLOCK_SKEW_SECONDS) return false;
  return !(typeof iat === 'number' && iat > now + CLOCK_SKEW_SECONDS);
}

function decodeJson(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
