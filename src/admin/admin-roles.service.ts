import { Injectable } from '@nestjs/common';
import { CHANGES } from '../changes/change-group';
import { ChangeNotifier } from '../changes/change-notifier';
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
    private readonly changes: ChangeNotifier,
  ) {}

  /** The updated user, or null when no account has that email. */
  async setRole(email: string, role: StoredRole): Promise<User | null> {
    const user = await this.users.setRole(email.trim(), role);
    if (user) await this.changes.committed(user.id, CHANGES.profile);
    return user;
  }
}
