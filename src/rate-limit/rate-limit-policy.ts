import { ExecutionContext } from '@nestjs/common';
import { RouteMetadata } from '../common/http/route-metadata';

/** Read on every request (by the guard and by three throttlers' skipIf): remembered per route. */
const metadata = new RouteMetadata();

/** Metadata naming which extra limits a route has (none: only the per-user limit). */
export const RATE_LIMIT_POLICY = 'rateLimit:policy';

/** `login` and `register` add their own limits; `exempt` routes (health, metrics) are never limited. */
export type RateLimitPolicy = 'login' | 'register' | 'exempt';

export function rateLimitPolicy(context: ExecutionContext): RateLimitPolicy | undefined {
  return metadata.getAllAndOverride<RateLimitPolicy | undefined>(RATE_LIMIT_POLICY, [context.getHandler(), context.getClass()]);
}
