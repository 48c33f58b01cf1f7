import { decodeEntry, encodeEntry } from './cached-response';
import { deserializeEnvelope, serializeEnvelope } from './keyv-envelope';

describe('cached entries', () => {
  it('round-trips the validity token, status, content type and body byte for byte', () => {
    const response = { statusCode: 200, contentType: 'application/json; charset=utf-8', etag: '"abc"', body: '[{"note":"a\\nb","x":"é"}]\n' };
    expect(decodeEntry(encodeEntry('e1.g1', response))).toEqual({ validity: 'e1.g1', response });
  });

  it('rejects a value that is not an entry, or an entry of the v1 layout (no ETag)', () => {
    expect(decodeEntry('garbage')).toBeNull();
    expect(decodeEntry('e1.g1\n200\napplication/json\n[]')).toBeNull();
  });
});

describe('Keyv envelope', () => {
  it('keeps the value and the expiry without JSON', () => {
    const raw = serializeEnvelope({ value: 'a|b\nc', expires: 1700000000000 });
    expect(deserializeEnvelope(raw)).toEqual({ value: 'a|b\nc', expires: 1700000000000 });
  });

  it('keeps a value that never expires', () => {
    expect(deserializeEnvelope(serializeEnvelope({ value: 'v' }))).toEqual({ value: 'v', expires: undefined });
  });
});
