import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { ApiErrors } from '../common/openapi/error-response';
import { LoginRateLimit, RegisterRateLimit } from '../rate-limit/rate-limit.decorators';
import { UserResponse } from '../users/user-response';
import { AccountService } from './account.service';
import { AuthService } from './auth.service';
import { AuthUser } from '../common/auth/auth-user';
import { ChangePasswordDto } from './dto/change-password.dto';
import { DeleteAccountDto } from './dto/delete-account.dto';
import { LoginDto } from './dto/login.dto';
import { RefreshDto } from './dto/refresh.dto';
import { RegisterDto } from './dto/register.dto';
import { TokenPairResponse } from './dto/token-pair.response';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { RefreshChannel, RefreshTokenChannel } from './refresh-channel';
import { AcceptLanguage, ApiAcceptLanguage } from '../common/decorators/accept-language.decorator';

const COOKIE_HEADER = {
  name: 'X-Refresh-Cookie',
  required: false,
  enum: ['1'],
  description: '`1`: the refresh token is set as the `__Host-refresh` cookie (HttpOnly; Secure; SameSite=Strict) and left out of the body',
};
const SET_COOKIE = { 'Set-Cookie': { description: '`__Host-refresh` with `X-Refresh-Cookie: 1`', schema: { type: 'string' } } };
const CLEARS_COOKIE = { 'Set-Cookie': { description: 'Clears the `__Host-refresh` cookie', schema: { type: 'string' } } };

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly account: AccountService,
  ) {}

  @Public()
  @RegisterRateLimit()
  @Post('register')
  @ApiAcceptLanguage('Chooses `locale` (en or es) when the body names none')
  @ApiCreatedResponse({ type: UserResponse })
  @ApiErrors(400, { 409: 'An account with this email already exists' })
  register(@Body() dto: RegisterDto, @AcceptLanguage() acceptLanguage?: string): Promise<UserResponse> {
    return this.auth.register(dto, acceptLanguage);
  }

  @Public()
  @LoginRateLimit()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiHeader(COOKIE_HEADER)
  @ApiOkResponse({ type: TokenPairResponse, description: 'A new session', headers: SET_COOKIE })
  @ApiErrors(400, { 401: 'Wrong email or password' })
  login(@Body() dto: LoginDto, @RefreshTokenChannel() channel: RefreshChannel): Promise<TokenPairResponse> {
    return this.auth.login(dto, channel);
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiHeader(COOKIE_HEADER)
  @ApiOkResponse({ type: TokenPairResponse, description: 'A new pair for the same session (by cookie: the new token only in the cookie)', headers: SET_COOKIE })
  @ApiNoContentResponse({ description: '`X-Refresh-Cookie: 1` with no token in the body and no cookie: nothing to refresh' })
  @ApiErrors(400, {
    401: 'Unknown, expired, revoked or reused refresh token (a reused one ends its session)',
    403: 'A refresh by cookie without `X-Refresh-Cookie: 1`, or from an origin that is neither the API\'s own nor in CORS_ORIGINS (the session is untouched)',
  })
  refresh(@Body() dto: RefreshDto, @RefreshTokenChannel() channel: RefreshChannel): Promise<TokenPairResponse | undefined> {
    return this.auth.refresh(dto, channel);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'This session ended', headers: CLEARS_COOKIE })
  logout(@CurrentUser() user: AuthUser, @RefreshTokenChannel() channel: RefreshChannel): Promise<void> {
    return this.auth.logout(user, channel);
  }

  @Post('logout-all')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Every session of the user ended', headers: CLEARS_COOKIE })
  logoutAll(@CurrentUser() user: AuthUser, @RefreshTokenChannel() channel: RefreshChannel): Promise<void> {
    return this.auth.logoutAll(user, channel);
  }

  @LoginRateLimit()
  @Post('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Changed; every other session of the user ended' })
  @ApiErrors(400, { 403: 'The current password is wrong (counted like a failed login)' })
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.account.changePassword(user, dto);
  }

  @Get('me')
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return this.account.me(user);
  }

  @Patch('me')
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400)
  updateMe(@CurrentUser() user: AuthUser, @Body() dto: UpdateProfileDto): Promise<UserResponse> {
    return this.account.updateProfile(user, dto);
  }

  @LoginRateLimit()
  @Delete('me')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The account and all its data are deleted; every session ended', headers: CLEARS_COOKIE })
  @ApiErrors(400, { 403: 'The password is wrong (counted like a failed login)' })
  deleteMe(@CurrentUser() user: AuthUser, @Body() dto: DeleteAccountDto, @RefreshTokenChannel() channel: RefreshChannel): Promise<void> {
    return this.account.deleteAccount(user, dto, channel);
  }
}
