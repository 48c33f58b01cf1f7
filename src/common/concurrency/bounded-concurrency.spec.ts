import { BoundedConcurrency } from './bounded-concurrency';

describe('BoundedConcurrency', () => {
  it('never runs more than its limit, runs every task in arrival order, and frees slots after failures', async () => {
    const bound = new BoundedConcurrency(2);
    const started: number[] = [];
    const releases: Array<() => void> = [];
    const tasks = Array.from({ length: 5 }, (_, i) =>
      bound.run(async () => {
        started.push(i);
        await new Promise<void>((resolve) => releases.push(resolve));
        if (i === 1) throw new Error('boom');
        return i;
      }),
    );
    const settle = Promise.allSettled(tasks);
    const flush = () => new Promise((resolve) => setImmediate(resolve));
    await flush();
    expect(started).toEqual([0, 1]);
    while (releases.length > 0) {
      expect(bound.active).toBeLessThanOrEqual(2);
      releases.shift()!();
      await flush();
    }
    const results = await settle;
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(bound.active).toBe(0);
  });
});
