import { createHmac, timingSafeEqual } from 'node:crypto';
import { END_KIND, MAX_INTEGER, SyncPosition } from './sync-position';

const PAYLOAD = /^(\d{1,10})\.(\d{1,10})\.([0-3]|9)\.(\d{1,10})$/;
const MAC_LENGTH = 16;

/** The cursor key, derived from JWT_SECRET so that no setting of its own is needed. */
export function cursorKey(jwtSecret: string): Buffer {
  return createHmac('sha256', jwtSecret).update('habit-tracker/sync-cursor/v1').digest();
}

/** An opaque, tamper-evident cursor: the user and the position, and an HMAC of both. */
export function encodeCursor(key: Buffer, userId: number, position: SyncPosition): string {
  const payload = Buffer.from(`${userId}.${position.revision}.${position.kind}.${position.id}`).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/** The position in `cursor`, or null when it is malformed, was altered, or was issued to another user. */
export function decodeCursor(key: Buffer, userId: number, cursor: string): SyncPosition | null {
  const [payload, signature, extra] = cursor.split('.');
  if (extra !== undefined || !payload || !signature) return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const match = PAYLOAD.exec(Buffer.from(payload, 'base64url').toString());
  if (!match || Number(match[1]) !== userId) return null;
  const position = { revision: Number(match[2]), kind: Number(match[3]), id: Number(match[4]) };
  if (position.revision > MAX_INTEGER || position.id > MAX_INTEGER) return null;
  return position.kind === END_KIND && position.id !== 0 ? null : position;
}

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest().subarray(0, MAC_LENGTH);
}
