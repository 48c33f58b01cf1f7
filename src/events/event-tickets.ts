import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { StreamCredential } from '../auth/stream-credential';
import { REDIS_CONNECTION } from '../redis/redis.module';
import { isRedisReady, RedisConnection } from '../redis/redis-topology';
import { withDeadline } from '../redis/deadline';
import { RetryLaterException } from '../common/http/retry-later.exception';

/** API.md: a ticket is good for 60 seconds, once. */
export const TICKET_TTL_SECONDS = 60;
const REDIS_DEADLINE_MS = 500;
const MEMORY_LIMIT = 100_000;
const TICKET = /^[A-Za-z0-9_-]{43}$/;

interface StoredTicket {
  credential: StreamCredential;
  expiresAt: number;
}

/** Only a hash of the ticket is stored: a dump of Redis holds nothing a client could present. */
export function ticketKey(ticket: string): string {
  return `events:ticket:${createHash('sha256').update(ticket).digest('hex')}`;
}

/**
 * Single-use tickets for browsers' EventSource (which cannot send headers). A ticket stands for
 * the access token that asked for it: the stream it opens ends when that token expires or its
 * session ends. With Redis, GETDEL makes it single-use across instances; without REDIS_URL it
 * lives in this process. Redis configured but unreachable: 503 (a ticket could otherwise be spent twice).
 */
@Injectable()
export class EventTickets {
  private readonly memory = new Map<string, StoredTicket>();

  constructor(@Inject(REDIS_CONNECTION) private readonly redis: RedisConnection | null) {}

  async issue(credential: StreamCredential): Promise<string> {
    const ticket = randomBytes(32).toString('base64url');
    const stored: StoredTicket = { credential, expiresAt: Date.now() + TICKET_TTL_SECONDS * 1000 };
    if (this.redis) await this.withRedis((redis) => redis.set(ticketKey(ticket), JSON.stringify(stored), { EX: TICKET_TTL_SECONDS }));
    else this.remember(ticketKey(ticket), stored);
    return ticket;
  }

  /** The credential the ticket stands for, or null when it is unknown, spent or expired. */
  async redeem(ticket: string): Promise<StreamCredential | null> {
    if (!TICKET.test(ticket)) return null;
    const key = ticketKey(ticket);
    let stored: StoredTicket | undefined;
    if (this.redis) {
      const raw = await this.withRedis((redis) => redis.getDel(key));
      stored = raw ? (JSON.parse(raw) as StoredTicket) : undefined;
    } else {
      stored = this.memory.get(key);
      this.memory.delete(key);
    }
    return stored?.credential && stored.expiresAt > Date.now() ? stored.credential : null;
  }

  private remember(key: string, stored: StoredTicket): void {
    const now = Date.now();
    for (const [oldKey, old] of this.memory) {
      if (old.expiresAt > now && this.memory.size < MEMORY_LIMIT) break;
      this.memory.delete(oldKey);
    }
    this.memory.set(key, stored);
  }

  private async withRedis<T>(command: (redis: RedisConnection) => Promise<T>): Promise<T> {
    try {
      if (!this.redis || !isRedisReady(this.redis)) throw new Error('Redis is not connected');
      return await withDeadline(command(this.redis), REDIS_DEADLINE_MS);
    } catch {
      throw new RetryLaterException(503, 'Event tickets are unavailable while Redis cannot be reached', 5);
    }
  }
}
