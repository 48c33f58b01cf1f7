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
