import { Injectable } from '@nestjs/common';
import { CacheGenerations } from '../cache/cache-generations';
import { CachePrefetchResult } from '../common/http/request-principal';
import { AppConfig } from '../config/app-config';
import { SessionsService } from '../sessions/sessions.service';
import { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { AccessTokenClaims } from './access-token.service';
import { AuthUser, UserRole } from './auth-user';

interface MemoEntry {
  generation: string;
  user: User;
  acceptedSessionIds: Set<string>;
}

const MEMO_LIMIT = 10_000;

type PrefetchKeyFor = (user: { id: number; timezone: string; dayStartHour: number }) => string | null;

export interface ResolvedSession {
  principal: AuthUser;
  generation: string | null;
  prefetched?: CachePrefetchResult;
}

/**
 * Turns verified token claims into the request principal, refusing tokens of ended sessions: the
 * one place that decides whether an access token is still valid.
 *
 * The database is the source of truth (the token's session row must exist and be live). To spare
 * it on every request, a principal is remembered in process together with the user's cache
 * generation read BEFORE the database, and the sessions checked under it; every way a session
 * ends (and every profile change) replaces that generation on every instance, so a remembered
 * principal is only reused while nothing about the user has changed. When the generation cannot
 * be read (Redis down, hung, or caching disabled) the database decides.
 */
@Injectable()
export class SessionResolver {
  private readonly memo = new Map<number, MemoEntry>();

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly generations: CacheGenerations,
    private readonly config: AppConfig,
  ) {}

  /**
   * The principal and the generation it was checked under, or null when the session has ended.
   * `prefetchKeyFor` names a cache entry to read in the same round trip as the generation, given
   * the remembered user (its time zone is only trusted if the generation still matches).
   */
  async resolve(claims: AccessTokenClaims, prefetchKeyFor?: PrefetchKeyFor): Promise<ResolvedSession | null> {
    const userId = Number(claims.sub);
    const remembered = this.memo.get(userId);
    const prefetchKey = remembered && prefetchKeyFor ? prefetchKeyFor(remembered.user) : null;
    const prefetch = prefetchKey ? { key: prefetchKey, timezone: remembered!.user.timezone, dayStartHour: remembered!.user.dayStartHour } : null;
    const { validity: generation, prefetched } = await this.generations.current(userId, prefetch);
    if (generation !== null && remembered?.generation === generation && remembered.acceptedSessionIds.has(claims.sid)) {
      return { ...this.accept(remembered.user, claims, generation), prefetched };
    }
    const user = await this.loadIfValid(userId, claims);
    if (!user) return null;
    if (generation !== null) this.remember(userId, generation, user, claims.sid, remembered);
    return { ...this.accept(user, claims, generation), prefetched };
  }

  roleOf(email: string): UserRole {
    return this.config.adminEmails.includes(email.toLowerCase()) ? 'admin' : 'user';
  }

  private async loadIfValid(userId: number, claims: AccessTokenClaims): Promise<User | null> {
    const [user, live] = await Promise.all([this.users.findById(userId), this.sessions.isLive(userId, claims.sid)]);
    return user && live ? user : null;
  }

  private remember(userId: number, generation: string, user: User, sessionId: string, previous?: MemoEntry): void {
    const sameGeneration = previous?.generation === generation;
    const acceptedSessionIds = sameGeneration ? previous.acceptedSessionIds : new Set<string>();
    acceptedSessionIds.add(sessionId);
    this.memo.delete(userId);
    this.memo.set(userId, { generation, user, acceptedSessionIds });
    if (this.memo.size > MEMO_LIMIT) this.memo.delete(this.memo.keys().next().value!);
  }

  private accept(user: User, claims: AccessTokenClaims, generation: string | null) {
    const principal: AuthUser = {
      id: user.id,
      email: user.email,
      role: this.roleOf(user.email),
      timezone: user.timezone,
      dayStartHour: user.dayStartHour,
      sessionId: claims.sid,
      tokenExpiresAt: claims.exp,
    };
    return { principal, generation };
  }
}
