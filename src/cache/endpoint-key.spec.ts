import type { FastifyRequest } from 'fastify';
import { CachedEndpointOptions } from './cached-endpoint.options';
import { endpointKey } from './endpoint-key';

const options: CachedEndpointOptions = { group: 'habits', queryDefaults: () => ({ archived: 'false' }) };
const user = { id: 7, timezone: 'UTC', dayStartHour: 0 };

function get(url: string, query: Record<string, string>): FastifyRequest {
  return { url, query, params: {}, routeOptions: { url: '/api/habits' } } as unknown as FastifyRequest;
}

describe('endpointKey', () => {
  it('gives a repeated URL the key it computed the first time, and equivalent URLs the same key', () => {
    const first = endpointKey(options, get('/api/habits?archived=true&categoryId=3', { archived: 'true', categoryId: '3' }), user);
    expect(endpointKey(options, get('/api/habits?archived=true&categoryId=3', { archived: 'true', categoryId: '3' }), user)).toBe(first);
    expect(endpointKey(options, get('/api/habits?categoryId=3&archived=true', { categoryId: '3', archived: 'true' }), user)).toBe(first);
    expect(first).toMatch(/^\{u:7\}:habits:[0-9a-f]{40}$/);
  });

  it('keeps users, contexts and URLs apart', () => {
    const request = get('/api/habits?archived=true', { archived: 'true' });
    const keys = new Set([
      endpointKey(options, request, user),
      endpointKey(options, request, { ...user, id: 8 }),
      endpointKey(options, request, { ...user, timezone: 'Asia/Tokyo' }),
      endpointKey(options, request, { ...user, dayStartHour: 4 }),
      endpointKey(options, get('/api/habits', {}), user),
    ]);
    expect(keys.size).toBe(5);
  });
});
