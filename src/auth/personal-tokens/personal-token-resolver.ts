import { Injectable } from '@nestjs/common';
import { CacheReadPlan } from '../../cache/cache-prefetch';
import { Clock } from '../../common/clock';
import { ResolvedSession, SessionResolver } from '../session-resolver';
import { isLiveToken } from './personal-token.entity';
import { isPersonalTokenSecret, personalTokenHash } from './personal-token-secret';
import { PersonalTokenIdentity, PersonalTokensRepository } from './personal-tokens.repository';
import { TokenUsage } from './token-usage';

const IDENTITY_LIMIT = 10_000;

/**
 * The principal of a personal access token, as cheap as a JWT's on the hit path: a Map lookup of
 * what never changes about the token (its user, scope and end), then the very check
 * a session's token gets (SessionResolver.check: the user's generation from Redis, the database
 * when it changed or cannot be read). A revoked token's row is gone and its revocation replaced
 * the user's generation on every instance, so it is refused at once, with Redis up, down or flushed.
 */
@Injectable()
export class PersonalTokenResolver {
  /**
   * By secret, like the JWT verifier's memo of verified tokens (process memory only; the database
   * keeps hashes): a repeat costs a Map lookup, not a hash. A token's identity never changes;
   * whether it is still live is checked each time.
   */
  private readonly identities = new Map<string, PersonalTokenIdentity>();

  constructor(
    private readonly tokens: PersonalTokensRepository,
    private readonly sessions: SessionResolver,
    private readonly usage: TokenUsage,
    private readonly clock: Clock,
  ) {}

  /** The principal, or null for a malformed, unknown, expired or revoked token. */
  async resolve(secret: string, plan?: CacheReadPlan | null): Promise<ResolvedSession | null> {
    const identity = await this.identify(secret);
    return identity ? this.resolveIdentity(identity, plan) : null;
  }

  /** What never changes about the token of this secret, or null when it is malformed or unknown (not checked for revocation). */
  async identify(secret: string): Promise<PersonalTokenIdentity | null> {
    return isPersonalTokenSecret(secret) ? this.identityOf(secret) : null;
  }

  /** The principal of an identified token, or null when it has expired or was revoked. */
  async resolveIdentity(identity: PersonalTokenIdentity, plan?: CacheReadPlan | null): Promise<ResolvedSession | null> {
    if (!isLiveToken(identity, this.clock.now())) return null;
    const { id, userId, scope, expiresAt } = identity;
    const checked = await this.sessions.check(userId, `token:${id}`, () => this.tokens.existsLive(userId, id, this.clock.now()), plan);
    if (!checked) return null;
    this.usage.used(id);
    return {
      principal: {
        ...this.sessions.principalOf(checked.user),
        sessionId: null,
        personalToken: { id, scope },
        tokenExpiresAt: expiresAt === null ? null : Math.floor(expiresAt / 1000),
      },
      generation: checked.generation,
      prefetched: checked.prefetched,
    };
  }

  private async identityOf(secret: string): Promise<PersonalTokenIdentity | null> {
    const known = this.identities.get(secret);
    if (known) return known;
    const found = await this.tokens.findIdentityByHash(personalTokenHash(secret));
    if (!found) return null;
    if (this.identities.size >= IDENTITY_LIMIT) this.identities.delete(this.identities.keys().next().value!);
    this.identities.set(secret, found);
    return found;
  }
}
