import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';

/** The claims every access token carries; all are required. */
export interface AccessTokenClaims {
  sub: string;
  jti: string;
  /** The user's session version at issue time; logout-all bumps it. */
  sv: number;
  iat: number;
  exp: number;
}

/** Issues and verifies HS256 access tokens (the algorithm is pinned both ways). */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

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
  async verify(token: string): Promise<AccessTokenClaims | null> {
    try {
      const claims = await this.jwt.verifyAsync<Partial<AccessTokenClaims>>(token, { algorithms: ['HS256'] });
      return hasRequiredClaims(claims) ? claims : null;
    } catch {
      return null;
    }
  }
}

function hasRequiredClaims(claims: Partial<AccessTokenClaims>): claims is AccessTokenClaims {
  return (
    typeof claims.sub === 'string' &&
    /^[1-9]\d*$/.test(claims.sub) &&
    typeof claims.jti === 'string' &&
    claims.jti.length <= 64 &&
    Number.isInteger(claims.sv) &&
    Number.isInteger(claims.iat) &&
    Number.isInteger(claims.exp)
  );
}
