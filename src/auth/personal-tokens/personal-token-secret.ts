import { createHash, randomBytes } from 'node:crypto';

/** Every personal access token starts with this (API.md § Auth: `hat_` and at least 43 base64url characters). */
export const PERSONAL_TOKEN_PREFIX = 'hat_';

/** 256 random bits are 43 base64url characters; a longer one (up to 128) is accepted too, a shorter one is not a token. */
const SECRET = /^hat_[A-Za-z0-9_-]{43,128}$/;

/** A new secret: `hat_` and 256 random bits in base64url. */
export function newPersonalTokenSecret(): string {
  return PERSONAL_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** Whether a bearer token is meant as a personal access token (JWTs never start with `hat_`). */
export function looksLikePersonalToken(token: string): boolean {
  return token.startsWith(PERSONAL_TOKEN_PREFIX);
}

/** Whether it has the form of a secret this server issues. */
export function isPersonalTokenSecret(token: string): boolean {
  return SECRET.test(token);
}

/**
 * What the database keeps of a secret: its SHA-256 (hex). A fast hash is enough for 256 random
 * bits (nothing to brute-force), and keeps verification as cheap as a JWT's.
 */
export function personalTokenHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
