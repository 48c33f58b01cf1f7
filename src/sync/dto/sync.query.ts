import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { QueryInteger, QueryString } from '../../common/validation/transforms';

export const DEFAULT_SYNC_LIMIT = 1000;
export const MAX_SYNC_LIMIT = 5000;

export class SyncQuery {
  @ApiPropertyOptional({ type: String, description: 'The `cursor` of the previous page; without it, a full sync' })
  @QueryString()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  since?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_SYNC_LIMIT, default: DEFAULT_SYNC_LIMIT, description: 'Items per page' })
  @QueryInteger()
  @IsOptional()
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(MAX_SYNC_LIMIT)
  limit?: number;
}
