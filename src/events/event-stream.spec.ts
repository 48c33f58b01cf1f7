import { Writable } from 'node:stream';
import { AccessTokenClaims } from '../auth/access-token.service';
import { EventStream, MAX_BUFFERED_BYTES } from './event-stream';
import { FeedStats } from '../changes/feed-stats';

/** A client socket that reads as told: `stalled` never acknowledges a write, like a client that stopped reading. */
class ClientSink extends Writable {
  readonly received: string[] = [];

  constructor(private readonly stalled: boolean) {
    super({ highWaterMark: 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.received.push(chunk.toString());
    if (!this.stalled) done();
  }
}

function claims(expiresInSeconds: number): AccessTokenClaims {
  const now = Math.floor(Date.now() / 1000);
  return { sub: '1', sid: '00000000-0000-4000-8000-000000000001', jti: 'j', iat: now, exp: now + expiresInSeconds };
}

function openStream(sink: ClientSink, expiresInSeconds = 3600) {
  const stats = new FeedStats();
  const closed: EventStream[] = [];
  const stream = new EventStream({ id: 's', userId: 1, credential: { kind: 'session', claims: claims(expiresInSeconds) } }, sink, stats, (s) => closed.push(s));
  return { stream, stats, closed };
}

describe('EventStream', () => {
  it('writes change events and counts them', () => {
    const sink = new ClientSink(false);
    const { stream, stats } = openStream(sink);
    stream.change(['records'], '2026-01-01T00:00:00.000Z');
    expect(sink.received.join('')).toContain('event: change\ndata: {"groups":["records"],"at":"2026-01-01T00:00:00.000Z"}\n\n');
    expect(stats.sent.change).toBe(1);
    stream.close();
  });

  it('drops a client that stops reading instead of buffering without bound', async () => {
    const sink = new ClientSink(true);
    const { stream, stats, closed } = openStream(sink);
    for (let index = 0; index < 5000; index += 1) stream.change(['records', 'analytics'], new Date().toISOString());
    expect(sink.writableLength).toBeLessThan(MAX_BUFFERED_BYTES + 1024);
    expect(stats.slowClientsDropped).toBe(1);
    expect(stream.isOpen).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sink.destroyed).toBe(true);
    expect(closed).toEqual([stream]);
  });

  it('ends with `expired` when the token expires, then closes', async () => {
    const sink = new ClientSink(false);
    const { stream, stats, closed } = openStream(sink, 1);
    await new Promise((resolve) => sink.once('close', resolve));
    expect(sink.received.join('')).toContain('event: end\ndata: {"reason":"expired"}\n\n');
    expect(stats.sent.end).toBe(1);
    expect(closed).toEqual([stream]);
  });

  it('writes nothing more once ended', () => {
    const sink = new ClientSink(false);
    const { stream, stats } = openStream(sink);
    stream.end('revoked');
    stream.change(['records'], 'x');
    stream.heartbeat();
    expect(stats.sent).toEqual({ change: 0, end: 1 });
  });
});
