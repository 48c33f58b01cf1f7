import { acceptsContentType, exceedsKeyLimit, mediaTypeOf } from './body-rules';

describe('body rules', () => {
  it('reads the media type without parameters', () => {
    expect(mediaTypeOf('Application/JSON; charset=utf-8')).toBe('application/json');
    expect(mediaTypeOf(undefined)).toBe('');
  });

  it('accepts JSON in UTF-8 only, and declared extra types', () => {
    expect(acceptsContentType('application/json', undefined)).toBe(true);
    expect(acceptsContentType('application/json; charset=UTF-8', undefined)).toBe(true);
    expect(acceptsContentType('application/json; charset=utf-16', undefined)).toBe(false);
    expect(acceptsContentType('text/plain', undefined)).toBe(false);
    expect(acceptsContentType('application/x-www-form-urlencoded', undefined)).toBe(false);
    expect(acceptsContentType('multipart/form-data; boundary=x', undefined)).toBe(false);
    expect(acceptsContentType(undefined, undefined)).toBe(false);
    expect(acceptsContentType('application/zip', undefined)).toBe(false);
    expect(acceptsContentType('application/zip', { extraTypes: ['application/zip'] })).toBe(true);
  });

  it('counts keys and array items across every level', () => {
    expect(exceedsKeyLimit({ a: 1, b: { c: [1, 2] } }, 5)).toBe(false);
    expect(exceedsKeyLimit({ a: 1, b: { c: [1, 2, 3] } }, 5)).toBe(true);
    expect(exceedsKeyLimit(Object.fromEntries(Array.from({ length: 12_000 }, (_, i) => [`k${i}`, i])), 5000)).toBe(true);
    expect(exceedsKeyLimit('text', 0)).toBe(false);
  });
});
