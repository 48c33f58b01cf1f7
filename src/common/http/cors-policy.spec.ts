import { corsOptions, mergeVary } from './cors-policy';

describe('mergeVary', () => {
  it('adds a name once and keeps what is there', () => {
    expect(mergeVary(undefined, 'Authorization')).toBe('Authorization');
    expect(mergeVary('Origin', 'Authorization')).toBe('Origin, Authorization');
    expect(mergeVary('Origin, authorization', 'Authorization')).toBe('Origin, authorization');
    expect(mergeVary('*', 'Authorization')).toBe('*');
  });
});

describe('corsOptions', () => {
  it('leaves CORS off with no origin listed and echoes only a listed origin', () => {
    expect(corsOptions([])).toEqual({ origin: false });
    const options = corsOptions(['https://app.example']) as { origin: (origin: string | undefined, cb: (e: Error | null, o: string | false) => void) => void };
    const resolved: Array<string | false> = [];
    for (const origin of ['https://app.example', 'https://evil.example', undefined]) options.origin(origin, (_error, value) => resolved.push(value));
    expect(resolved).toEqual(['https://app.example', false, false]);
  });
});
