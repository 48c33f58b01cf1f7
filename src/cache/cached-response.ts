/** A stored 2xx response, replayed byte for byte on a hit. */
export interface CachedResponse {
  statusCode: number;
  contentType: string;
  /** Strong entity tag of `body`, computed once when the response is produced and stored with it. */
  etag: string;
  body: string;
}

/**
 * Stored as one string: `<validity>\n<status>\n<content-type>\n<etag>\n<body>`. The validity token
 * (epoch and user generation read before the handler ran) decides whether the entry may be served.
 */
export function encodeEntry(validity: string, response: CachedResponse): string {
  return `${validity}\n${response.statusCode}\n${response.contentType}\n${response.etag}\n${response.body}`;
}

export function decodeEntry(raw: string): { validity: string; response: CachedResponse } | null {
  const first = raw.indexOf('\n');
  const second = raw.indexOf('\n', first + 1);
  const third = raw.indexOf('\n', second + 1);
  const fourth = raw.indexOf('\n', third + 1);
  // An entry of the v1 layout (no ETag line) has no fourth line break (JSON bodies hold none): a miss.
  if (first < 0 || second < 0 || third < 0 || fourth < 0) return null;
  return {
    validity: raw.slice(0, first),
    response: {
      statusCode: Number(raw.slice(first + 1, second)),
      contentType: raw.slice(second + 1, third),
      etag: raw.slice(third + 1, fourth),
      body: raw.slice(fourth + 1),
    },
  };
}
