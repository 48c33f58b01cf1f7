import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/openapi/error-response';
import { SyncQuery } from './dto/sync.query';
import { SyncResponse } from './dto/sync.response';
import { SyncService } from './sync.service';

@ApiTags('sync')
@Controller('sync')
export class SyncController {
  constructor(private readonly syncService: SyncService) {}

  @Get()
  @ApiOperation({
    summary: 'Delta sync',
    description:
      'Without `since`: the whole account (`full: true`). With the `cursor` of the last page: what was created, changed or ' +
      'deleted since. Follow `cursor` while `hasMore`. Apply a page\'s `deleted` first (a deleted habit takes its records), then its upserts.',
  })
  @ApiOkResponse({ type: SyncResponse, description: 'One page: at most `limit` items (upserts and deletions together)' })
  @ApiErrors({ 400: 'A malformed, altered, unknown or foreign cursor, or a limit outside 1..5000' }, 401, 429, 503)
  sync(@CurrentUser() user: AuthUser, @Query() query: SyncQuery): Promise<SyncResponse> {
    return this.syncService.sync(user.id, query);
  }
}
