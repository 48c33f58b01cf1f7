import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { PersonalTokensRepository } from './personal-tokens.repository';

/** A token's `lastUsedAt` is written at most once per this long by an instance (API.md: it shows a use within 60 s). */
export const TOKEN_USE_WRITE_EVERY_MS = 30_000;

/**
 * `lastUsedAt` of personal access tokens without a database write per request: a use is written
 * when this instance has not written one for that token in the last 30 s, batched with the other
 * tokens used in the same turn of the event loop, off the request's path (one UPDATE). So the
 * stored value is never more than about 30 s behind the last use, on any instance.
 */
@Injectable()
export class TokenUsage implements OnModuleDestroy {
  private readonly logger = new Logger(TokenUsage.name);
  private readonly writtenAt = new Map<number, number>();
  private pending = new Set<number>();
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly tokens: PersonalTokensRepository,
    private readonly clock: Clock,
  ) {}

  /** Called on every accepted request of a token: a Map lookup unless a write is due. */
  used(tokenId: number): void {
    const now = this.clock.now();
    const written = this.writtenAt.get(tokenId);
    if (written !== undefined && now - written < TOKEN_USE_WRITE_EVERY_MS) return;
    this.writtenAt.set(tokenId, now);
    this.pending.add(tokenId);
    if (this.pending.size === 1) setImmediate(() => void this.flush());
  }

  /** Writes the uses not written yet (the token list waits for it, so it shows this instance's latest use). */
  async flush(): Promise<void> {
    if (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    const ids = [...this.pending];
    this.pending = new Set();
    this.flushing = this.write(ids);
    await this.flushing;
    this.flushing = null;
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }

  private async write(ids: number[]): Promise<void> {
    const now = this.clock.now();
    try {
      await this.tokens.markUsed(ids, now);
    } catch (error) {
      // Not written: the next use after the interval tries again.
      for (const id of ids) this.writtenAt.delete(id);
      this.logger.warn(`Could not record the use of personal access tokens: ${(error as Error).message}`);
    }
    for (const [id, at] of this.writtenAt) if (now - at >= TOKEN_USE_WRITE_EVERY_MS) this.writtenAt.delete(id);
  }
}
