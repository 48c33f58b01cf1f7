import { Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/decorators/public.decorator';
import { ApiErrors } from '../common/openapi/error-response';
import { RecordResponse } from '../records/dto/record.response';
import { DoneAction } from './done-action';

@ApiTags('reminders')
@Controller('reminders/done')
export class DoneActionController {
  constructor(private readonly done: DoneAction) {}

  @Post(':actionToken')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'actionToken', description: 'The token of a reminder\'s "Done" action (its doneUrl): the credential for one habit and date' })
  @ApiOkResponse({ type: RecordResponse, description: 'The habit is done on that date (a numeric habit: its target); again: the same record' })
  @ApiErrors({ 404: 'An unknown, altered or expired token, or a habit that is gone' }, 429)
  markDone(@Param('actionToken') token: string): Promise<RecordResponse> {
    return this.done.markDone(token);
  }
}
