import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { ChangeNotifier } from '../../changes/change-notifier';
import { UserWrites } from '../../changes/user-writes';
import { CreatePersonalTokenDto } from './dto/create-personal-token.dto';
import { CreatedPersonalTokenResponse, PersonalTokenResponse, toPersonalTokenResponse } from './dto/personal-token.response';
import { newPersonalTokenSecret, personalTokenHash } from './personal-token-secret';
import { PersonalTokensRepository } from './personal-tokens.repository';
import { TokenUsage } from './token-usage';

/** Live personal access tokens a user may hold (API.md: the 21st is a 409). */
export const MAX_LIVE_TOKENS = 20;
const DAY_MS = 86_400_000;

/**
 * GET/POST/DELETE /api/auth/tokens. Creation goes through the write door with no change group:
 * it serializes the user's writers (the count and the insert cannot race past the limit on any
 * instance) and announces nothing. Revocation deletes the row, then ends the user's remembered
 * principals on every instance exactly as an ended session does.
 */
@Injectable()
export class PersonalTokensService {
  constructor(
    private readonly tokens: PersonalTokensRepository,
    private readonly writes: UserWrites,
    private readonly changes: ChangeNotifier,
    private readonly usage: TokenUsage,
    private readonly clock: Clock,
  ) {}

  async list(userId: number): Promise<PersonalTokenResponse[]> {
    await this.usage.flush();
    return (await this.tokens.listLive(userId, this.clock.now())).map(toPersonalTokenResponse);
  }

  async create(userId: number, dto: CreatePersonalTokenDto): Promise<CreatedPersonalTokenResponse> {
    const secret = newPersonalTokenSecret();
    const now = this.clock.now();
    const expiresAt = dto.expiresInDays === undefined || dto.expiresInDays === null ? null : now + dto.expiresInDays * DAY_MS;
    const token = await this.writes.write(userId, [], async (write) => {
      await this.tokens.deleteExpired(write, now);
      if ((await this.tokens.countLive(write, now)) >= MAX_LIVE_TOKENS) {
        throw new ConflictException(`At most ${MAX_LIVE_TOKENS} personal access tokens may be live; revoke one first`);
      }
      return this.tokens.insertForUser(write, { name: dto.name, scope: dto.scope, secretHash: personalTokenHash(secret), createdAt: now, expiresAt });
    });
    return { ...toPersonalTokenResponse(token), secret };
  }

  async revoke(userId: number, id: number): Promise<void> {
    if ((await this.tokens.deleteOwned(userId, id)) === 0) throw new NotFoundException('Token not found');
    await this.changes.sessionsEnded(userId);
  }
}
