import { IncomingHttpHeaders, IncomingMessage, request } from 'node:http';

export interface SseEvent {
  event: string;
  data: unknown;
  receivedAt: number;
}

interface Waiter {
  predicate: (event: SseEvent) => boolean;
  resolve: (event: SseEvent) => void;
}

export interface OpenOptions {
  token?: string;
  ticket?: string;
  path?: string;
}

/**
 * A minimal EventSource for tests: one GET /api/events on a real socket, parsed as it arrives
 * (events, comments and `retry:`), with `next()` to await an event and `closed` for the end.
 */
export class SseStream {
  readonly events: SseEvent[] = [];
  comments = 0;
  retry: number | null = null;
  /** Everything received, in order (to check what came first). */
  text = '';
  readonly closed: Promise<void>;
  private buffer = '';
  private waiters: Waiter[] = [];

  private constructor(
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
    private readonly response: IncomingMessage,
  ) {
    response.setEncoding('utf8');
    this.closed = new Promise((resolve) => response.once('close', () => resolve()));
    response.on('data', (chunk: string) => this.receive(chunk));
    response.on('error', () => undefined);
  }

  /** Resolves once the response headers have arrived (for a 200, the stream stays open). */
  static open(port: number, options: OpenOptions = {}): Promise<SseStream> {
    const path = options.path ?? (options.ticket !== undefined ? `/api/events?ticket=${encodeURIComponent(options.ticket)}` : '/api/events');
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers, agent: false }, (response) => resolve(new SseStream(response.statusCode ?? 0, response.headers, response)));
      req.on('error', reject);
      req.end();
    });
  }

  /** The body of a non-stream answer (401, 429…), parsed. */
  async json(): Promise<Record<string, unknown>> {
    await this.closed;
    return JSON.parse(this.text) as Record<string, unknown>;
  }

  /** The next event (already received or to come) matching `predicate`; rejects after `timeoutMs`. */
  next(predicate: (event: SseEvent) => boolean = () => true, timeoutMs = 1000): Promise<SseEvent> {
    const found = this.events.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { predicate, resolve };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((other) => other !== waiter);
        reject(new Error(`no matching event within ${timeoutMs} ms; received ${JSON.stringify(this.events)}`));
      }, timeoutMs);
      waiter.resolve = (event) => {
        clearTimeout(timer);
        resolve(event);
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves once the opening (`retry:` and its comment) has arrived; rejects after `timeoutMs`. */
  async opened(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.retry === null) {
      if (performance.now() > deadline) throw new Error(`the stream's opening did not arrive within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Forget what was received so far (so that `next` only sees what comes after). */
  clear(): void {
    this.events.length = 0;
  }

  pause(): void {
    this.response.pause();
  }

  close(): void {
    this.response.destroy();
  }

  private receive(chunk: string): void {
    this.text += chunk;
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      if (this.status === 200) this.parse(block);
    }
  }

  private parse(block: string): void {
    let event = 'message';
    let data: string | null = null;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments += 1;
      else if (line.startsWith('retry: ')) this.retry = Number(line.slice(7));
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data = line.slice(6);
    }
    if (data === null) return;
    const received: SseEvent = { event, data: JSON.parse(data), receivedAt: performance.now() };
    this.events.push(received);
    for (const waiter of [...this.waiters]) {
      if (!waiter.predicate(received)) continue;
      this.waiters = this.waiters.filter((other) => other !== waiter);
      waiter.resolve(received);
    }
  }
}

export const isChange = (event: SseEvent) => event.event === 'change';
export const isEnd = (event: SseEvent) => event.event === 'end';
