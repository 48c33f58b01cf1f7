import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class CacheTtlSeconds {
  @ApiProperty() analytics: number;
  @ApiProperty() categories: number;
  @ApiProperty() habits: number;
  @ApiProperty() records: number;
}

class CacheNodeSize {
  @ApiProperty({ example: '10.0.0.5:6379' }) address: string;
  @ApiProperty() keys: number;
  @ApiProperty() memoryBytes: number;
}

/** API.md § Admin: `GET /api/admin/cache/stats`. */
export class CacheStatsResponse {
  @ApiProperty({ enum: ['redis', 'memory', 'disabled'] }) store: 'redis' | 'memory' | 'disabled';
  @ApiProperty() connected: boolean;
  @ApiProperty() keys: number;
  @ApiProperty() memoryBytes: number;
  @ApiProperty() hits: number;
  @ApiProperty() misses: number;
  @ApiProperty({ type: Number, nullable: true }) hitRate: number | null;
  @ApiProperty() invalidations: number;
  @ApiProperty() errors: number;
  @ApiProperty({ type: CacheTtlSeconds }) ttlSeconds: CacheTtlSeconds;
  @ApiPropertyOptional({ type: [CacheNodeSize], description: 'each master (keys and memory are their sums), on a Redis Cluster or Sentinel only' }) nodes?: CacheNodeSize[];
}

export class DeletedCountResponse {
  @ApiProperty({ description: 'Cached responses dropped' }) deleted: number;
}
