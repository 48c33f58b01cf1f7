/** A stored 2xx response, replayed byte for byte on a hit. */
export interface CachedResponse {
  statusCode: number;
  contentType: string;
  body: string;
}

/**
 * Stored as one string: `<validity>\n<status>\n<content-type>\n<body>`. The validity token
 * (epoch and user generation read before the handler ran) decides whether the entry may be served.
 */
export function encodeEntry(validity: string, response: CachedResponse): string {
  return `${validity}\n${response.statusCode}\n${response.contentType}\n${response.body}`;
}

export function decodeEntry(raw: string): { validity: string; response: CachedResponse } | null {
  const first = raw.indexOf('\n');
  const second = raw.indexOf('\n', first + 1);
  const third = raw.indexOf('\n', second + 1);
  if (first < 0 || second < 0 || third < 0) return null;
  return {
    validity: raw.slice(0, first),
    response: {
      statusCode: Number(raw.slice(first + 1, second)),
      contentType: raw.slice(second + 1, third),
      body: raw.slice(third + 1),
    },
  };
}
