import { Inject, Injectable } from '@nestjs/common';
import { RedisClientType } from '@redis/client';
import { IsString, MaxLength } from 'class-validator';
import { REDIS_CONNECTION } from '../../src/redis/redis.module';

export class FloorBodyDto {
  /** The exact bytes the floor route answers with (the harness sends the hit scenario's body). */
  @IsString()
  @MaxLength(90_000)
  body: string;
}

const FLOOR_KEY = 'bench:floor';

/**
 * The floor route's constant, pre-serialized answer; also kept in Redis (its own key, on the
 * application's connection) for the diagnostic "floor + one GET" route.
 */
@Injectable()
export class FloorBody {
  body = '{}';

  constructor(@Inject(REDIS_CONNECTION) private readonly redis: RedisClientType | null) {}

  async set(body: string): Promise<void> {
    this.body = body;
    await this.redis?.set(FLOOR_KEY, body);
  }

  /** The same bytes, read from Redis: what one more round trip costs on top of the floor. */
  async fromRedis(): Promise<string> {
    return (await this.redis?.get(FLOOR_KEY)) ?? this.body;
  }
}
