import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's sync revision: bumped by every transaction that changes their categories, habits or records. */
@Entity('sync_revisions')
export class SyncRevision {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'integer', default: 0 })
  revision: number;

  /** The highest revision of a purged tombstone: a cursor before it may miss a deletion (full sync). */
  @Column({ name: 'purged_revision', type: 'integer', default: 0 })
  purgedRevision: number;
}
