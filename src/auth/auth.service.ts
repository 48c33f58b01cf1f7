import { ConflictException, Injectable, UnauthorizedException } from '@nestjs/common';
import { localeFromAcceptLanguage } from '../common/i18n/locale';
import { isUniqueViolation } from '../common/database/database-errors';
import { IssuedRefresh, SessionsService } from '../sessions/sessions.service';
import { toUserResponse, UserResponse } from '../users/user-response';
import { UsersRepository } from '../users/users.repository';
import { AccessTokenService } from './access-token.service';
import { AuthUser, sessionOf } from '../common/auth/auth-user';
import { LoginDto } from './dto/login.dto';
import { RefreshDto } from './dto/refresh.dto';
import { RegisterDto } from './dto/register.dto';
import { TokenPairResponse } from './dto/token-pair.response';
import { PasswordHasher } from './password-hasher';
import { RefreshChannel } from './refresh-channel';
import { RefreshCookiePolicy } from './refresh-cookie-policy';
import { SessionResolver } from './session-resolver';

/** Accounts in, sessions out: register, login, refresh, logout. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokenService,
    private readonly sessions: SessionsService,
    private readonly resolver: SessionResolver,
    private readonly cookiePolicy: RefreshCookiePolicy,
  ) {}

  /** `acceptLanguage` (the request's header) chooses the locale when the body names none. */
  async register(dto: RegisterDto, acceptLanguage?: string): Promise<UserResponse> {
    if (await this.users.findByEmail(dto.email)) throw emailTaken();
    const passwordHash = await this.hasher.hash(dto.password);
    try {
      const user = await this.users.insert({
        email: dto.email,
        passwordHash,
        displayName: dto.displayName ?? null,
        timezone: dto.timezone ?? 'UTC',
        dayStartHour: dto.dayStartHour ?? 0,
        locale: dto.locale ?? localeFromAcceptLanguage(acceptLanguage),
      });
      return toUserResponse(user, this.resolver.roleOf(user));
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  /** A new session. The same 401 for an unknown email and a wrong password, after the same amount of work. */
  async login(dto: LoginDto, channel: RefreshChannel): Promise<TokenPairResponse> {
    const user = await this.users.findByEmail(dto.email.trim());
    const valid = await this.hasher.verify(dto.password, user?.passwordHash);
    if (!user || !valid) throw new UnauthorizedException('Invalid email or password');
    if (this.hasher.needsRehash(user.passwordHash)) {
      await this.users.replacePasswordHash(user.id, user.passwordHash, await this.hasher.hash(dto.password));
    }
    return channel.deliver(await this.pair(await this.sessions.start(user.id, channel.userAgent)));
  }

  /** Rotation (API.md § Sessions); the token comes from the body, else from the cookie (when RefreshCookiePolicy allows it). */
  async refresh(dto: RefreshDto, channel: RefreshChannel): Promise<TokenPairResponse | undefined> {
    const presented = this.cookiePolicy.presented(dto.refreshToken, channel);
    if (presented === undefined) {
      channel.nothing();
      return undefined;
    }
    return channel.deliver(await this.pair(await this.sessions.rotate(presented)));
  }

  async logout(principal: AuthUser, channel: RefreshChannel): Promise<void> {
    await this.sessions.end(principal.id, sessionOf(principal));
    channel.clear();
  }

  async logoutAll(principal: AuthUser, channel: RefreshChannel): Promise<void> {
    await this.sessions.endAll(principal.id);
    channel.clear();
  }

  private async pair(issued: IssuedRefresh): Promise<Required<TokenPairResponse>> {
    const { accessToken, expiresIn } = await this.tokens.issue(issued.userId, issued.sessionId, issued.sessionEndsAt);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn,
      refreshToken: issued.refreshToken,
      refreshExpiresIn: issued.refreshExpiresIn,
      sessionId: issued.sessionId,
    };
  }
}

function emailTaken(): ConflictException {
  return new ConflictException('An account with this email already exists');
}
