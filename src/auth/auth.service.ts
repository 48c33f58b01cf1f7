import { ConflictException, Injectable, UnauthorizedException } from '@nestjs/common';
import { CHANGES } from '../changes/change-group';
import { ChangeNotifier } from '../changes/change-notifier';
import { isUniqueViolation } from '../common/database/database-errors';
import { toUserResponse, UserResponse } from '../users/user-response';
import { UsersRepository } from '../users/users.repository';
import { AccessTokenService } from './access-token.service';
import { AuthUser } from './auth-user';
import { AccessTokenResponse } from './dto/access-token.response';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { PasswordHasher } from './password-hasher';
import { RevokedTokensRepository } from './revoked-tokens.repository';
import { SessionResolver } from './session-resolver';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly revokedTokens: RevokedTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokenService,
    private readonly sessions: SessionResolver,
    private readonly changes: ChangeNotifier,
  ) {}

  async register(dto: RegisterDto): Promise<UserResponse> {
    if (await this.users.findByEmail(dto.email)) throw emailTaken();
    const passwordHash = await this.hasher.hash(dto.password);
    try {
      const user = await this.users.insert({
        email: dto.email,
        passwordHash,
        displayName: dto.displayName ?? null,
        timezone: dto.timezone ?? 'UTC',
      });
      return toUserResponse(user, this.sessions.roleOf(user.email));
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  /** The same 401 for an unknown email and a wrong password, after the same amount of work. */
  async login(dto: LoginDto): Promise<AccessTokenResponse> {
    const user = await this.users.findByEmail(dto.email.trim());
    const valid = await this.hasher.verify(dto.password, user?.passwordHash);
    if (!user || !valid) throw new UnauthorizedException('Invalid email or password');
    const accessToken = await this.tokens.issue(user.id, user.sessionVersion);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.tokens.lifetimeSeconds };
  }

  /** Revokes this token (the database keeps it until it would have expired anyway). */
  async logout(principal: AuthUser): Promise<void> {
    await this.revokedTokens.purgeExpired(Math.floor(Date.now() / 1000));
    await this.revokedTokens.revoke({ jti: principal.jti, userId: principal.id, expiresAt: principal.tokenExpiresAt });
    await this.changes.sessionsEnded(principal.id);
  }

  async logoutAll(principal: AuthUser): Promise<void> {
    await this.users.bumpSessionVersion(principal.id);
    await this.changes.sessionsEnded(principal.id);
  }

  async me(principal: AuthUser): Promise<UserResponse> {
    const user = await this.users.findById(principal.id);
    if (!user) throw new UnauthorizedException();
    return toUserResponse(user, principal.role);
  }

  async updateProfile(principal: AuthUser, dto: UpdateProfileDto): Promise<UserResponse> {
    const user = await this.users.updateProfile(principal.id, dto);
    if (!user) throw new UnauthorizedException();
    await this.changes.committed(principal.id, CHANGES.profile);
    return toUserResponse(user, principal.role);
  }
}

function emailTaken(): ConflictException {
  return new ConflictException('An account with this email already exists');
}
