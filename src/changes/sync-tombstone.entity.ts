import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const TOMBSTONE_KINDS = ['category', 'habit', 'record'] as const;
export type TombstoneKind = (typeof TOMBSTONE_KINDS)[number];

/** A deletion, kept SYNC_TOMBSTONE_DAYS for delta syncs. A record is named by (habit, date): `entityId` is its habit. */
@Entity('sync_tombstones')
export class SyncTombstone {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 10 })
  kind: TombstoneKind;

  @Column({ name: 'entity_id', type: 'integer' })
  entityId: number;

  @Column({ type: 'varchar', length: 10, nullable: true })
  date: string | null;

  @Column({ type: 'integer' })
  revision: number;

  @CreateDateColumn({ name: 'deleted_at' })
  deletedAt: Date;
}
