import type { AnalyticsRecord } from './analytics.types';
import { unpackRecords } from './history.repository';

describe('unpackRecords', () => {
  it('reads the records of one habit packed as `date status value,…`, values exactly', () => {
    const into: AnalyticsRecord[] = [];
    unpackRecords(3, '2026-01-02 done 1,2026-01-03 skipped 0,2026-01-04 done 0.10000000000000001,2026-01-05 done 1e+21', into);
    expect(into).toEqual([
      { habitId: 3, date: '2026-01-02', status: 'done', value: 1 },
      { habitId: 3, date: '2026-01-03', status: 'skipped', value: 0 },
      { habitId: 3, date: '2026-01-04', status: 'done', value: 0.1 },
      { habitId: 3, date: '2026-01-05', status: 'done', value: 1e21 },
    ]);
  });

  it('appends to what is there, and reads an empty string as no records', () => {
    const into: AnalyticsRecord[] = [{ habitId: 1, date: '2026-01-01', status: 'done', value: 2 }];
    unpackRecords(2, '', into);
    unpackRecords(2, '2026-02-01 done 2.5', into);
    expect(into.map((record) => [record.habitId, record.value])).toEqual([
      [1, 2],
      [2, 2.5],
    ]);
  });
});
