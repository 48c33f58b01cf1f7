/**
 * Recognises constraint violations of both supported drivers.
 * TypeORM wraps driver errors in a QueryFailedError that copies the driver's own fields
 * (`code`, `message`), and keeps the original as `driverError`.
 */
interface DriverErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: { code?: unknown; message?: unknown };
}

const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';
const SQLITE_CONSTRAINT = 'SQLITE_CONSTRAINT';

/** True for a unique-constraint violation (pg `23505`, sqlite `SQLITE_CONSTRAINT` … UNIQUE). */
export function isUniqueViolation(error: unknown): boolean {
  return matches(error, PG_UNIQUE_VIOLATION, 'UNIQUE constraint failed');
}

/** True for a foreign-key violation (pg `23503`, sqlite `SQLITE_CONSTRAINT` … FOREIGN KEY). */
export function isForeignKeyViolation(error: unknown): boolean {
  return matches(error, PG_FOREIGN_KEY_VIOLATION, 'FOREIGN KEY constraint failed');
}

function matches(error: unknown, pgCode: string, sqliteMessage: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidates = [error as DriverErrorLike, (error as DriverErrorLike).driverError];
  return candidates.some((candidate) => {
    if (!candidate) return false;
    if (candidate.code === pgCode) return true;
    const message = typeof candidate.message === 'string' ? candidate.message : '';
    return candidate.code === SQLITE_CONSTRAINT && message.includes(sqliteMessage);
  });
}

/** Why the database could not serve a query right now (a 503, never a 500); see databaseUnavailability. */
export type DatabaseUnavailableCause = 'unavailable' | 'timed out' | 'locked' | 'pool exhausted' | 'disk full';

/** PostgreSQL SQLSTATEs (and their class prefixes) that mean "not now" rather than "wrong". */
const PG_CAUSES: [RegExp, DatabaseUnavailableCause][] = [
  [/^57014$/, 'timed out'], // query_canceled (statement_timeout)
  [/^55P03$/, 'locked'], // lock_not_available (lock_timeout)
  [/^40P01$|^40001$/, 'locked'], // deadlock detected, serialization failure
  [/^53100$/, 'disk full'],
  [/^53300$/, 'pool exhausted'], // too_many_connections
  [/^08|^57P0|^53|^55000$|^3D000$|^58/, 'unavailable'], // connection failures, shutdown, not accepting connections
];
const SQLITE_CAUSES: Record<string, DatabaseUnavailableCause> = {
  SQLITE_BUSY: 'locked',
  SQLITE_LOCKED: 'locked',
  SQLITE_FULL: 'disk full',
  SQLITE_IOERR: 'unavailable',
  SQLITE_CANTOPEN: 'unavailable',
  SQLITE_READONLY: 'unavailable',
  SQLITE_PROTOCOL: 'locked',
};
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ENOSPC']);
/** Driver and TypeORM errors that carry no code, recognised by their wording. */
const MESSAGE_CAUSES: [RegExp, DatabaseUnavailableCause][] = [
  [/timeout exceeded when trying to connect/i, 'pool exhausted'], // pg-pool: connectionTimeoutMillis
  [/connection terminated|connection timeout|client has encountered a connection error|not queryable/i, 'unavailable'],
  [/database is locked|SQLITE_BUSY/i, 'locked'],
  [/database or disk is full|no space left/i, 'disk full'],
  [/statement timeout|canceling statement/i, 'timed out'],
  [/query read timeout/i, 'timed out'], // node-postgres query_timeout: the server stopped answering
  [/connection with sqlite database is not established|cannot execute operation on .* connection|connection is not set/i, 'unavailable'],
];

/**
 * Whether `error` says the database cannot serve us right now (unreachable, refusing connections,
 * a statement or lock timeout, no free pool connection, a locked SQLite file, a full disk), and
 * which; null for anything else (a constraint violation, a bug).
 */
export function databaseUnavailability(error: unknown): DatabaseUnavailableCause | null {
  if (typeof error !== 'object' || error === null) return null;
  const candidates = [error as DriverErrorLike, (error as DriverErrorLike).driverError];
  for (const candidate of candidates) {
    const cause = candidate ? causeOf(candidate) : null;
    if (cause) return cause;
  }
  return null;
}

function causeOf(candidate: DriverErrorLike): DatabaseUnavailableCause | null {
  const code = typeof candidate.code === 'string' ? candidate.code : '';
  if (code.startsWith('SQLITE_')) return SQLITE_CAUSES[code.split(':')[0]] ?? null;
  if (code === 'ENOSPC') return 'disk full';
  if (NETWORK_CODES.has(code)) return 'unavailable';
  if (/^[0-9A-Z]{5}$/.test(code)) return PG_CAUSES.find(([pattern]) => pattern.test(code))?.[1] ?? null;
  const message = typeof candidate.message === 'string' ? candidate.message : '';
  return MESSAGE_CAUSES.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}
