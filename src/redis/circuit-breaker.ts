export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one probe is allowed. */
  cooldownMs: number;
  now?: () => number;
}

/**
 * Closed: calls go through. After `failureThreshold` consecutive failures it opens: calls are
 * refused at once (the request is served from the database). After `cooldownMs` one probe is
 * allowed (half-open); its success closes the circuit, its failure opens it again.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private current: CircuitState = 'closed';
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    return this.current;
  }

  /** True when a call may go through now; in half-open, only the one probe may. */
  allowRequest(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.cooldownMs) {
      this.current = 'half-open';
      this.probing = false;
    }
    if (this.current === 'half-open' && !this.probing) {
      this.probing = true;
      return true;
    }
    return false;
  }

  /** Returns true when this success closed a circuit that was not closed. */
  recordSuccess(): boolean {
    const recovered = this.current !== 'closed';
    this.failures = 0;
    this.probing = false;
    this.current = 'closed';
    return recovered;
  }

  recordFailure(): void {
    this.failures += 1;
    this.probing = false;
    if (this.current === 'half-open' || this.failures >= this.options.failureThreshold) this.trip();
  }

  /** Opens the circuit at once (e.g. the connection dropped). */
  trip(): void {
    this.current = 'open';
    this.openedAt = this.now();
    this.probing = false;
  }
}
