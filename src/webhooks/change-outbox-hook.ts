import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ChangeGroup } from '../common/change-groups';
import { UserWrite, UserWrites } from '../changes/user-writes';
import { eventsOf, WEBHOOK_EVENTS, WebhookEvent } from './webhook-subscription.entity';
import { WebhooksRepository } from './webhooks.repository';

/**
 * A hook on the write door: inside every write's transaction, each enabled subscription of the
 * user whose events name a group the write changed gets an outbox row for the write's revision.
 * It commits or rolls back with the write, so no committed change is lost and none that rolled
 * back is delivered; the services know nothing of webhooks.
 */
@Injectable()
export class ChangeOutboxHook implements OnModuleInit {
  constructor(
    private readonly writes: UserWrites,
    private readonly webhooks: WebhooksRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.writes.addHook((write, groups) => this.enqueue(write, groups));
  }

  private async enqueue(write: UserWrite, groups: readonly ChangeGroup[]): Promise<void> {
    const changed = groups.filter((group): group is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(group));
    if (changed.length === 0) return;
    const subscriptions = await this.webhooks.enabledOf(write);
    const now = this.clock.now();
    const rows = subscriptions
      .filter((subscription) => eventsOf(subscription).some((event) => changed.includes(event)))
      .map((subscription) => ({ subscriptionId: subscription.id, revision: write.revision, groups: changed.join(','), nextAttemptAt: now, createdAt: now }));
    await this.webhooks.enqueue(write, rows);
  }
}
