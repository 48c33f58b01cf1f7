import { ChangeGroup } from '../common/change-groups';

/** Why a stream ends (API.md: `event: end`). */
export type EndReason = 'expired' | 'revoked';

/** The first bytes of every stream: the client's reconnection delay, and a comment so that proxies and clients see the stream open at once. */
export const SSE_OPENING = 'retry: 5000\n: open\n\n';

/** A comment line: ignored by EventSource, keeps proxies and idle timers from closing the stream. */
export const SSE_HEARTBEAT = ': ping\n\n';

/** One event of the text/event-stream format; `data` is JSON on a single line. */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function changeEvent(groups: readonly ChangeGroup[], at: string): string {
  return sseEvent('change', { groups, at });
}

export function endEvent(reason: EndReason): string {
  return sseEvent('end', { reason });
}
