export type UserRole = 'user' | 'admin';

/** The verified principal of a request, attached by the JWT guard. */
export interface AuthUser {
  id: number;
  email: string;
  role: UserRole;
  timezone: string;
  /** "Today" starts this many hours after midnight in `timezone` (0..23). */
  dayStartHour: number;
  /** The session of the access token (claim `sid`). */
  sessionId: string;
  /** The access token's expiry (unix seconds). */
  tokenExpiresAt: number;
}
