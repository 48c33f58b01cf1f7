import { Injectable } from '@nestjs/common';
import { CacheGenerations } from '../cache/cache-generations';
import { CacheReadPlan } from '../cache/cache-prefetch';
import { CachePrefetchResult } from '../common/http/request-principal';
import { AppConfig } from '../config/app-config';
import { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { AccessTokenClaims } from './access-token.service';
import { AuthUser, UserRole } from './auth-user';
import { RevokedTokensRepository } from './revoked-tokens.repository';

interface MemoEntry {
  generation: string;
  user: User;
  acceptedTokenIds: Set<string>;
}

const MEMO_LIMIT = 10_000;


export interface ResolvedSession {
  principal: AuthUser;
  generation: string | null;
  prefetched?: CachePrefetchResult;
}

/**
 * Turns verified token claims into the request principal, refusing revoked tokens.
 *
 * The database is the source of truth (users.session_version, revoked_tokens). To spare it on
 * every request, a principal is remembered in process together with the user's cache generation
 * read BEFORE the database; logout, logout-all and profile changes bump that generation on every
 * instance, so a remembered principal is only reused while nothing about the user has changed.
 * When the generation cannot be read (Redis down, hung, or caching disabled) the database decides.
 */
@Injectable()
export class SessionResolver {
  private readonly memo = new Map<number, MemoEntry>();

  constructor(
    private readonly users: UsersRepository,
    private readonly revokedTokens: RevokedTokensRepository,
    private readonly generations: CacheGenerations,
    private readonly config: AppConfig,
  ) {}

  /**
   * The principal and the route group's cache validity it was checked under, or null when the token
   * is revoked. With a `plan` (a cached GET), the route's generation, and its entry for the remembered
   * user, are read in the same round trip as the session generation (the remembered user's context is
   * only trusted by the interceptor if it matches the principal's).
   */
  async resolve(claims: AccessTokenClaims, plan?: CacheReadPlan | null): Promise<ResolvedSession | null> {
    const userId = Number(claims.sub);
    const remembered = this.memo.get(userId);
    const { session: generation, entry, prefetched } = await this.generations.current(userId, plan ?? null, remembered?.user);
    if (generation !== null && remembered?.generation === generation && remembered.acceptedTokenIds.has(claims.jti)) {
      return { ...this.accept(remembered.user, claims, entry), prefetched };
    }
    const user = await this.loadIfValid(userId, claims);
    if (!user) return null;
    if (generation !== null) this.remember(userId, generation, user, claims.jti, remembered);
    return { ...this.accept(user, claims, entry), prefetched };
  }

  roleOf(email: string): UserRole {
    return this.config.adminEmails.includes(email.toLowerCase()) ? 'admin' : 'user';
  }

  private async loadIfValid(userId: number, claims: AccessTokenClaims): Promise<User | null> {
    const [user, revoked] = await Promise.all([this.users.findById(userId), this.revokedTokens.isRevoked(claims.jti)]);
    if (!user || revoked || user.sessionVersion !== claims.sv) return null;
    return user;
  }

  private remember(userId: number, generation: string, user: User, jti: string, previous?: MemoEntry): void {
    const sameGeneration = previous?.generation === generation;
    const acceptedTokenIds = sameGeneration ? previous.acceptedTokenIds : new Set<string>();
    acceptedTokenIds.add(jti);
    this.memo.delete(userId);
    this.memo.set(userId, { generation, user, acceptedTokenIds });
    if (this.memo.size > MEMO_LIMIT) this.memo.delete(this.memo.keys().next().value!);
  }

  private accept(user: User, claims: AccessTokenClaims, generation: string | null) {
    const principal: AuthUser = {
      id: user.id,
      email: user.email,
      role: this.roleOf(user.email),
      timezone: user.timezone,
      jti: claims.jti,
      tokenExpiresAt: claims.exp,
    };
    return { principal, generation };
  }
}
