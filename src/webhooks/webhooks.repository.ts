import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { UserWrite } from '../changes/user-writes';
import { WebhookOutbox } from './webhook-outbox.entity';
import { WebhookSubscription } from './webhook-subscription.entity';

export type NewSubscription = Pick<WebhookSubscription, 'url' | 'events' | 'secretSealed' | 'createdAt'>;
export type NewOutboxRow = Pick<WebhookOutbox, 'subscriptionId' | 'revision' | 'groups' | 'nextAttemptAt' | 'createdAt'>;
export type OutboxProgress = Pick<WebhookOutbox, 'chunk' | 'segment' | 'afterId' | 'attempts' | 'nextAttemptAt'>;

/** Subscriptions and their outbox; every query of a user's rows is scoped by the user id. */
@Injectable()
export class WebhooksRepository {
  constructor(
    @InjectRepository(WebhookSubscription) private readonly subscriptions: Repository<WebhookSubscription>,
    @InjectRepository(WebhookOutbox) private readonly outbox: Repository<WebhookOutbox>,
  ) {}

  countOwned({ manager, userId }: UserWrite): Promise<number> {
    return manager.countBy(WebhookSubscription, { userId });
  }

  async insertForUser({ manager, userId }: UserWrite, subscription: NewSubscription): Promise<WebhookSubscription> {
    const row = { ...subscription, userId, lastSuccessAt: null, failures: 0, failingSince: null, disabledAt: null, leaseOwner: null, leaseUntil: null };
    const result = await manager.insert(WebhookSubscription, row);
    return { ...row, id: Number(result.identifiers[0].id) };
  }

  listOwned(userId: number): Promise<WebhookSubscription[]> {
    return this.subscriptions.find({ where: { userId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** Its outbox rows go with it (the foreign key cascades too, where enforced). */
  async deleteOwned({ manager, userId }: UserWrite, id: number): Promise<number> {
    await manager.delete(WebhookOutbox, { subscriptionId: id, userId });
    return (await manager.delete(WebhookSubscription, { id, userId })).affected ?? 0;
  }

  /** In a write's transaction: the user's subscriptions that still receive changes. */
  enabledOf({ manager, userId }: UserWrite): Promise<Pick<WebhookSubscription, 'id' | 'events'>[]> {
    return manager.find(WebhookSubscription, { select: { id: true, events: true }, where: { userId, disabledAt: IsNull() } });
  }

  async enqueue({ manager, userId }: UserWrite, rows: NewOutboxRow[]): Promise<void> {
    if (rows.length > 0) await manager.insert(WebhookOutbox, rows.map((row) => ({ ...row, userId, chunk: 0, segment: 0, afterId: 0, attempts: 0 })));
  }

  findById(id: number): Promise<WebhookSubscription | null> {
    return this.subscriptions.findOneBy({ id });
  }

  /** Subscriptions with an outbox row due at `now`. */
  async dueSubscriptionIds(now: number, limit: number): Promise<number[]> {
    const rows = await this.outbox
      .createQueryBuilder('row')
      .select('row.subscription_id', 'id')
      .where('row.next_attempt_at <= :now', { now })
      .groupBy('row.subscription_id')
      .orderBy('MIN(row.id)')
      .limit(limit)
      .getRawMany<{ id: number }>();
    return rows.map((row) => Number(row.id));
  }

  /** Takes (or renews) the right to deliver to a subscription until `until`; false when another instance holds it. */
  async lease(id: number, owner: string, now: number, until: number): Promise<boolean> {
    const result = await this.subscriptions
      .createQueryBuilder()
      .update(WebhookSubscription)
      .set({ leaseOwner: owner, leaseUntil: until })
      .where('id = :id AND (lease_owner = :owner OR lease_until IS NULL OR lease_until < :now)', { id, owner, now })
      .execute();
    return result.affected === 1;
  }

  async release(id: number, owner: string): Promise<void> {
    await this.subscriptions.update({ id, leaseOwner: owner }, { leaseOwner: null, leaseUntil: null });
  }

  /** The oldest write still to deliver to the subscription (commit order). */
  head(subscriptionId: number): Promise<WebhookOutbox | null> {
    return this.outbox.findOne({ where: { subscriptionId }, order: { revision: 'ASC', id: 'ASC' } });
  }

  async progress(rowId: number, progress: OutboxProgress): Promise<void> {
    await this.outbox.update({ id: rowId }, progress);
  }

  async done(rowId: number): Promise<void> {
    await this.outbox.delete({ id: rowId });
  }

  async succeeded(id: number, now: number): Promise<void> {
    await this.subscriptions.update({ id }, { lastSuccessAt: now, failures: 0, failingSince: null });
  }

  async failed(subscription: WebhookSubscription, now: number): Promise<void> {
    await this.subscriptions.update({ id: subscription.id }, { failures: subscription.failures + 1, failingSince: subscription.failingSince ?? now });
  }

  /** Disabled: nothing more is queued or delivered (its queue is dropped) until it is deleted and created again. */
  async disable(id: number, now: number): Promise<void> {
    await this.subscriptions.update({ id }, { disabledAt: now });
    await this.outbox.delete({ subscriptionId: id });
  }
}
