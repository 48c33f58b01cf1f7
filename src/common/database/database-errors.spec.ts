import { databaseUnavailability, isUniqueViolation } from './database-errors';

/** Shaped as TypeORM's QueryFailedError: the driver's fields copied, the original as driverError. */
function queryFailed(code: string, message: string): Error & { code: string; driverError: { code: string; message: string } } {
  return Object.assign(new Error(message), { code, driverError: { code, message } });
}

describe('databaseUnavailability', () => {
  it.each([
    [queryFailed('57014', 'canceling statement due to statement timeout'), 'timed out'],
    [queryFailed('55P03', 'canceling statement due to lock timeout'), 'locked'],
    [queryFailed('40P01', 'deadlock detected'), 'locked'],
    [queryFailed('53100', 'could not extend file: No space left on device'), 'disk full'],
    [queryFailed('53300', 'sorry, too many clients already'), 'pool exhausted'],
    [queryFailed('55000', 'database "x" is not currently accepting connections'), 'unavailable'],
    [queryFailed('57P01', 'terminating connection due to administrator command'), 'unavailable'],
    [queryFailed('08006', 'connection failure'), 'unavailable'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'unavailable'],
    [new Error('timeout exceeded when trying to connect'), 'pool exhausted'],
    [new Error('Connection terminated unexpectedly'), 'unavailable'],
    [new Error('Query read timeout'), 'timed out'],
    [queryFailed('SQLITE_BUSY', 'SQLITE_BUSY: database is locked'), 'locked'],
    [queryFailed('SQLITE_FULL', 'SQLITE_FULL: database or disk is full'), 'disk full'],
    [queryFailed('SQLITE_IOERR', 'SQLITE_IOERR: disk I/O error'), 'unavailable'],
  ])('recognises %p as %s', (error, cause) => {
    expect(databaseUnavailability(error)).toBe(cause);
  });

  it('leaves constraint violations, bugs and non-errors alone', () => {
    const unique = queryFailed('23505', 'duplicate key value violates unique constraint');
    expect(isUniqueViolation(unique)).toBe(true);
    expect(databaseUnavailability(unique)).toBeNull();
    expect(databaseUnavailability(queryFailed('SQLITE_CONSTRAINT', 'SQLITE_CONSTRAINT: UNIQUE constraint failed'))).toBeNull();
    expect(databaseUnavailability(queryFailed('42703', 'column "x" does not exist'))).toBeNull();
    expect(databaseUnavailability(new TypeError('Cannot read properties of undefined'))).toBeNull();
    expect(databaseUnavailability('a string')).toBeNull();
    expect(databaseUnavailability(null)).toBeNull();
  });
});
