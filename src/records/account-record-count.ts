import { EntityManager } from 'typeorm';
import { assertWithinAccountLimits } from '../users/account-limits';

/**
 * How many records the user holds: the SUM of the per-habit counters that triggers keep on
 * `habits.record_count` (migration 1765000230000), at most 1,000 rows read, never a COUNT(*) over
 * up to a million records. Read inside the write's transaction, after the door locked the user's
 * revision row, so that two writes of one user are checked one after the other.
 */
export async function accountRecordCount(manager: EntityManager, userId: number): Promise<number> {
  const [sql, parameters] = manager.connection.driver.escapeQueryWithParameters(
    'SELECT COALESCE(SUM(record_count), 0) AS total FROM habits WHERE user_id = :userId',
    { userId },
    {},
  );
  const rows: { total: number | string }[] = await manager.query(sql, parameters);
  return Number(rows[0]?.total ?? 0);
}

/** The 409 of API.md before a write that creates `creating` records would take the account past 1,000,000. */
export async function assertRoomForRecords(manager: EntityManager, userId: number, creating: number): Promise<void> {
  if (creating <= 0) return;
  assertWithinAccountLimits({ records: (await accountRecordCount(manager, userId)) + creating });
}
