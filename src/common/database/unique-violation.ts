/** True when a database error is a unique-constraint violation (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT UNIQUE). */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  if (code === '23505') return true;
  return code === 'SQLITE_CONSTRAINT' && typeof candidate?.message === 'string' && candidate.message.includes('UNIQUE');
}
