import { checkpointRules, decodeCheckpointState, encodeCheckpointState } from './checkpoint-codec';

describe('checkpoint codec', () => {
  it('round-trips the state with the score bit for bit', () => {
    const checkpoint = { day: 20_000, score: 0.1 + 0.2, run: 3, runStart: 19_990, runEnd: 19_999 };
    expect(decodeCheckpointState(20_000, encodeCheckpointState(checkpoint))).toEqual(checkpoint);
    expect(Object.is(decodeCheckpointState(1, encodeCheckpointState({ ...checkpoint, score: 1 / 3 }))?.score, 1 / 3)).toBe(true);
  });

  it('refuses a state it did not write', () => {
    for (const state of ['', 'null', '[1,2,3]', '[1,2,3,"4"]', '{"score":1}', '[1,2,3,null]']) {
      expect(decodeCheckpointState(1, state)).toBeNull();
    }
  });

  it('tells habits apart by everything the walk depends on', () => {
    const base = { schedule: { type: 'daily' as const }, kind: 'numeric' as const, target: 2, targetType: null, startDate: '2025-01-01' };
    const keys = new Set([
      checkpointRules(base),
      checkpointRules({ ...base, target: 3 }),
      checkpointRules({ ...base, targetType: 'at_most' }),
      checkpointRules({ ...base, startDate: '2025-01-02' }),
      checkpointRules({ ...base, kind: 'boolean', target: 1 }),
      checkpointRules({ ...base, schedule: { type: 'per_period', times: 1, days: 2 } }),
    ]);
    expect(keys.size).toBe(6);
    // A numeric habit stored before targetType existed (null) is at_least.
    expect(checkpointRules(base)).toBe(checkpointRules({ ...base, targetType: 'at_least' }));
  });
});
