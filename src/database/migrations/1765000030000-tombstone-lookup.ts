import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * v3 writes made offline compare an item's time with the last deletion of its record or habit:
 * tombstones are looked up by (user, kind, entity), which the (user, revision) index cannot serve.
 */
export class TombstoneLookup1765000030000 implements MigrationInterface {
  name = 'TombstoneLookup1765000030000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('sync_tombstones', new TableIndex({ name: 'IDX_sync_tombstones_entity', columnNames: ['user_id', 'kind', 'entity_id', 'date'] }));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('sync_tombstones', 'IDX_sync_tombstones_entity');
  }
}
