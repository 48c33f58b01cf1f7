import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, LessThan, MoreThanOrEqual, Repository } from 'typeorm';
import { NotificationDelivery } from './notification-delivery.entity';

export type NewDelivery = Omit<NotificationDelivery, 'leaseOwner' | 'leaseUntil'>;
/** How many times a settlement is sent before giving up (the row then waits for its lease to run out). */
const SETTLE_SENDS = 5;

export type DeliverySettlement = Pick<NotificationDelivery, 'status' | 'reason' | 'attempts' | 'at' | 'nextAttemptAt'>;

/** The deliveries log, which is also the send queue (its `pending` rows). */
@Injectable()
export class DeliveriesRepository {
  constructor(@InjectRepository(NotificationDelivery) private readonly deliveries: Repository<NotificationDelivery>) {}

  /** In the caller's transaction; a row whose id exists already is left as it is (one per id, ever). */
  async insertNew(manager: EntityManager, rows: NewDelivery[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.createQueryBuilder().insert().into(NotificationDelivery).values(rows.map((row) => ({ ...row, leaseOwner: null, leaseUntil: null }))).orIgnore().execute();
  }

  /** A change delivery's attempt (ChangeDeliveries): insert or bring up to date, by its stable id. */
  async upsert(row: NewDelivery): Promise<void> {
    await this.deliveries
      .createQueryBuilder()
      .insert()
      .into(NotificationDelivery)
      .values({ ...row, leaseOwner: null, leaseUntil: null })
      .orUpdate(['status', 'reason', 'attempts', 'at', 'next_attempt_at'], ['id'])
      .execute();
  }

  /** Pending rows due at `now` that no live lease holds, soonest first. */
  dueIds(now: number, limit: number): Promise<string[]> {
    return this.deliveries
      .createQueryBuilder('d')
      .select('d.id', 'id')
      .where("d.status = 'pending' AND d.next_attempt_at <= :now AND (d.lease_until IS NULL OR d.lease_until < :now)", { now })
      .orderBy('d.next_attempt_at', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>()
      .then((rows) => rows.map((row) => row.id));
  }

  /** Takes the right to send a due row until `until`; null when another instance holds it or it is no longer due. */
  async lease(id: string, owner: string, now: number, until: number): Promise<NotificationDelivery | null> {
    await this.deliveries
      .createQueryBuilder()
      .update(NotificationDelivery)
      .set({ leaseOwner: owner, leaseUntil: until })
      .where("id = :id AND status = 'pending' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)", { id, now })
      .execute();
    // Read back rather than trust `affected`: on SQLite the driver reports the changes of the
    // connection's latest statement, which concurrent sends of this instance may have replaced.
    return this.deliveries.findOneBy({ id, leaseOwner: owner, leaseUntil: until });
  }

  /**
   * Records an attempt's outcome and gives the lease back (only while this owner holds it), and reads
   * the row back: on SQLite an update sent while this instance's other sends run was seen to leave
   * the row as leased (its reported count belongs to the connection's latest statement), which would
   * hold the row until its lease ran out and then send it again. It is sent again until it took.
   */
  async settle(id: string, owner: string, settlement: DeliverySettlement): Promise<void> {
    for (let sent = 1; ; sent += 1) {
      await this.deliveries.update({ id, leaseOwner: owner }, { ...settlement, leaseOwner: null, leaseUntil: null });
      const row = await this.deliveries.findOne({ where: { id }, select: { id: true, leaseOwner: true } });
      if (row?.leaseOwner !== owner) return;
      if (sent >= SETTLE_SENDS) throw new Error(`the outcome of delivery ${id} was not recorded`);
    }
  }

  /** Gives a lease back without an attempt (only while this owner holds it): the row is due again at once. */
  async release(id: string, owner: string): Promise<void> {
    await this.deliveries.update({ id, leaseOwner: owner }, { leaseOwner: null, leaseUntil: null });
  }

  listOwned(userId: number, since: number, limit: number): Promise<NotificationDelivery[]> {
    return this.deliveries.find({ where: { userId, at: MoreThanOrEqual(since) }, order: { at: 'DESC', id: 'DESC' }, take: limit });
  }

  /** Drops rows older than `before` (the log keeps 30 days; a row that old has no retry left either). */
  async pruneBefore(before: number): Promise<number> {
    const result = await this.deliveries.createQueryBuilder().delete().from(NotificationDelivery).where({ at: LessThan(before) }).execute();
    return result.affected ?? 0;
  }
}
