import { Controller, Get, HttpCode, HttpStatus, Post, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/openapi/error-response';
import { ExportDocumentResponse, ImportSummaryResponse } from './dto/portability.response';
import { ExportService } from './export.service';
import { ImportSummary } from './import-plan';
import { ImportService } from './import.service';

@ApiTags('export and import')
@ApiBearerAuth()
@ApiErrors(401)
@Controller()
export class PortabilityController {
  constructor(
    private readonly exportService: ExportService,
    private readonly importService: ImportService,
  ) {}

  @Get('export')
  @ApiProduces('application/json')
  @ApiOkResponse({ type: ExportDocumentResponse, description: 'Everything of the account, as an attachment (streamed)' })
  exportJson(@CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.exportService.json(user);
  }

  @Get('export/loop')
  @ApiProduces('application/zip')
  @ApiOkResponse({
    description: "Loop Habit Tracker's CSV export layout: Habits.csv, `NNN <name>/Checkmarks.csv` and `Scores.csv`, top-level Checkmarks.csv and Scores.csv",
    schema: { type: 'string', format: 'binary' },
  })
  exportLoop(@CurrentUser() user: AuthUser): Promise<StreamableFile> {
    return this.exportService.loop(user);
  }

  /** The body is taken raw: a zip arrives as a Buffer (import-body.ts), which no validation pipe should walk. */
  @Post('import')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('application/json', 'application/zip')
  @ApiBody({
    description: 'Our JSON export (GET /api/export), or a zip of Loop Habit Tracker\'s CSV export (current or older layout); up to 10 MB',
    schema: { oneOf: [{ $ref: '#/components/schemas/ExportDocumentResponse' }, { type: 'string', format: 'binary' }] },
  })
  @ApiOkResponse({ type: ImportSummaryResponse })
  @ApiErrors({ 400: 'Not our JSON export nor a Loop export, or inconsistent: `message` names the file and line (or field)' }, 413, 415)
  import(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest): Promise<ImportSummary> {
    return this.importService.import(user, request.body);
  }
}
