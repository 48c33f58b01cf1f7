import { Injectable } from '@nestjs/common';
import { UserWrites } from '../changes/user-writes';
import { CHANGES } from '../common/change-groups';
import { StoredRole, User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';

/**
 * The operator's grant and revocation of the admin role (`npm run admin -- grant|revoke <email>`).
 * It takes effect at once on every instance: admin routes read the role from the database on each
 * request (RolesGuard), and the profile change is announced so cached `me` answers and feeds follow.
 */
@Injectable()
export class AdminRolesService {
  constructor(
    private readonly users: UsersRepository,
    private readonly writes: UserWrites,
  ) {}

  /** The updated user, or null when no account has that email. */
  async setRole(email: string, role: StoredRole): Promise<User | null> {
    const user = await this.users.findByEmail(email.trim());
    if (!user) return null;
    return this.writes.write(user.id, CHANGES.profile, (write) => this.users.setRole(write, role));
  }
}
