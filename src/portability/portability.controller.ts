import { Controller, Get, HttpCode, HttpStatus, Post, Req, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { AcceptsBody } from '../common/http/body-rules';
import { ApiErrors } from '../common/openapi/error-response';
import { IMPORT_ENCODINGS, ZIP_TYPES } from './import-body';
import { ExportDocumentResponse, ImportSummaryResponse } from './dto/portability.response';
import { ExportService } from './export.service';
import { ImportSummary } from './import-plan';
import { ImportService } from './import.service';

@ApiTags('export and import')
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

  /** The body is taken raw (a Buffer, JSON included: import-body.ts), parsed and checked in the import worker. */
  @Post('import')
  @HttpCode(HttpStatus.OK)
  @AcceptsBody({ extraTypes: ZIP_TYPES, raw: true, encodings: IMPORT_ENCODINGS })
  @ApiOperation({
    summary: 'Import our JSON export or a Loop Habit Tracker CSV export (zip); all or nothing; merge by name',
    requestBody: {
      required: true,
      description:
        "Up to 32 MB as sent, 256 MB once decoded (`Content-Encoding: gzip` accepted) or inflated. Our JSON export (GET /api/export), or a zip of Loop Habit Tracker's CSV export (current or older layout)",
      content: {
        'application/json': { schema: { $ref: getSchemaPath(ExportDocumentResponse) } },
        'application/zip': { schema: { type: 'string', format: 'binary' } },
      },
    },
  })
  @ApiOkResponse({ type: ImportSummaryResponse, description: 'What was created, merged, updated and left unchanged' })
  @ApiErrors(
    {
      400: 'Not our JSON export nor a Loop export, or inconsistent: `message` names the file and line (or field); nothing is imported',
      409: 'The account would hold more than 1,000 habits, 200 categories or 1,000,000 records; nothing is imported',
      413: 'Over 32 MB as sent, over 256 MB once gunzipped or inflated, or a zip holding too many files',
    },
    415,
  )
  import(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest): Promise<ImportSummary> {
    return this.importService.import(user, { body: request.body as Buffer, contentType: request.headers['content-type'], contentEncoding: request.headers['content-encoding'] });
  }
}
