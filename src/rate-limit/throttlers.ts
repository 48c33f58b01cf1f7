import { ExecutionContext } from '@nestjs/common';
import { ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitConfig } from '../config/app-config';
import { LimitedRequest, RateLimitKeys } from './rate-limit-keys';
import { RateLimitPolicy, rateLimitPolicy } from './rate-limit-policy';

/** Named `default` so that its headers are the plain `X-RateLimit-Limit/Remaining/Reset`. */
export const PER_USER = 'default';
export const LOGIN_PER_ACCOUNT = 'login-email';
export const LOGIN_PER_IP = 'login-ip';
export const REGISTER_PER_IP = 'register-ip';

/** Counted in process and shared in batches (see RateLimitStorage); every other limit is exact. */
export const APPROXIMATE_THROTTLERS: ReadonlySet<string> = new Set([PER_USER]);

/** skipIf for the limits of one kind of route: skipped everywhere else. */
const unless = (policy: RateLimitPolicy) => (context: ExecutionContext) => rateLimitPolicy(context) !== policy;

/** Every limit of `config.rateLimit`, as @nestjs/throttler throttlers (ttl in milliseconds). */
export function throttlerOptions(limits: RateLimitConfig, keys: RateLimitKeys, storage: ThrottlerStorage): ThrottlerModuleOptions {
  return {
    storage,
    errorMessage: 'Too many requests: retry after the number of seconds in Retry-After',
    generateKey: (_context, tracker, throttler) => keys.key(throttler, tracker),
    throttlers: [
      { name: PER_USER, limit: limits.perUser, ttl: limits.windowSeconds * 1000, getTracker: (request) => keys.principal(request as LimitedRequest) },
      {
        name: LOGIN_PER_ACCOUNT,
        limit: limits.loginPerEmail,
        ttl: limits.loginWindowSeconds * 1000,
        getTracker: (request) => keys.loginAccount(request as LimitedRequest),
        skipIf: unless('login'),
      },
      {
        name: LOGIN_PER_IP,
        limit: limits.loginPerIp,
        ttl: limits.loginWindowSeconds * 1000,
        getTracker: (request) => keys.clientAddress(request as LimitedRequest),
        skipIf: unless('login'),
      },
      {
        name: REGISTER_PER_IP,
        limit: limits.registerPerIp,
        ttl: limits.registerWindowSeconds * 1000,
        getTracker: (request) => keys.clientAddress(request as LimitedRequest),
        skipIf: unless('register'),
      },
    ],
  };
}
