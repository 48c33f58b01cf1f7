import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { UserWrites } from '../changes/user-writes';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { SecretBox } from '../outbound/secret-box';
import { newWebhookSecret } from '../outbound/standard-webhooks';
import { checkPushInput, checkWebhookInput } from './channel-input';
import { ChannelsRepository } from './channels.repository';
import { ChannelsResponse, CreatedWebhookChannelResponse, PushChannelResponse, toPushChannelResponse, toWebhookChannelResponse } from './dto/channel.response';
import { CreatePushChannelDto } from './dto/create-push-channel.dto';
import { CreateWebhookChannelDto } from './dto/create-webhook-channel.dto';
import { ChannelKind } from './notification-delivery.entity';

/** API.md: at most 10 push channels and 5 webhook channels per user. */
export const MAX_PUSH_CHANNELS = 10;
export const MAX_WEBHOOK_CHANNELS = 5;

/**
 * Registering and removing channels. They go through the write door with no change group: a
 * channel is not data any cached route, the feed or sync shows, but the door serialises the
 * user's writes, so the count and the insert cannot race past the limit, nor an account deletion.
 */
@Injectable()
export class ChannelsService {
  constructor(
    private readonly channels: ChannelsRepository,
    private readonly writes: UserWrites,
    private readonly secrets: SecretBox,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async list(userId: number): Promise<ChannelsResponse> {
    const [push, webhooks] = await Promise.all([this.channels.listPush(userId), this.channels.listWebhooks(userId)]);
    return { push: push.map(toPushChannelResponse), webhooks: webhooks.map(toWebhookChannelResponse) };
  }

  /** `created` false: this endpoint was registered already, and that channel is the answer. */
  async addPush(userId: number, dto: CreatePushChannelDto): Promise<{ created: boolean; channel: PushChannelResponse }> {
    await checkPushInput(dto.endpoint, dto.keys, this.config.outbound.allowPrivate);
    return this.writes.write(userId, [], async (write) => {
      const existing = await this.channels.pushByEndpoint(write, dto.endpoint);
      if (existing) return { created: false, channel: toPushChannelResponse(existing) };
      if ((await this.channels.countPush(write)) >= MAX_PUSH_CHANNELS) throw new ConflictException(`At most ${MAX_PUSH_CHANNELS} push channels per user; delete one first`);
      const channel = await this.channels.insertPush(write, { endpoint: dto.endpoint, p256dh: dto.keys.p256dh, auth: dto.keys.auth, createdAt: this.clock.now() });
      return { created: true, channel: toPushChannelResponse(channel) };
    });
  }

  async addWebhook(userId: number, dto: CreateWebhookChannelDto): Promise<CreatedWebhookChannelResponse> {
    const secret = dto.secret ?? newWebhookSecret();
    await checkWebhookInput(dto.url, secret, this.config.outbound);
    const channel = await this.writes.write(userId, [], async (write) => {
      if ((await this.channels.countWebhooks(write)) >= MAX_WEBHOOK_CHANNELS) throw new ConflictException(`At most ${MAX_WEBHOOK_CHANNELS} webhook channels per user; delete one first`);
      return this.channels.insertWebhook(write, { url: dto.url, secretSealed: this.secrets.seal(secret), createdAt: this.clock.now() });
    });
    return { ...toWebhookChannelResponse(channel), secret };
  }

  async remove(userId: number, kind: ChannelKind, id: number): Promise<void> {
    await this.writes.write(userId, [], async (write) => {
      if ((await this.channels.deleteOwned(write, kind, id)) === 0) throw new NotFoundException('Channel not found');
    });
  }
}
