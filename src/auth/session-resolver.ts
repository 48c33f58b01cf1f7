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
  /** Credentials checked under `generation`: session ids, and `token:<id>` of personal access tokens. */
  accepted: Set<string>;
}

const MEMO_LIMIT = 10_000;

export interface ResolvedSession {
  principal: AuthUser;
  generation: string | null;
  prefetched?: CachePrefetchResult;
}

/** A user whose credential was found valid, with the cache validity read before the check. */
export interface CheckedUser {
  user: User;
  generation: string | null;
  prefetched?: CachePrefetchResult;
}

/**
 * Turns verified credentials into the request principal, refusing those of ended sessions and
 * revoked personal access tokens: the one place that decides whether a credential is still valid.
 *
 * The database is the source of truth (the token's session row, or the personal access token's
 * row, must exist and be live). To spare it on every request, a principal is remembered in process
 * together with the user's cache generation read BEFORE the database, and the credentials checked
 * under it; every way a session or a personal access token ends (and every profile change)
 * replaces that generation on every instance, so a remembered principal is only reused while
 * nothing about the user has changed. When the generation cannot be read (Redis down, hung, or
 * caching disabled) the database decides.
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
    const checked = await this.check(userId, claims.sid, () => this.sessions.isLive(userId, claims.sid), plan);
    if (!checked) return null;
    const principal: AuthUser = { ...this.principalOf(checked.user), sessionId: claims.sid, personalToken: null, tokenExpiresAt: claims.exp };
    return { principal, generation: checked.generation, prefetched: checked.prefetched };
  }

  /**
   * The user of a credential (`credential` names it among the user's: a session id, `token:<id>`)
   * if `isLive` says so, or if it was found live under the user's current generation already.
   */
  async check(userId: number, credential: string, isLive: () => Promise<boolean>, plan?: CacheReadPlan | null): Promise<CheckedUser | null> {
    const remembered = this.memo.get(userId);
    const { session: generation, entry, prefetched } = await this.generations.current(userId, plan ?? null, remembered?.user);
    if (generation !== null && remembered?.generation === generation && remembered.accepted.has(credential)) {
      return { user: remembered.user, generation: entry, prefetched };
    }
    const [user, live] = await Promise.all([this.users.findById(userId), isLive()]);
    if (!user || !live) return null;
    if (generation !== null) this.remember(userId, generation, user, credential, remembered);
    return { user, generation: entry, prefetched };
  }

  /** The operator's grant (the users row), or ADMIN_EMAILS (a development convenience). */
  roleOf(user: Pick<User, 'email' | 'role'>): UserRole {
    return user.role === 'admin' || this.config.adminEmails.includes(user.email.toLowerCase()) ? 'admin' : 'user';
  }

  /** What the principal says of the user, whatever the credential. */
  principalOf(user: User): Pick<AuthUser, 'id' | 'email' | 'role' | 'timezone' | 'dayStartHour'> {
    return { id: user.id, email: user.email, role: this.roleOf(user), timezone: user.timezone, dayStartHour: user.dayStartHour };
  }

  private remember(userId: number, generation: string, user: User, credential: string, previous?: MemoEntry): void {
    const sameGeneration = previous?.generation === generation;
    const accepted = sameGeneration ? previous.accepted : new Set<string>();
    accepted.add(credential);
    this.memo.delete(userId);
    this.memo.set(userId, { generation, user, accepted });
    if (this.memo.size > MEMO_LIMIT) this.memo.delete(this.memo.keys().next().value!);
  }
}
