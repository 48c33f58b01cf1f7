import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessResponse {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

class DatabaseCheck {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
}

class RedisNodeCheck {
  @ApiProperty({ example: '10.0.0.5:6379' }) address: string;
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiPropertyOptional() latencyMs?: number;
}

class RedisCheck {
  @ApiProperty({ enum: ['up', 'down', 'disabled'], description: 'up when every master answers' }) status: 'up' | 'down' | 'disabled';
  @ApiPropertyOptional({ description: 'the slowest master\'s PING' }) latencyMs?: number;
  @ApiPropertyOptional({ type: [RedisNodeCheck], description: 'each master, on a Redis Cluster or Sentinel only' }) nodes?: RedisNodeCheck[];
}

class ReadinessChecks {
  @ApiProperty({ type: DatabaseCheck }) database: DatabaseCheck;
  @ApiProperty({ type: RedisCheck }) redis: RedisCheck;
}

/** API.md § Health: `GET /health/ready`. */
export class ReadinessResponse {
  @ApiProperty({ enum: ['ok', 'degraded', 'error'] }) status: 'ok' | 'degraded' | 'error';
  @ApiProperty({ type: ReadinessChecks }) checks: ReadinessChecks;
}
