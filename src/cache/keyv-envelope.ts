/**
 * Keyv wraps every value in `{value, expires}` and, by default, serialises that with a JSON
 * serializer that is several times slower than JSON itself. Our values are already strings,
 * so the envelope is written as `<expires>|<value>`: no JSON on the hot path at all.
 */
interface Envelope {
  value?: unknown;
  expires?: number | null;
}

export function serializeEnvelope(envelope: Envelope): string {
  return `${envelope.expires ?? ''}|${String(envelope.value)}`;
}

export function deserializeEnvelope<T>(raw: string): { value?: T; expires?: number } {
  const bar = raw.indexOf('|');
  if (bar < 0) return { value: undefined };
  const expires = bar === 0 ? undefined : Number(raw.slice(0, bar));
  return { value: raw.slice(bar + 1) as T, expires };
}
