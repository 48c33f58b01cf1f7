import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { CHANGES } from '../common/change-groups';
import { ChangeNotifier } from '../changes/change-notifier';
import { UserWrites } from '../changes/user-writes';
import { SessionsService } from '../sessions/sessions.service';
import { User } from '../users/user.entity';
import { toUserResponse, UserResponse } from '../users/user-response';
import { UsersRepository } from '../users/users.repository';
import { AuthUser, sessionOf } from '../common/auth/auth-user';
import { ChangePasswordDto } from './dto/change-password.dto';
import { DeleteAccountDto } from './dto/delete-account.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { PasswordHasher } from './password-hasher';
import { SessionResolver } from './session-resolver';
import { RefreshChannel } from './refresh-channel';

/**
 * The signed-in user's own account: profile, password, deletion. A wrong password is a 403 and,
 * through @LoginRateLimit on the routes, a failed attempt of the login limiter.
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly changes: ChangeNotifier,
    private readonly writes: UserWrites,
    private readonly resolver: SessionResolver,
  ) {}

  async me(principal: AuthUser): Promise<UserResponse> {
    const user = await this.existing(principal);
    return toUserResponse(user, this.resolver.roleOf(user));
  }

  async updateProfile(principal: AuthUser, dto: UpdateProfileDto): Promise<UserResponse> {
    const user = await this.writes.write(principal.id, CHANGES.profile, async (write) => {
      const updated = await this.users.updateProfile(write, dto);
      if (!updated) throw new UnauthorizedException();
      return updated;
    });
    return toUserResponse(user, this.resolver.roleOf(user));
  }

  /** Every other session of the user ends; this one stays. */
  async changePassword(principal: AuthUser, dto: ChangePasswordDto): Promise<void> {
    await this.confirmPassword(principal, dto.currentPassword);
    await this.users.updatePasswordHash(principal.id, await this.hasher.hash(dto.newPassword));
    await this.sessions.endOthers(principal.id, sessionOf(principal));
  }

  /** Every row of the user goes in one transaction; then their cached responses and sessions are dropped everywhere. */
  async deleteAccount(principal: AuthUser, dto: DeleteAccountDto, channel: RefreshChannel): Promise<void> {
    await this.confirmPassword(principal, dto.password);
    await this.writes.write(principal.id, CHANGES.everything, (write) => this.users.deleteWithAllData(write));
    this.changes.accountDeleted(principal.id);
    channel.clear();
  }

  private async confirmPassword(principal: AuthUser, password: string): Promise<void> {
    const user = await this.existing(principal);
    if (!(await this.hasher.verify(password, user.passwordHash))) throw new ForbiddenException('The password is wrong');
  }

  private async existing(principal: AuthUser): Promise<User> {
    const user = await this.users.findById(principal.id);
    if (!user) throw new UnauthorizedException();
    return user;
  }
}
