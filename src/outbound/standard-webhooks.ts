import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** API.md § Webhooks: `whsec_` and the base64 of 24 to 64 random bytes; the HMAC key is those bytes. */
const SECRET = /^whsec_([A-Za-z0-9+/]+={0,2})$/;
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;

/** A new secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The HMAC key of a secret, or null when it is not `whsec_` + base64 of 24..64 bytes. */
export function webhookSecretKey(secret: string): Buffer | null {
  const match = SECRET.exec(secret);
  if (!match) return null;
  const key = Buffer.from(match[1], 'base64');
  if (key.toString('base64') !== match[1]) return null;
  return key.length >= MIN_KEY_BYTES && key.length <= MAX_KEY_BYTES ? key : null;
}

/** `v1,<base64 HMAC-SHA256 over "<id>.<timestamp>.<body>">` (Standard Webhooks). */
export function webhookSignature(key: Buffer, id: string, timestampSeconds: number, body: string): string {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** The headers of one attempt: the id is stable across retries, the timestamp is the attempt's. */
export function webhookHeaders(key: Buffer, id: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': webhookSignature(key, id, timestampSeconds, body),
  };
}

/** What a receiver does (tests and docs/automation.md's receiver): any `v1,` signature of the header matching. */
export function verifyWebhookSignature(key: Buffer, id: string, timestampSeconds: string, body: string, header: string): boolean {
  const expected = Buffer.from(webhookSignature(key, id, Number(timestampSeconds), body));
  return header.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
