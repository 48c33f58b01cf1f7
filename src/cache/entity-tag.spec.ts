import { entityTagOf, ifNoneMatchMatches } from './entity-tag';

describe('entity tags', () => {
  const etag = entityTagOf('[{"id":1}]');

  it('is a quoted strong tag that depends on every byte of the body', () => {
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(entityTagOf('[{"id":1}]')).toBe(etag);
    expect(entityTagOf('[{"id":2}]')).not.toBe(etag);
  });

  it('matches the same tag, a weak form of it, one of a list, and *', () => {
    expect(ifNoneMatchMatches(etag, etag)).toBe(true);
    expect(ifNoneMatchMatches(`W/${etag}`, etag)).toBe(true);
    expect(ifNoneMatchMatches(`"other", ${etag} ,W/"x"`, etag)).toBe(true);
    expect(ifNoneMatchMatches(['"other"', etag], etag)).toBe(true);
    expect(ifNoneMatchMatches(' * ', etag)).toBe(true);
  });

  it('does not match other tags, an absent header, or a malformed one', () => {
    expect(ifNoneMatchMatches('"other"', etag)).toBe(false);
    expect(ifNoneMatchMatches(undefined, etag)).toBe(false);
    expect(ifNoneMatchMatches('', etag)).toBe(false);
    expect(ifNoneMatchMatches(etag.slice(1, -1), etag)).toBe(false);
    expect(ifNoneMatchMatches(`${etag}, garbage`, etag)).toBe(false);
    expect(ifNoneMatchMatches(`*, ${etag}`, etag)).toBe(false);
  });
});
