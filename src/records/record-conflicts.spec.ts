import { HabitRecord } from './habit-record.entity';
import { changeTime, planBatch, StoredState } from './record-conflicts';

const T = (minute: number): Date => new Date(Date.UTC(2025, 2, 1, 12, minute));

function stored(records: Partial<HabitRecord>[] = [], deletedAt: [string, Date][] = []): StoredState {
  const full = records.map((record, index) => ({ id: index + 1, habitId: 1, date: '2025-03-01', status: 'done', value: 1, note: null, ...record }) as HabitRecord);
  return { records: new Map(full.map((record) => [`${record.habitId}/${record.date}`, record])), deletedAt: new Map(deletedAt) };
}

const put = (minute?: number) => ({ habitId: 1, date: '2025-03-01', status: 'done' as const, value: 1, note: null, changedAt: minute === undefined ? undefined : T(minute) });

describe('planBatch', () => {
  it('applies a put not older than the record, and lists an older one with the record', () => {
    const state = stored([{ updatedAt: T(10), status: 'skipped', value: 0 }]);
    expect(planBatch([put(10)], [], state).puts).toHaveLength(1);
    const lost = planBatch([put(9)], [], state);
    expect(lost.puts).toEqual([]);
    expect(lost.lost).toEqual([{ op: 'put', index: 0, key: { habitId: 1, date: '2025-03-01' }, current: state.records.get('1/2025-03-01') }]);
  });

  it('applies a put without a time whatever is stored (a v2 client)', () => {
    expect(planBatch([put()], [], stored([{ updatedAt: T(50) }])).puts).toHaveLength(1);
  });

  it('lets a later deletion win over a put, and a put after the deletion apply', () => {
    const state = stored([], [['1/2025-03-01', T(20)]]);
    expect(planBatch([put(19)], [], state).lost).toEqual([{ op: 'put', index: 0, key: { habitId: 1, date: '2025-03-01' }, current: null }]);
    expect(planBatch([put(21)], [], state).puts).toHaveLength(1);
  });

  it('treats a put equal to the stored record at the same time as unchanged (a replay)', () => {
    const plan = planBatch([put(10)], [], stored([{ updatedAt: T(10) }]));
    expect([plan.puts, plan.unchanged]).toEqual([[], [{ habitId: 1, date: '2025-03-01' }]]);
  });

  it('deletes a record not newer than the delete, keeps a newer one, and ignores absent records', () => {
    const state = stored([{ updatedAt: T(10) }]);
    const key = { habitId: 1, date: '2025-03-01' };
    expect(planBatch([], [{ ...key, changedAt: T(11) }], state).deletes).toEqual([{ record: state.records.get('1/2025-03-01'), changedAt: T(11) }]);
    expect(planBatch([], [{ ...key, changedAt: T(9) }], state).lost.map((item) => item.op)).toEqual(['delete']);
    expect(planBatch([], [{ ...key, date: '2025-03-02', changedAt: T(9) }], state)).toEqual({ puts: [], deletes: [], unchanged: [], lost: [] });
  });
});

describe('changeTime', () => {
  it('caps a time later than the server clock at the clock', () => {
    expect(changeTime(T(30).toISOString(), T(20))).toEqual(T(20));
    expect(changeTime(T(10).toISOString(), T(20))).toEqual(T(10));
    expect(changeTime(undefined, T(20))).toBeUndefined();
  });
});
