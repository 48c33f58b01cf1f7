import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CacheAdminService, CacheStatsReport } from '../cache/cache-admin.service';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiErrors } from '../common/openapi/error-response';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { CacheStatsResponse, DeletedCountResponse } from './dto/admin-responses';
import { FlushCacheDto } from './dto/flush-cache.dto';

@ApiTags('admin')
@Roles('admin')
@ApiErrors({ 403: 'For administrators only' })
@Controller('admin/cache')
export class AdminController {
  constructor(private readonly cacheAdmin: CacheAdminService) {}

  @Get('stats')
  @ApiOkResponse({ type: CacheStatsResponse })
  stats(): Promise<CacheStatsReport> {
    return this.cacheAdmin.report();
  }

  @Delete('users/:userId')
  @HttpCode(200)
  @ApiOkResponse({ type: DeletedCountResponse, description: "That user's cached responses are dropped" })
  dropUser(@Param('userId', ParseIdPipe) userId: number): Promise<{ deleted: number }> {
    return this.cacheAdmin.dropUser(userId);
  }

  @Post('flush')
  @HttpCode(200)
  @ApiOkResponse({ type: DeletedCountResponse, description: "This application's cached responses are dropped, nothing else" })
  @ApiErrors(400)
  flush(@Body() _dto: FlushCacheDto): Promise<{ deleted: number }> {
    return this.cacheAdmin.flush();
  }
}
