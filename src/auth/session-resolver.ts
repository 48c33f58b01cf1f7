import { Injectable } from '@nestjs/common';
import { CacheGenerations } from '../cache/cache-generations';
import { CacheReadPlan } from '../cache/cache-prefetch';
import { CachePrefetchResult } from '../common/http/request-principal';
import { AppConfig } from '../config/app-config';
import { SessionsService } from '../sessions/sessions.service';
import { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { AccessTokenClaims } from './access-token.service';
import { AuthUser, UserRole } from '../common/auth/auth-user';

interface MemoEntry {
  generation: string;
  user: User;
  acceptedSessionIds: Set<string>;
}

const MEMO_LIMIT = 10_000;

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
   * The principal and the route group's cache validity it was checked under, or null when the
   * session has ended. With a `plan` (a cached GET), the route's generation, and its entry for the
   * remembered user, are read in the same round trip as the session generation (the remembered
   * user's context is only trusted by the interceptor if it matches the principal's).
   */
  async resolve(claims: AccessTokenClaims, plan?: CacheReadPlan | null): Promise<ResolvedSession | null> {
    const userId = Number(claims.sub);
    const remembered = this.memo.get(userId);
    const { session: generation, entry, prefetched } = await this.generations.current(userId, plan ?? null, remembered?.user);
    if (generation !== null && remembered?.generation === generation && remembered.acceptedSessionIds.has(claims.sid)) {
      return { ...this.accept(remembered.user, claims, entry), prefetched };
    }
    const user = await this.loadIfValid(userId, claims);
    if (!user) return null;
    if (generation !== null) this.remember(userId, generation, user, claims.sid, remembered);
    return { ...this.accept(user, claims, entry), prefetched };
  }

  /** The operator's grant (the users row), or ADMIN_EMAILS (a development convenience). */
  roleOf(user: Pick<User, 'email' | 'role'>): UserRole {
    return user.role === 'admin' || this.config.adminEmails.includes(user.email.toLowerCase()) ? 'admin' : 'user';
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
      role: this.roleOf(user),
      timezone: user.timezone,
      dayStartHour: user.dayStartHour,
      sessionId: claims.sid,
      tokenExpiresAt: claims.exp,
    };
    return { principal, generation };
  }
}
