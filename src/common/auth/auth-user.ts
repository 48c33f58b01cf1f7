import { ForbiddenException } from '@nestjs/common';

export type UserRole = 'user' | 'admin';

/** What a personal access token allows: `read` GET (and HEAD) only, `write` every method. */
export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** The verified principal of a request, attached by the JWT guard. */
export interface AuthUser {
  id: number;
  email: string;
  role: UserRole;
  timezone: string;
  /** "Today" starts this many hours after midnight in `timezone` (0..23). */
  dayStartHour: number;
  /** The session of the access token (claim `sid`); null for a personal access token. */
  sessionId: string | null;
  /** The personal access token the request came with (its id and scope); null for a session's access token. */
  personalToken: { id: number; scope: TokenScope } | null;
  /** When the credential expires (unix seconds); null for a personal access token without an end. */
  tokenExpiresAt: number | null;
}

/**
 * The session of a request made with a session's access token. Personal access tokens never reach
 * the routes that need one (403 on /api/auth/*); a 403 keeps that true if a route moves.
 */
export function sessionOf(user: AuthUser): string {
  if (user.sessionId === null) throw new ForbiddenException('Personal access tokens may not use this route');
  return user.sessionId;
}
