import { ExecutionContext } from '@nestjs/common';

/** Metadata naming which extra limits a route has (none: only the per-user limit). */
export const RATE_LIMIT_POLICY = 'rateLimit:policy';

/** `login` and `register` add their own limits; `exempt` routes (health, metrics) are never limited. */
export type RateLimitPolicy = 'login' | 'register' | 'exempt';

export function rateLimitPolicy(context: ExecutionContext): RateLimitPolicy | undefined {
  return (
    (Reflect.getMetadata(RATE_LIMIT_POLICY, context.getHandler()) as RateLimitPolicy | undefined) ??
    (Reflect.getMetadata(RATE_LIMIT_POLICY, context.getClass()) as RateLimitPolicy | undefined)
  );
}
