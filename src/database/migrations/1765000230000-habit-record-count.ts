import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The account limit of 1,000,000 records (API.md § Conventions) without counting a million rows per
 * write: every habit keeps the number of its records in `habits.record_count`, kept true by the database
 * itself (triggers on habit_records, whichever code path writes, cascades included), so an account's
 * count is a SUM over at most 1,000 habit rows, read inside the write's transaction (after the user's
 * revision row is locked, so two writes of one user cannot both pass on the same count). A per-habit
 * counter rather than a per-user one: deleting a habit drops its count with it, nothing to subtract.
 */
export class HabitRecordCount1765000230000 implements MigrationInterface {
  name = 'HabitRecordCount1765000230000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE habits ADD COLUMN record_count integer NOT NULL DEFAULT 0');
    await queryRunner.query('UPDATE habits SET record_count = (SELECT COUNT(*) FROM habit_records r WHERE r.habit_id = habits.id)');
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const statement of postgres ? POSTGRES_TRIGGERS : SQLITE_TRIGGERS) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const event of ['insert', 'delete']) {
      await queryRunner.query(`DROP TRIGGER IF EXISTS habit_records_${event}_count${postgres ? ' ON habit_records' : ''}`);
    }
    if (postgres) await queryRunner.query('DROP FUNCTION IF EXISTS habit_records_count_changed()');
    await queryRunner.query('ALTER TABLE habits DROP COLUMN record_count');
  }
}

const SQLITE_TRIGGERS = [
  `CREATE TRIGGER habit_records_insert_count AFTER INSERT ON habit_records FOR EACH ROW BEGIN
UPDATE habits SET record_count = record_count + 1 WHERE id = NEW.habit_id;
END`,
  `CREATE TRIGGER habit_records_delete_count AFTER DELETE ON habit_records FOR EACH ROW BEGIN
UPDATE habits SET record_count = record_count - 1 WHERE id = OLD.habit_id;
END`,
];

/** Statement triggers with transition tables: one UPDATE per statement, however many rows it wrote. */
const POSTGRES_TRIGGERS = [
  `CREATE FUNCTION habit_records_count_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE habits h SET record_count = h.record_count + n.added FROM (SELECT habit_id, COUNT(*) AS added FROM new_rows GROUP BY habit_id) n WHERE h.id = n.habit_id;
  ELSE
    UPDATE habits h SET record_count = h.record_count - o.removed FROM (SELECT habit_id, COUNT(*) AS removed FROM old_rows GROUP BY habit_id) o WHERE h.id = o.habit_id;
  END IF;
  RETURN NULL;
END $$`,
  `CREATE TRIGGER habit_records_insert_count AFTER INSERT ON habit_records
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION habit_records_count_changed()`,
  `CREATE TRIGGER habit_records_delete_count AFTER DELETE ON habit_records
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION habit_records_count_changed()`,
];
