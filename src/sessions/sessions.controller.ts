import { Controller, Delete, Get, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthUser, sessionOf } from '../common/auth/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/openapi/error-response';
import { SessionResponse } from './dto/session.response';
import { ParseSessionIdPipe } from './parse-session-id.pipe';
import { SessionsService } from './sessions.service';

@ApiTags('auth')
@Controller('auth/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @ApiOkResponse({ type: SessionResponse, isArray: true, description: 'Live sessions, most recently used first' })
  list(@CurrentUser() user: AuthUser): Promise<SessionResponse[]> {
    return this.sessions.list(user.id, sessionOf(user));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'That session ended: its access and refresh tokens are refused everywhere' })
  @ApiErrors({ 404: 'Not one of your sessions' })
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseSessionIdPipe) id: string): Promise<void> {
    return this.sessions.end(user.id, id);
  }
}
