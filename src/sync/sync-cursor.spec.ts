import { cursorKey, decodeCursor, encodeCursor } from './sync-cursor';
import { afterIdFor, END_KIND, KIND, START, takePage } from './sync-position';

describe('sync cursors', () => {
  const key = cursorKey('test-secret-test-secret-test-secret-0123');
  const position = { revision: 42, kind: KIND.record, id: 7 };

  it('round-trips the position for the user it was issued to', () => {
    const cursor = encodeCursor(key, 5, position);
    expect(cursor).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(decodeCursor(key, 5, cursor)).toEqual(position);
    expect(decodeCursor(key, 5, encodeCursor(key, 5, { revision: 3, kind: END_KIND, id: 0 }))).toEqual({ revision: 3, kind: END_KIND, id: 0 });
  });

  it("refuses another user's cursor, an altered one, one signed with another key, and garbage", () => {
    const cursor = encodeCursor(key, 5, position);
    const [payload, signature] = cursor.split('.');
    const forged = Buffer.from('5.99.2.7').toString('base64url');
    expect(decodeCursor(key, 6, cursor)).toBeNull();
    expect(decodeCursor(key, 5, `${forged}.${signature}`)).toBeNull();
    expect(decodeCursor(key, 5, `${payload}.${signature.slice(0, -2)}AA`)).toBeNull();
    expect(decodeCursor(cursorKey('another-secret-another-secret-another'), 5, cursor)).toBeNull();
    for (const garbage of ['', '.', 'abc', `${cursor}.x`, 'a.b', '%%%.%%%']) expect(decodeCursor(key, 5, garbage)).toBeNull();
  });
});

describe('sync positions', () => {
  it('reads "after" per kind: later revisions, and within the same revision later kinds, then later ids', () => {
    const after = { revision: 10, kind: KIND.habit, id: 4 };
    expect(afterIdFor(KIND.category, after)).toBe(2_147_483_647);
    expect(afterIdFor(KIND.habit, after)).toBe(4);
    expect(afterIdFor(KIND.record, after)).toBe(0);
    expect(afterIdFor(KIND.tombstone, { revision: 3, kind: END_KIND, id: 0 })).toBe(2_147_483_647);
    expect(afterIdFor(KIND.category, START)).toBe(0);
  });

  it('merges the kinds in position order and says whether more remain', () => {
    const item = (revision: number, kind: number, id: number) => ({ position: { revision, kind, id } });
    const page = takePage([[item(1, 0, 1), item(3, 0, 2)], [item(1, 1, 9), item(2, 1, 3)], [item(1, 2, 5)]], 3);
    expect(page.items).toEqual([item(1, 0, 1), item(1, 1, 9), item(1, 2, 5)]);
    expect(page.hasMore).toBe(true);
    expect(takePage([[item(1, 0, 1)], []], 3)).toEqual({ items: [item(1, 0, 1)], hasMore: false });
  });
});
