import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { Hs256Verifier } from './hs256-verifier';

/** The claims every access token carries; all are required. */
export interface AccessTokenClaims {
  sub: string;
  jti: string;
  /** The user's session version at issue time; logout-all bumps it. */
  sv: number;
  iat: number;
  exp: number;
}

/** Issues (with @nestjs/jwt) and verifies HS256 access tokens; the algorithm is pinned both ways. */
@Injectable()
export class AccessTokenService {
  private readonly verifier: Hs256Verifier;

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {
    this.verifier = new Hs256Verifier(config.jwt.secret);
  }

  get lifetimeSeconds(): number {
    return this.config.jwt.expiresInSeconds;
  }

  issue(userId: number, sessionVersion: number): Promise<string> {
    return this.jwt.signAsync(
      { sub: String(userId), sv: sessionVersion },
      { algorithm: 'HS256', expiresIn: this.lifetimeSeconds, jwtid: randomUUID() },
    );
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
    typeof claims.jti === 'string' &&
    claims.jti.length <= 64 &&
    Number.isInteger(claims.sv) &&
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
