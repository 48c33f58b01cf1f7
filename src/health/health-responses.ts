import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessResponse {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

class DatabaseCheck {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
}

class RedisCheck {
  @ApiProperty({ enum: ['up', 'down', 'disabled'] }) status: 'up' | 'down' | 'disabled';
  @ApiPropertyOptional() latencyMs?: number;
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
