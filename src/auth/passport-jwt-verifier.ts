import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';

const MEMO_LIMIT = 20_000;
const CLOCK_SKEW_SECONDS = 30;

type Payload = Record<string, unknown>;

/** What passport calls back on a strategy's per-attempt object (passport's own augmentation). */
interface StrategyAttempt {
  authenticate(request: { headers: Record<string, string> }): void;
  success(user: unknown): void;
  fail(): void;
  error(): void;
}

/**
 * Verifies access tokens with passport-jwt's Strategy: HS256 only, the secret as a KeyObject
 * (given a string, jsonwebtoken first tries it as a public key, which costs ~0.5 ms a call; a
 * KeyObject verifies in microseconds). passport-jwt checks the signature, the algorithm, `exp`
 * and `nbf`; a token once verified is remembered (bounded), so a repeat only re-checks its expiry.
 */
export class PassportJwtVerifier {
  private readonly strategy: Strategy;
  private readonly verified = new Map<string, Payload>();

  constructor(secret: string) {
    const key = createSecretKey(Buffer.from(secret, 'utf8'));
    this.strategy = new Strategy(
      {
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        // jsonwebtoken 9 takes a KeyObject; @types/passport-jwt still says string | Buffer.
        secretOrKey: key as unknown as Buffer,
        algorithms: ['HS256'],
      },
      (payload: Payload, done: (error: null, user: Payload) => void) => done(null, payload),
    );
  }

  /** The payload of a valid, unexpired token; null otherwise. */
  verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): Payload | null {
    const payload = this.verified.get(token) ?? this.authenticate(token);
    return payload && isCurrent(payload, nowSeconds) ? payload : null;
  }

  /** passport-jwt's strategy, run as passport runs it: on a per-attempt object with its callbacks. */
  private authenticate(token: string): Payload | null {
    let result: Payload | null = null;
    const attempt = Object.create(this.strategy) as StrategyAttempt;
    attempt.success = (user) => (result = user as Payload);
    attempt.fail = () => undefined;
    attempt.error = () => undefined;
    // jsonwebtoken's verify with a callback and a key (not a key function) calls back synchronously.
    attempt.authenticate({ headers: { authorization: `Bearer ${token}` } });
    if (result) this.remember(token, result);
    return result;
  }

  private remember(token: string, payload: Payload): void {
    if (this.verified.size >= MEMO_LIMIT) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, payload);
  }
}

function isCurrent(payload: Payload, now: number): boolean {
  const { exp, nbf, iat } = payload;
  if (typeof exp !== 'number' || exp <= now) return false;
  if (typeof nbf === 'number' && nbf > now + CLOCK_SKEW_SECONDS) return false;
  return !(typeof iat === 'number' && iat > now + CLOCK_SKEW_SECONDS);
}
