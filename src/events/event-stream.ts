import type { Writable } from 'node:stream';
import { credentialExpiresAt, StreamCredential } from '../auth/stream-credential';
import { ChangeGroup } from '../common/change-groups';
import { FeedStats } from '../changes/feed-stats';
import { changeEvent, endEvent, EndReason, SSE_HEARTBEAT } from './sse-format';

/** Bytes a client may leave unread (beyond what the kernel holds) before its stream is dropped. */
export const MAX_BUFFERED_BYTES = 64 * 1024;
/** How long an ending stream may take to flush its last event before its connection is cut. */
const END_FLUSH_MS = 1000;
/** setTimeout's limit (about 24.8 days); longer expiries re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface EventStreamIdentity {
  id: string;
  userId: number;
  /** What the stream was opened with (directly or through a ticket): a session's access token or a personal access token. */
  credential: StreamCredential;
}

/**
 * One open stream: writes events to the client's response and never buffers without bound — a
 * client that leaves more than MAX_BUFFERED_BYTES unread is dropped (its client reconnects and
 * refetches). Ends itself with `expired` when its token expires.
 */
export class EventStream {
  private closed = false;
  private expiryTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly identity: EventStreamIdentity,
    private readonly sink: Writable,
    private readonly stats: FeedStats,
    onClosed: (stream: EventStream) => void,
  ) {
    sink.once('close', () => {
      this.closed = true;
      clearTimeout(this.expiryTimer);
      onClosed(this);
    });
    this.armExpiry();
  }

  get userId(): number {
    return this.identity.userId;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  heartbeat(): void {
    this.write(SSE_HEARTBEAT);
  }

  change(groups: readonly ChangeGroup[], at: string): void {
    if (this.write(changeEvent(groups, at))) this.stats.sent.change += 1;
  }

  /** `event: end` with its reason, then the stream closes. */
  end(reason: EndReason): void {
    if (this.write(endEvent(reason))) this.stats.sent.end += 1;
    this.close();
  }

  /** Closes without an event (shutdown): the client reconnects to another instance after `retry`. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sink.end();
    setTimeout(() => this.sink.destroy(), END_FLUSH_MS).unref();
  }

  /** False when the stream is closed or was just dropped for not reading. */
  private write(chunk: string): boolean {
    if (this.closed) return false;
    if (this.sink.writableLength > MAX_BUFFERED_BYTES) {
      this.stats.slowClientsDropped += 1;
      this.closed = true;
      this.sink.destroy();
      return false;
    }
    this.sink.write(chunk);
    return true;
  }

  private armExpiry(): void {
    const expiresAt = credentialExpiresAt(this.identity.credential);
    if (expiresAt === null) return;
    const remainingMs = expiresAt * 1000 - Date.now();
    if (remainingMs <= 0) {
      setImmediate(() => this.end('expired'));
      return;
    }
    const delay = Math.min(remainingMs, MAX_TIMER_MS);
    this.expiryTimer = setTimeout(() => (delay === remainingMs ? this.end('expired') : this.armExpiry()), delay);
    this.expiryTimer.unref();
  }
}
