import { BadRequestException } from '@nestjs/common';
import { parseRecordBatch } from './record-batch';

function problemsOf(body: object): string[] {
  try {
    parseRecordBatch(body);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    const message = ((error as BadRequestException).getResponse() as { message: string | string[] }).message;
    return Array.isArray(message) ? message : [message];
  }
  throw new Error('expected a 400');
}

describe('parseRecordBatch', () => {
  it('accepts puts and deletes of distinct (habitId, date)', () => {
    const batch = parseRecordBatch({
      put: [{ habitId: 1, date: '2025-03-01' }, { habitId: 1, date: '2025-03-02', status: 'skipped', note: 'ill' }],
      delete: [{ habitId: 2, date: '2025-03-01' }],
    });
    expect(batch.puts.map((put) => [put.habitId, put.date, put.status])).toEqual([
      [1, '2025-03-01', undefined],
      [1, '2025-03-02', 'skipped'],
    ]);
    expect(batch.deletes).toEqual([{ habitId: 2, date: '2025-03-01' }]);
  });

  it('refuses an empty batch and one over 500 items', () => {
    expect(problemsOf({})).toEqual(['a batch holds 1 to 500 items (put and delete together), got 0']);
    const items = Array.from({ length: 251 }, (_, day) => ({ habitId: 1, date: `2025-01-01`, day }));
    expect(problemsOf({ put: items, delete: items })[0]).toMatch(/got 502$/);
  });

  it('names each bad item and field', () => {
    const problems = problemsOf({
      put: [{ habitId: 1, date: '2025-03-01' }, { habitId: 0, date: '2025-02-30' }, 'nope', { habitId: 1, date: '2025-03-03', status: 'maybe', extra: 1 }],
      delete: [{ habitId: 1 }],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'put[1].habitId must be a positive integer id',
        'put[1].date must be a real calendar date (YYYY-MM-DD) from 1900-01-01',
        'put[2] must be an object',
        'put[3].extra should not exist',
        expect.stringMatching(/^put\[3\]\.status must be one of/),
        'delete[0].date must be a real calendar date (YYYY-MM-DD) from 1900-01-01',
      ]),
    );
    expect(problems.some((problem) => problem.startsWith('put[0]'))).toBe(false);
  });

  it('refuses the same (habitId, date) twice, in puts or across puts and deletes', () => {
    expect(
      problemsOf({
        put: [{ habitId: 1, date: '2025-03-01' }, { habitId: 1, date: '2025-03-01', status: 'skipped' }],
        delete: [{ habitId: 2, date: '2025-03-01' }, { habitId: 1, date: '2025-03-01' }],
      }),
    ).toEqual(['put[1] repeats the (habitId, date) of put[0]', 'delete[1] repeats the (habitId, date) of put[0]']);
  });
});
