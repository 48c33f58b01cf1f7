import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { LoginRateLimit, RegisterRateLimit } from '../rate-limit/rate-limit.decorators';
import { UserResponse } from '../users/user-response';
import { AuthService } from './auth.service';
import { AuthUser } from './auth-user';
import { AccessTokenResponse } from './dto/access-token.response';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @RegisterRateLimit()
  @Post('register')
  register(@Body() dto: RegisterDto): Promise<UserResponse> {
    return this.auth.register(dto);
  }

  @Public()
  @LoginRateLimit()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<AccessTokenResponse> {
    return this.auth.login(dto);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  logout(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logout(user);
  }

  @ApiBearerAuth()
  @Post('logout-all')
  @HttpCode(204)
  logoutAll(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logoutAll(user);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return this.auth.me(user);
  }

  @ApiBearerAuth()
  @Patch('me')
  updateMe(@CurrentUser() user: AuthUser, @Body() dto: UpdateProfileDto): Promise<UserResponse> {
    return this.auth.updateProfile(user, dto);
  }
}
