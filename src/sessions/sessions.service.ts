import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { ChangeNotifier } from '../changes/change-notifier';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { SessionResponse, toSessionResponse } from './dto/session.response';
import { hashSecret, newRefreshToken, newSessionId, parseRefreshToken } from './refresh-token';
import { Session } from './session.entity';
import { SessionStats } from './session-stats';
import { days, isLive, judgeRefresh, refreshExpiresAt, SessionLifetimes } from './session-rules';
import { SessionsRepository } from './sessions.repository';

/** A refresh token just issued, with what the token pair answer needs. */
export interface IssuedRefresh {
  userId: number;
  sessionId: string;
  refreshToken: string;
  /** Seconds until the refresh token expires if unused (the earlier of idle and absolute). */
  refreshExpiresIn: number;
  /** Epoch ms: the session's absolute end; access tokens never outlive it. */
  sessionEndsAt: number;
}

/** One message for unknown, expired, spent and reused tokens: it does not say which. */
const REFUSED = 'Invalid, expired or revoked refresh token';
/**
 * A lost race is retried from a fresh read. Each loss means another refresh of the session won
 * (and returned), so of N concurrent retries of one token none loses more than N − 1 times: up to
 * this many concurrent retries inside the grace window are all answered.
 */
const SWAP_ATTEMPTS = 10;

/** Sessions and their refresh tokens (API.md § Sessions): start, rotate, list, end. */
@Injectable()
export class SessionsService {
  private readonly lifetimes: SessionLifetimes;
  private readonly maxMs: number;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly changes: ChangeNotifier,
    private readonly clock: Clock,
    private readonly stats: SessionStats,
    config: AppConfig,
  ) {
    this.lifetimes = { idleMs: days(config.sessions.refreshIdleDays), graceMs: config.sessions.refreshGraceSeconds * 1000 };
    this.maxMs = days(config.sessions.maxDays);
  }

  async start(userId: number, userAgent: string | undefined): Promise<IssuedRefresh> {
    const now = this.clock.now();
    await this.sessions.deleteEndedOfUser(userId, now, now - this.lifetimes.idleMs);
    const id = newSessionId();
    const { token, hash } = newRefreshToken(id);
    const session: Session = {
      id,
      userId,
      userAgent: userAgent?.slice(0, 512) ?? null,
      createdAt: now,
      lastUsedAt: now,
      expiresAt: now + this.maxMs,
      refreshHash: hash,
      previousHash: null,
      replacedAt: null,
    };
    await this.sessions.insert(session);
    return this.issued(session, token, now);
  }

  /** Spends the presented token and issues the next one of its session; 401 otherwise (reuse ends the session). */
  async rotate(refreshToken: string): Promise<IssuedRefresh> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) throw new UnauthorizedException(REFUSED);
    const presentedHash = hashSecret(parsed.secret);
    for (let attempt = 0; attempt < SWAP_ATTEMPTS; attempt++) {
      const session = await this.sessions.findById(parsed.sessionId);
      if (!session) break;
      const now = this.clock.now();
      const verdict = judgeRefresh(session, presentedHash, now, this.lifetimes);
      if (verdict === 'expired' || verdict === 'reuse') {
        if (verdict === 'reuse') this.stats.reuses++;
        await this.endOne(session.userId, session.id);
        break;
      }
      const next = newRefreshToken(session.id);
      const rotated = verdict === 'rotate';
      const swapped = await this.sessions.swapRefreshHash(session.id, session.refreshHash, {
        refreshHash: next.hash,
        previousHash: rotated ? presentedHash : session.previousHash,
        replacedAt: rotated ? now : session.replacedAt,
        lastUsedAt: now,
      });
      if (swapped) {
        this.stats.refreshes++;
        return this.issued({ ...session, lastUsedAt: now }, next.token, now);
      }
    }
    throw new UnauthorizedException(REFUSED);
  }

  /** Whether an access token of this session may still be used (the database decides). */
  async isLive(userId: number, sessionId: string): Promise<boolean> {
    const session = await this.sessions.findOwned(userId, sessionId);
    return session !== null && isLive(session, this.clock.now(), this.lifetimes.idleMs);
  }

  async list(userId: number, currentSessionId: string): Promise<SessionResponse[]> {
    const now = this.clock.now();
    const sessions = await this.sessions.listLive(userId, now, now - this.lifetimes.idleMs);
    return sessions.map((session) => toSessionResponse(session, currentSessionId, this.lifetimes.idleMs));
  }

  /** Ends one session of the user; 404 when it is not one of theirs. */
  async end(userId: number, sessionId: string): Promise<void> {
    if ((await this.sessions.deleteOwned(userId, sessionId)) === 0) throw new NotFoundException('Session not found');
    await this.changes.sessionsEnded(userId);
  }

  async endAll(userId: number): Promise<void> {
    await this.sessions.deleteAllOfUser(userId);
    await this.changes.sessionsEnded(userId);
  }

  async endOthers(userId: number, keepSessionId: string): Promise<void> {
    await this.sessions.deleteOthersOfUser(userId, keepSessionId);
    await this.changes.sessionsEnded(userId);
  }

  private async endOne(userId: number, sessionId: string): Promise<void> {
    if ((await this.sessions.deleteOwned(userId, sessionId)) > 0) await this.changes.sessionsEnded(userId);
  }

  private issued(session: Session, token: string, now: number): IssuedRefresh {
    const expiresAt = refreshExpiresAt(session, this.lifetimes.idleMs);
    return {
      userId: session.userId,
      sessionId: session.id,
      refreshToken: token,
      refreshExpiresIn: Math.max(0, Math.floor((expiresAt - now) / 1000)),
      sessionEndsAt: session.expiresAt,
    };
  }
}
