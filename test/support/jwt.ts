import { createHmac, randomUUID } from 'node:crypto';

/** The JWT_SECRET that startTestApp gives the application. */
export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123';

export type TokenAlgorithm = 'HS256' | 'HS512' | 'none';

export interface SignOptions {
  secret?: string;
  alg?: TokenAlgorithm;
}

const HMAC: Record<Exclude<TokenAlgorithm, 'none'>, string> = { HS256: 'sha256', HS512: 'sha512' };

function base64Url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * The claims the API issues (`sub`, `sid`, `jti`, `iat`, `exp`), valid for an hour unless overridden.
 * `sid` names no session unless given (pass a real one for a token that should be accepted).
 * An override of `undefined` leaves that claim out.
 */
export function tokenClaims(userId: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { sub: String(userId), sid: randomUUID(), jti: randomUUID(), iat: now, exp: now + 3600, ...overrides };
  for (const key of Object.keys(claims)) if (claims[key] === undefined) delete claims[key];
  return claims;
}

/** A compact JWS built by hand, so that tests can forge what a real library refuses to sign (`alg: none`). */
export function signToken(claims: Record<string, unknown>, options: SignOptions = {}): string {
  const alg = options.alg ?? 'HS256';
  const signingInput = `${base64Url({ alg, typ: 'JWT' })}.${base64Url(claims)}`;
  if (alg === 'none') return `${signingInput}.`;
  const signature = createHmac(HMAC[alg], options.secret ?? TEST_JWT_SECRET).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}
