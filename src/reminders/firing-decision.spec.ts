import { decideFiring } from './firing-decision';

describe('decideFiring', () => {
  const firesAt = Date.parse('2026-03-02T08:00:00Z');
  const base = { firesAt, now: firesAt + 5_000, lateLimitMs: 60 * 60_000, onlyIfNotDone: true, settled: false };

  it('sends a firing on time or late within the limit', () => {
    expect(decideFiring(base)).toBe('send');
    expect(decideFiring({ ...base, now: firesAt + 10 * 60_000 })).toBe('send');
    expect(decideFiring({ ...base, now: firesAt + 60 * 60_000 })).toBe('send');
  });

  it('skips as late one beyond the limit, whatever else holds', () => {
    expect(decideFiring({ ...base, now: firesAt + 2 * 60 * 60_000 })).toBe('late');
    expect(decideFiring({ ...base, now: firesAt + 60 * 60_000 + 1, settled: true })).toBe('late');
  });

  it('onlyIfNotDone: skips as done once the date is settled; without it, sends anyway', () => {
    expect(decideFiring({ ...base, settled: true })).toBe('done');
    expect(decideFiring({ ...base, settled: true, onlyIfNotDone: false })).toBe('send');
  });
});
