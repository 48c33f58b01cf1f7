import { CanonicalRequest, hashRequest } from './request-key';

const base: CanonicalRequest = {
  route: '/api/habits',
  params: {},
  query: {},
  queryDefaults: { archived: 'false' },
  context: ['UTC', '2025-06-15'],
};

describe('hashRequest', () => {
  it('is a 40-character hex digest', () => {
    expect(hashRequest(base)).toMatch(/^[0-9a-f]{40}$/);
  });

  it('ignores the order of query parameters', () => {
    const a = hashRequest({ ...base, query: { categoryId: '3', archived: 'true' } });
    const b = hashRequest({ ...base, query: { archived: 'true', categoryId: '3' } });
    expect(a).toBe(b);
  });

  it('gives an explicit default and an omitted parameter the same key', () => {
    expect(hashRequest({ ...base, query: { archived: 'false' } })).toBe(hashRequest(base));
  });

  it('treats an empty query value as absent', () => {
    expect(hashRequest({ ...base, query: { categoryId: '' } })).toBe(hashRequest(base));
  });

  it('changes with any change of meaning: query, params, route, time zone or day', () => {
    const keys = new Set([
      hashRequest(base),
      hashRequest({ ...base, query: { archived: 'true' } }),
      hashRequest({ ...base, params: { id: '1' } }),
      hashRequest({ ...base, route: '/api/categories' }),
      hashRequest({ ...base, context: ['Asia/Tokyo', '2025-06-15'] }),
      hashRequest({ ...base, context: ['UTC', '2025-06-16'] }),
    ]);
    expect(keys.size).toBe(6);
  });

  it('does not confuse a repeated parameter with a single value', () => {
    const repeated = hashRequest({ ...base, query: { archived: ['true', 'false'] } });
    expect(repeated).not.toBe(hashRequest({ ...base, query: { archived: 'true,false' } }));
  });
});
