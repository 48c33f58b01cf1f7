import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '../common/clock';
import { UserWrites } from '../changes/user-writes';
import { AppConfig } from '../config/app-config';
import { resolvesPublicly, urlProblem } from '../outbound/address-guard';
import { SecretBox } from '../outbound/secret-box';
import { newWebhookSecret, webhookSecretKey } from '../outbound/standard-webhooks';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { CreatedWebhookSubscriptionResponse, toWebhookSubscriptionResponse, WebhookSubscriptionResponse } from './dto/webhook-subscription.response';
import { WEBHOOK_EVENTS } from './webhook-subscription.entity';
import { WebhooksRepository } from './webhooks.repository';

/** API.md: at most 5 change webhooks per user. */
export const MAX_WEBHOOKS = 5;

/** POST/GET/DELETE /api/webhooks (API.md § Change webhooks); deliveries are ChangeDeliveries'. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly writes: UserWrites,
    private readonly secrets: SecretBox,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async list(userId: number): Promise<WebhookSubscriptionResponse[]> {
    return (await this.webhooks.listOwned(userId)).map(toWebhookSubscriptionResponse);
  }

  async create(userId: number, dto: CreateWebhookDto): Promise<CreatedWebhookSubscriptionResponse> {
    const secret = dto.secret ?? newWebhookSecret();
    await this.checkInput(dto.url, secret);
    const events = WEBHOOK_EVENTS.filter((event) => dto.events.includes(event)).join(',');
    // Through the door (no change group): the count and the insert cannot race past the limit.
    const created = await this.writes.write(userId, [], async (write) => {
      if ((await this.webhooks.countOwned(write)) >= MAX_WEBHOOKS) throw new ConflictException(`At most ${MAX_WEBHOOKS} webhooks per user; delete one first`);
      return this.webhooks.insertForUser(write, { url: dto.url, events, secretSealed: this.secrets.seal(secret), createdAt: this.clock.now() });
    });
    return { ...toWebhookSubscriptionResponse(created), secret };
  }

  async remove(userId: number, id: number): Promise<void> {
    await this.writes.write(userId, [], async (write) => {
      if ((await this.webhooks.deleteOwned(write, id)) === 0) throw new NotFoundException('Webhook not found');
    });
  }

  private async checkInput(url: string, secret: string): Promise<void> {
    const problems: string[] = [];
    const problem = urlProblem(url, this.config.outbound);
    if (problem) problems.push(problem);
    else if (!(await resolvesPublicly(new URL(url), this.config.outbound))) problems.push('url must resolve to a public address');
    if (webhookSecretKey(secret) === null) problems.push('secret must be whsec_ followed by the base64 of 24 to 64 bytes');
    if (problems.length > 0) throw new BadRequestException(problems);
  }
}
