import { MigrationInterface, QueryRunner, Table, TableForeignKey } from 'typeorm';

/**
 * Checkpoints of the analytics walk (docs/analytics.md): the score and streak state of a habit at the
 * end of a closed period, so that analytics read a bounded stretch of history. The database itself
 * keeps them true: every insert, update or delete of a record drops the habit's checkpoints on or after
 * the record's date and bumps `habits.history_rev` (a reader stores new checkpoints only while that
 * revision is the one it read before the records), whichever code path wrote the record.
 */
export class HabitCheckpoints1764000001001 implements MigrationInterface {
  name = 'HabitCheckpoints1764000001001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE habits ADD COLUMN history_rev integer NOT NULL DEFAULT 0');
    await queryRunner.createTable(
      new Table({
        name: 'habit_checkpoints',
        columns: [
          { name: 'habit_id', type: 'integer', isPrimary: true },
          { name: 'day', type: 'varchar', length: '10', isPrimary: true },
          { name: 'rules', type: 'varchar', length: '200' },
          { name: 'state', type: 'varchar', length: '200' },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['habit_id'], referencedTableName: 'habits', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const statement of postgres ? POSTGRES_TRIGGERS : SQLITE_TRIGGERS) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const event of ['insert', 'update', 'delete']) {
      await queryRunner.query(`DROP TRIGGER IF EXISTS habit_records_${event}_history${postgres ? ' ON habit_records' : ''}`);
    }
    if (postgres) await queryRunner.query('DROP FUNCTION IF EXISTS habit_records_history_changed()');
    await queryRunner.dropTable('habit_checkpoints');
    await queryRunner.query('ALTER TABLE habits DROP COLUMN history_rev');
  }
}

/** Row triggers: first bump the revision, then drop the checkpoints the change makes wrong. */
function sqliteTrigger(event: 'INSERT' | 'UPDATE' | 'DELETE', rows: string[]): string {
  const bump = rows.map((row) => `UPDATE habits SET history_rev = history_rev + 1 WHERE id = ${row}.habit_id;`).join('\n');
  const drop = rows
    .map((row) => `DELETE FROM habit_checkpoints WHERE habit_id = ${row}.habit_id AND day >= ${row}.date;`)
    .join('\n');
  return `CREATE TRIGGER habit_records_${event.toLowerCase()}_history AFTER ${event} ON habit_records
FOR EACH ROW BEGIN
${bump}
${drop}
END`;
}

const SQLITE_TRIGGERS = [
  sqliteTrigger('INSERT', ['NEW']),
  sqliteTrigger('UPDATE', ['OLD', 'NEW']),
  sqliteTrigger('DELETE', ['OLD']),
];

/**
 * Statement triggers with transition tables (one pass per statement, however many rows: deleting a
 * habit or an account does not run a trigger per record). PostgreSQL allows one event per trigger when
 * it references transition tables, so three triggers share one function.
 */
const POSTGRES_TRIGGERS = [
  `CREATE FUNCTION habit_records_history_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE habits h SET history_rev = h.history_rev + 1 FROM (SELECT DISTINCT habit_id FROM old_rows) o WHERE h.id = o.habit_id;
    DELETE FROM habit_checkpoints c USING (SELECT habit_id, MIN(date) AS date FROM old_rows GROUP BY habit_id) o
      WHERE c.habit_id = o.habit_id AND c.day >= o.date;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE habits h SET history_rev = h.history_rev + 1 FROM (SELECT DISTINCT habit_id FROM new_rows) n WHERE h.id = n.habit_id;
    DELETE FROM habit_checkpoints c USING (SELECT habit_id, MIN(date) AS date FROM new_rows GROUP BY habit_id) n
      WHERE c.habit_id = n.habit_id AND c.day >= n.date;
  END IF;
  RETURN NULL;
END $$`,
  `CREATE TRIGGER habit_records_insert_history AFTER INSERT ON habit_records
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION habit_records_history_changed()`,
  `CREATE TRIGGER habit_records_update_history AFTER UPDATE ON habit_records
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION habit_records_history_changed()`,
  `CREATE TRIGGER habit_records_delete_history AFTER DELETE ON habit_records
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION habit_records_history_changed()`,
];
