import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { type Algorithm, hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';
import { BoundedConcurrency } from '../common/concurrency/bounded-concurrency';

/** OWASP's first recommended argon2id setting: 19 MiB, two passes, one lane. */
// Algorithm is an ambient const enum (no value to import under isolatedModules): Argon2id is 2.
const ARGON2 = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const CURRENT_PREFIX = `$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`;
/**
 * Hashings at once: each holds 19 MiB and a pool thread and is CPU-bound, so more at once than the
 * machine has cores only takes memory without finishing sooner; a login flood queues instead of
 * growing memory (at most 4 × 19 MiB together, 2 × on a 2-core machine).
 */
export const MAX_CONCURRENT_HASHINGS = Math.min(4, Math.max(1, availableParallelism()));

const SCRYPT_KEY_LENGTH = 64;
const SCRYPT_MAXMEM = 64 * 1024 * 1024;

/**
 * argon2id hashes in PHC form (`$argon2id$v=19$m=…`). Hashes of earlier versions (`scrypt$N$r$p$salt$hash`)
 * still verify; `needsRehash` tells the login to replace them (see AuthService.login).
 */
@Injectable()
export class PasswordHasher {
  private readonly slots = new BoundedConcurrency(MAX_CONCURRENT_HASHINGS);
  /** A hash of a random password: verifying against it costs as much as a real one (unknown emails). */
  private readonly decoyHash = this.hash(randomBytes(16).toString('hex'));

  hash(password: string): Promise<string> {
    return this.slots.run(() => argon2Hash(password.normalize('NFKC'), ARGON2));
  }

  async verify(password: string, stored: string | undefined): Promise<boolean> {
    const encoded = stored ?? (await this.decoyHash);
    const valid = await this.slots.run(() => verifyEncoded(password.normalize('NFKC'), encoded));
    return valid && stored !== undefined;
  }

  /** A stored hash of an older scheme or weaker parameters, to replace at the next successful login. */
  needsRehash(stored: string): boolean {
    return !stored.startsWith(CURRENT_PREFIX);
  }
}

async function verifyEncoded(password: string, encoded: string): Promise<boolean> {
  if (encoded.startsWith('$argon2')) return argon2Verify(encoded, password).catch(() => false);
  if (encoded.startsWith('scrypt$')) return verifyScrypt(password, encoded);
  return false;
}

/** The scheme of v1 and v2: scrypt N=2^14, r=8, p=1 (verified only; never written any more). */
async function verifyScrypt(password: string, encoded: string): Promise<boolean> {
  const [, n, r, p, salt, hash] = encoded.split('$');
  const expected = Buffer.from(hash ?? '', 'base64');
  if (!salt || expected.length !== SCRYPT_KEY_LENGTH) return false;
  const params: ScryptOptions = { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT_MAXMEM };
  const actual = await new Promise<Buffer | null>((resolve) =>
    scrypt(password, Buffer.from(salt, 'base64'), SCRYPT_KEY_LENGTH, params, (error, key) => resolve(error ? null : key)),
  );
  return actual !== null && timingSafeEqual(actual, expected);
}

/** An scrypt hash as v1 and v2 wrote it (tests of the upgrade path). */
export async function legacyScryptHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, SCRYPT_KEY_LENGTH, { N: 16384, r: 8, p: 1, maxmem: SCRYPT_MAXMEM }, (error, derived) =>
      error ? reject(error) : resolve(derived),
    ),
  );
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}
