import { changeEvent, endEvent, SSE_HEARTBEAT, SSE_OPENING, sseEvent } from './sse-format';

describe('server-sent event format', () => {
  it('opens with the retry delay and a comment, each block ended by a blank line', () => {
    expect(SSE_OPENING).toBe('retry: 5000\n: open\n\n');
    expect(SSE_HEARTBEAT.startsWith(':')).toBe(true);
    expect(SSE_HEARTBEAT.endsWith('\n\n')).toBe(true);
  });

  it('writes a change as one event with its groups and timestamp as single-line JSON', () => {
    expect(changeEvent(['records', 'analytics'], '2026-01-02T03:04:05.000Z')).toBe(
      'event: change\ndata: {"groups":["records","analytics"],"at":"2026-01-02T03:04:05.000Z"}\n\n',
    );
  });

  it('writes the end of a stream with its reason', () => {
    expect(endEvent('revoked')).toBe('event: end\ndata: {"reason":"revoked"}\n\n');
  });

  it('never lets a newline inside the data split the event', () => {
    expect(sseEvent('change', { note: 'a\nb' }).split('\n')).toHaveLength(4);
  });
});
