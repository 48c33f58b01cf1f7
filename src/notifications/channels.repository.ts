import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { UserWrite } from '../changes/user-writes';
import { DEFAULT_LOCALE, Locale } from '../common/i18n/locale';
import { User } from '../users/user.entity';
import { ChannelKind } from './notification-delivery.entity';
import { PushChannel } from './push-channel.entity';
import { WebhookChannel } from './webhook-channel.entity';

export type NewPushChannel = Pick<PushChannel, 'endpoint' | 'p256dh' | 'auth' | 'createdAt'>;
export type NewWebhookChannel = Pick<WebhookChannel, 'url' | 'secretSealed' | 'createdAt'>;
export interface ChannelRef {
  kind: ChannelKind;
  id: number;
}

/** Push and webhook channels; every query of a user's rows is scoped by the user id. */
@Injectable()
export class ChannelsRepository {
  constructor(
    @InjectRepository(PushChannel) private readonly push: Repository<PushChannel>,
    @InjectRepository(WebhookChannel) private readonly webhooks: Repository<WebhookChannel>,
  ) {}

  listPush(userId: number): Promise<PushChannel[]> {
    return this.push.find({ where: { userId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  listWebhooks(userId: number): Promise<WebhookChannel[]> {
    return this.webhooks.find({ where: { userId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** In a transaction: every channel of the user, push first. */
  async refsOf(manager: EntityManager, userId: number): Promise<ChannelRef[]> {
    const push = await manager.find(PushChannel, { select: { id: true }, where: { userId }, order: { id: 'ASC' } });
    const webhooks = await manager.find(WebhookChannel, { select: { id: true }, where: { userId }, order: { id: 'ASC' } });
    return [...push.map(({ id }) => ({ kind: 'push' as const, id })), ...webhooks.map(({ id }) => ({ kind: 'webhook' as const, id }))];
  }

  /** In a transaction: the user's locale (the texts of a test notification). */
  async localeOf(manager: EntityManager, userId: number): Promise<Locale> {
    const user = await manager.findOne(User, { select: { id: true, locale: true }, where: { id: userId } });
    return user?.locale ?? DEFAULT_LOCALE;
  }

  countPush({ manager, userId }: UserWrite): Promise<number> {
    return manager.countBy(PushChannel, { userId });
  }

  countWebhooks({ manager, userId }: UserWrite): Promise<number> {
    return manager.countBy(WebhookChannel, { userId });
  }

  pushByEndpoint({ manager, userId }: UserWrite, endpoint: string): Promise<PushChannel | null> {
    return manager.findOneBy(PushChannel, { userId, endpoint });
  }

  async insertPush({ manager, userId }: UserWrite, channel: NewPushChannel): Promise<PushChannel> {
    const row = { ...channel, userId, lastSuccessAt: null, failures: 0 };
    const result = await manager.insert(PushChannel, row);
    return { ...row, id: Number(result.identifiers[0].id) };
  }

  async insertWebhook({ manager, userId }: UserWrite, channel: NewWebhookChannel): Promise<WebhookChannel> {
    const row = { ...channel, userId, lastSuccessAt: null, failures: 0 };
    const result = await manager.insert(WebhookChannel, row);
    return { ...row, id: Number(result.identifiers[0].id) };
  }

  async deleteOwned({ manager, userId }: UserWrite, kind: ChannelKind, id: number): Promise<number> {
    return (await manager.delete(kind === 'push' ? PushChannel : WebhookChannel, { id, userId })).affected ?? 0;
  }

  findPush(id: number): Promise<PushChannel | null> {
    return this.push.findOneBy({ id });
  }

  findWebhook(id: number): Promise<WebhookChannel | null> {
    return this.webhooks.findOneBy({ id });
  }

  /** A push service said the subscription is gone (404/410). */
  async removePush(id: number): Promise<void> {
    await this.push.delete({ id });
  }

  async succeeded(kind: ChannelKind, id: number, now: number): Promise<void> {
    await (kind === 'push' ? this.push : this.webhooks).update({ id }, { lastSuccessAt: now, failures: 0 });
  }

  async failed(kind: ChannelKind, id: number): Promise<void> {
    await (kind === 'push' ? this.push : this.webhooks).increment({ id }, 'failures', 1);
  }
}
