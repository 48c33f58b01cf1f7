import { CircuitBreaker } from './circuit-breaker';

function breakerAt(clock: { now: number }) {
  return new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000, now: () => clock.now });
}

describe('CircuitBreaker', () => {
  it('stays closed below the failure threshold and resets on success', () => {
    const breaker = breakerAt({ now: 0 });
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.state).toBe('closed');
    expect(breaker.allowRequest()).toBe(true);
  });

  it('opens after consecutive failures and refuses calls during the cooldown', () => {
    const clock = { now: 0 };
    const breaker = breakerAt(clock);
    for (let i = 0; i < 3; i += 1) breaker.recordFailure();
    expect(breaker.state).toBe('open');
    clock.now = 999;
    expect(breaker.allowRequest()).toBe(false);
  });

  it('lets exactly one probe through after the cooldown, and closes when it succeeds', () => {
    const clock = { now: 0 };
    const breaker = breakerAt(clock);
    breaker.trip();
    clock.now = 1000;
    expect(breaker.allowRequest()).toBe(true);
    expect(breaker.state).toBe('half-open');
    expect(breaker.allowRequest()).toBe(false);
    expect(breaker.recordSuccess()).toBe(true);
    expect(breaker.state).toBe('closed');
  });

  it('opens again at once when the probe fails', () => {
    const clock = { now: 0 };
    const breaker = breakerAt(clock);
    breaker.trip();
    clock.now = 1500;
    breaker.allowRequest();
    breaker.recordFailure();
    expect(breaker.state).toBe('open');
    clock.now = 2000;
    expect(breaker.allowRequest()).toBe(false);
  });

  it('reports no recovery when a success happens on a closed circuit', () => {
    expect(breakerAt({ now: 0 }).recordSuccess()).toBe(false);
  });
});
