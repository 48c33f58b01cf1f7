import { createHash } from 'node:crypto';
import { RedisConnection } from './redis-topology';

/**
 * A Lua script sent by its SHA1 (EVALSHA); when Redis does not know it (first use, or Redis was
 * restarted or flushed its scripts) it is sent whole once (EVAL caches it again).
 */
export class RedisScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisConnection, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await client.evalSha(this.sha, { keys, arguments: args });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, { keys, arguments: args });
    }
  }
}
