import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { ApiErrors } from '../../common/openapi/error-response';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { CreatePersonalTokenDto } from './dto/create-personal-token.dto';
import { CreatedPersonalTokenResponse, PersonalTokenResponse } from './dto/personal-token.response';
import { PersonalTokensService } from './personal-tokens.service';

@ApiTags('auth')
@Controller('auth/tokens')
export class PersonalTokensController {
  constructor(private readonly tokens: PersonalTokensService) {}

  @Get()
  @ApiOkResponse({ type: PersonalTokenResponse, isArray: true, description: 'Live personal access tokens (never their secret), newest first' })
  list(@CurrentUser() user: AuthUser): Promise<PersonalTokenResponse[]> {
    return this.tokens.list(user.id);
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedPersonalTokenResponse, description: 'The new token with its `secret`, shown this once' })
  @ApiErrors({ 409: 'Already 20 live personal access tokens' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreatePersonalTokenDto): Promise<CreatedPersonalTokenResponse> {
    return this.tokens.create(user.id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The token is refused from now on, on every instance' })
  @ApiErrors({ 404: 'Not one of your tokens' })
  revoke(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.tokens.revoke(user.id, id);
  }
}
