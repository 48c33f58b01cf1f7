import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/openapi/error-response';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { CreateReminderDto } from './dto/create-reminder.dto';
import { ReminderResponse } from './dto/reminder.response';
import { UpdateReminderDto } from './dto/update-reminder.dto';
import { RemindersService } from './reminders.service';

/**
 * A habit's reminders (API.md § Reminders and notifications). The list is not a cached route:
 * `nextAt` moves when a reminder fires, which is no write of the user's.
 */
@ApiTags('reminders')
@Controller()
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get('habits/:id/reminders')
  @ApiOkResponse({ type: ReminderResponse, isArray: true, description: 'The habit\'s reminders, ordered by time' })
  @ApiErrors(401, { 404: 'Not one of your habits' }, 429)
  list(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) habitId: number): Promise<ReminderResponse[]> {
    return this.reminders.list(user.id, habitId);
  }

  @Post('habits/:id/reminders')
  @ApiCreatedResponse({ type: ReminderResponse })
  @ApiErrors(400, 401, { 404: 'Not one of your habits', 409: 'The habit already has 5 reminders' }, 429)
  create(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) habitId: number, @Body() dto: CreateReminderDto): Promise<ReminderResponse> {
    return this.reminders.create(user.id, habitId, dto);
  }

  @Patch('reminders/:id')
  @ApiOkResponse({ type: ReminderResponse, description: 'The reminder, its nextAt moved at once' })
  @ApiErrors(400, 401, { 404: 'Not one of your reminders' }, 429)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateReminderDto): Promise<ReminderResponse> {
    return this.reminders.update(user.id, id, dto);
  }

  @Delete('reminders/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(401, { 404: 'Not one of your reminders' }, 429)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.reminders.remove(user.id, id);
  }
}
