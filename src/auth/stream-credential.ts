import { Injectable } from '@nestjs/common';
import { bearerToken } from '../common/http/bearer-token';
import { AccessTokenClaims, AccessTokenService } from './access-token.service';
import { PersonalTokenResolver } from './personal-tokens/personal-token-resolver';
import { looksLikePersonalToken } from './personal-tokens/personal-token-secret';
import { PersonalTokenIdentity } from './personal-tokens/personal-tokens.repository';
import { SessionResolver } from './session-resolver';

/**
 * What a long-lived request (an event stream, a ticket for one) stands on, as plain data (a ticket
 * keeps it in Redis): a session's access token's claims, or what identifies a personal access
 * token (never its secret).
 */
export type StreamCredential = { kind: 'session'; claims: AccessTokenClaims } | { kind: 'token'; token: PersonalTokenIdentity };

/** Its user. */
export function credentialUserId(credential: StreamCredential): number {
  return credential.kind === 'session' ? Number(credential.claims.sub) : credential.token.userId;
}

/** One key per credential: streams opened with the same one are re-checked once. */
export function credentialKey(credential: StreamCredential): string {
  return credential.kind === 'session' ? credential.claims.jti : `token:${credential.token.id}`;
}

/** When it expires (unix seconds), or null when it lasts until revoked. */
export function credentialExpiresAt(credential: StreamCredential): number | null {
  if (credential.kind === 'session') return credential.claims.exp;
  return credential.token.expiresAt === null ? null : Math.floor(credential.token.expiresAt / 1000);
}

/** Reads and re-checks stream credentials with the same rules as every request (SessionResolver). */
@Injectable()
export class StreamCredentials {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly sessions: SessionResolver,
    private readonly personalTokens: PersonalTokenResolver,
  ) {}

  /** The credential of an `Authorization: Bearer …` header, unchecked against revocation; null when malformed, forged or expired. */
  async fromBearer(authorization: string | string[] | undefined): Promise<StreamCredential | null> {
    const token = bearerToken(authorization);
    if (!token) return null;
    if (!looksLikePersonalToken(token)) {
      const claims = this.tokens.verify(token);
      return claims ? { kind: 'session', claims } : null;
    }
    const identity = await this.personalTokens.identify(token);
    return identity ? { kind: 'token', token: identity } : null;
  }

  /** Whether it may still be used: its session live, or its personal access token not revoked. */
  async stillValid(credential: StreamCredential): Promise<boolean> {
    if (credential.kind === 'session') return (await this.sessions.resolve(credential.claims)) !== null;
    return (await this.personalTokens.resolveIdentity(credential.token)) !== null;
  }
}
