import { UnauthorizedException } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';

export interface CachePrefetchResult {
  key: string;
  /** What of the user the key was computed with (opaque; see src/cache/endpoint-key.ts). */
  context: string;
  raw: string | null;
}

/** What the JWT guard attaches to the request. */
export interface RequestWithPrincipal {
  user?: AuthUser;
  /** The validity token of this route's cache group, read before any database work of this request; null when unknown. */
  cacheGeneration?: string | null;
  /** A cache entry fetched with the generation: its opaque key, for which user context, and raw value (null when absent). */
  cachePrefetch?: CachePrefetchResult;
}

export function requestPrincipal(request: RequestWithPrincipal): AuthUser {
  if (!request.user) throw new UnauthorizedException();
  return request.user;
}
