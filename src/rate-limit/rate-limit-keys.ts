import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RequestWithPrincipal } from '../common/http/request-principal';
import { AppConfig } from '../config/app-config';
import { AddressedRequest, clientAddress } from '../common/http/client-address';

export type LimitedRequest = AddressedRequest & RequestWithPrincipal & { body?: unknown };

/** The one place that knows who a request counts against, and how rate-limit keys look in Redis. */
@Injectable()
export class RateLimitKeys {
  private readonly trustedHops: number;

  constructor(config: AppConfig) {
    this.trustedHops = config.trustProxyHops;
  }

  clientAddress(request: AddressedRequest): string {
    return clientAddress(request, this.trustedHops);
  }

  /** The authenticated user (set by the JWT guard, which runs first), else the client address. */
  principal(request: LimitedRequest): string {
    return request.user ? `u:${request.user.id}` : `ip:${this.clientAddress(request)}`;
  }

  /**
   * The (client address, email) pair of a login attempt, hashed: keys stay short and hold no email.
   * On the routes that confirm a password of the signed-in user (password change, account
   * deletion), the email is the principal's: those attempts count with the logins of that account.
   */
  loginAccount(request: LimitedRequest): string {
    const body = request.body as { email?: unknown } | undefined;
    const given = request.user?.email ?? body?.email;
    const email = typeof given === 'string' ? given.trim().toLowerCase() : '';
    return createHash('sha256').update(`${this.clientAddress(request)}\n${email}`).digest('base64url').slice(0, 27);
  }

  /**
   * `ratelimit:<throttler>:{<tracker>}`: the tracker is the hash tag, so on a Redis Cluster a
   * user's counters share the slot of the user's cache keys (`{u:<id>}`), and one script never
   * spans slots.
   */
  key(throttler: string, tracker: string): string {
    return `ratelimit:${throttler}:{${tracker}}`;
  }
}
