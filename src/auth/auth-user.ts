export type UserRole = 'user' | 'admin';

/** The verified principal of a request, attached by the JWT guard. */
export interface AuthUser {
  id: number;
  email: string;
  role: UserRole;
  timezone: string;
  /** The token's own id and expiry (unix seconds), for logout. */
  jti: string;
  tokenExpiresAt: number;
}
