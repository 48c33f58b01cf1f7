import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthUser } from '../common/auth/auth-user';
import { CachedEndpoint } from '../cache/cached-endpoint.decorator';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { dateRangeQueryDefaults, DEFAULT_RANGE_DAYS } from '../common/validation/date-range';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ParseCalendarDatePipe } from '../common/validation/parse-calendar-date.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import { ListRecordsQuery } from './dto/list-records.query';
import { RecordBatchDto, RecordBatchResponse } from './dto/record-batch.dto';
import { PutRecordDto } from './dto/put-record.dto';
import { RecordResponse } from './dto/record.response';
import { RecordBatchService } from './record-batch.service';
import { RecordsService } from './records.service';

const RECORD_PATH = 'habits/:habitId/records/:date';

@ApiTags('records')
@Controller()
export class RecordsController {
  constructor(
    private readonly recordsService: RecordsService,
    private readonly batchService: RecordBatchService,
  ) {}

  @Get('records')
  @ApiOkResponse({ type: RecordResponse, isArray: true, description: 'Ordered by date, then habit id' })
  @ApiNotFoundResponse({ description: 'habitId is not one of your habits' })
  @CachedEndpoint({ group: 'records', queryDefaults: dateRangeQueryDefaults(DEFAULT_RANGE_DAYS) })
  list(@CurrentUser() user: AuthUser, @Query() query: ListRecordsQuery): Promise<RecordResponse[]> {
    return this.recordsService.list(user, query);
  }

  @Post('records/batch')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: RecordBatchResponse, description: 'Every item applied, in one transaction' })
  @ApiErrors(
    {
      400: 'Nothing was written: `message` names each bad item (`put[3].date`), a repeated (habitId, date), a habit that is not yours, or a size outside 1..500',
      409: 'Nothing was written: the batch would create records past the account limit of 1,000,000',
    },
    401,
    413,
    429,
  )
  batch(@CurrentUser() user: AuthUser, @Body() body: RecordBatchDto): Promise<RecordBatchResponse> {
    return this.batchService.apply(user, body);
  }

  @Put(RECORD_PATH)
  @ApiParam({ name: 'date', format: 'date', example: '2025-03-01' })
  @ApiCreatedResponse({ type: RecordResponse, description: 'Created' })
  @ApiOkResponse({ type: RecordResponse, description: 'Replaced' })
  @ApiNotFoundResponse()
  @ApiErrors({ 409: 'The record would be past the account limit of 1,000,000 records (nothing written), or it was changed concurrently' })
  async put(
    @CurrentUser() user: AuthUser,
    @Param('habitId', ParseIdPipe) habitId: number,
    @Param('date', ParseCalendarDatePipe) date: string,
    @Body() dto: PutRecordDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecordResponse> {
    const result = await this.recordsService.put(user, habitId, date, dto);
    void reply.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result.record;
  }

  @Delete(RECORD_PATH)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam({ name: 'date', format: 'date', example: '2025-03-01' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No such habit, or no record on that date' })
  remove(
    @CurrentUser() user: AuthUser,
    @Param('habitId', ParseIdPipe) habitId: number,
    @Param('date', ParseCalendarDatePipe) date: string,
  ): Promise<void> {
    return this.recordsService.remove(user.id, habitId, date);
  }
}
