import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CacheAdminService, CacheStatsReport } from '../cache/cache-admin.service';
import { Roles } from '../common/decorators/roles.decorator';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { FlushCacheDto } from './dto/flush-cache.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/cache')
export class AdminController {
  constructor(private readonly cacheAdmin: CacheAdminService) {}

  @Get('stats')
  stats(): Promise<CacheStatsReport> {
    return this.cacheAdmin.report();
  }

  @Delete('users/:userId')
  @HttpCode(200)
  dropUser(@Param('userId', ParseIdPipe) userId: number): Promise<{ deleted: number }> {
    return this.cacheAdmin.dropUser(userId);
  }

  @Post('flush')
  @HttpCode(200)
  flush(@Body() _dto: FlushCacheDto): Promise<{ deleted: number }> {
    return this.cacheAdmin.flush();
  }
}
