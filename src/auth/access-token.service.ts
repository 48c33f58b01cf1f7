import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { PassportJwtVerifier } from './passport-jwt-verifier';

/** The claims every access token carries; all are required. */
export interface AccessTokenClaims {
  sub: string;
  /** The session the token belongs to: ending the session revokes the token. */
  sid: string;
  jti: string;
  iat: number;
  exp: number;
}

const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Issues (with @nestjs/jwt) and verifies (with passport-jwt) HS256 access tokens; the algorithm is pinned both ways. */
@Injectable()
export class AccessTokenService {
  private readonly verifier: PassportJwtVerifier;

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.verifier = new PassportJwtVerifier(config.jwt.secret);
  }

  /** An access token of the session; it never outlives the session's absolute end. */
  async issue(userId: number, sessionId: string, sessionEndsAt: number): Promise<{ accessToken: string; expiresIn: number }> {
    const untilEnd = Math.floor((sessionEndsAt - this.clock.now()) / 1000);
    const expiresIn = Math.max(1, Math.min(this.config.jwt.expiresInSeconds, untilEnd));
    const accessToken = await this.jwt.signAsync(
      { sub: String(userId), sid: sessionId },
      { algorithm: 'HS256', expiresIn, jwtid: randomUUID() },
    );
    return { accessToken, expiresIn };
  }

  /** The token's claims, or null for anything forged, expired, malformed or incomplete. */
  verify(token: string): AccessTokenClaims | null {
    const claims = this.verifier.verify(token);
    return claims && hasRequiredClaims(claims) ? claims : null;
  }
}

function hasRequiredClaims(claims: Partial<AccessTokenClaims>): claims is AccessTokenClaims {
  return (
    typeof claims.sub === 'string' &&
    isUserId(claims.sub) &&
    typeof claims.sid === 'string' &&
    SESSION_ID.test(claims.sid) &&
    typeof claims.jti === 'string' &&
    claims.jti.length <= 64 &&
    Number.isInteger(claims.iat) &&
    Number.isInteger(claims.exp)
  );
}

/** The largest id a user can have (a 32-bit integer column on both databases). */
export const MAX_USER_ID = 2_147_483_647;

/** A `sub` naming a user id the database can hold: a larger one would be a driver error (a 500), not a 401. */
export function isUserId(sub: string): boolean {
  return /^[1-9]\d{0,9}$/.test(sub) && Number(sub) <= MAX_USER_ID;
}
