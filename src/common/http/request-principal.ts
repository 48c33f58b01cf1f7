import { UnauthorizedException } from '@nestjs/common';
import { AuthUser } from '../../auth/auth-user';

export interface CachePrefetchResult {
  key: string;
  timezone: string;
  dayStartHour: number;
  raw: string | null;
}

/** What the JWT guard attaches to the request. */
export interface RequestWithPrincipal {
  user?: AuthUser;
  /** The user's cache generation read before any database work of this request; null when unknown. */
  cacheGeneration?: string | null;
  /** A cache entry fetched with the generation: its opaque key, for which time zone and day start, and raw value (null when absent). */
  cachePrefetch?: CachePrefetchResult;
}

export function requestPrincipal(request: RequestWithPrincipal): AuthUser {
  if (!request.user) throw new UnauthorizedException();
  return request.user;
}
