import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserWrite } from '../changes/user-writes';
import { StoredRole, User } from './user.entity';

export type NewUser = Pick<User, 'email' | 'passwordHash' | 'displayName' | 'timezone' | 'dayStartHour' | 'locale'>;
export type ProfileChanges = Partial<Pick<User, 'displayName' | 'timezone' | 'dayStartHour' | 'locale'>>;

/** Every table with rows of a user (`user_id`), children first: an account deletion empties each. */
const USER_TABLES = [
  'reminder_firings', 'reminders', 'import_staged_records', 'habit_records', 'habits', 'categories', 'sessions', 'personal_access_tokens', 'webhook_outbox',
  'webhook_subscriptions', 'notification_deliveries', 'push_channels', 'webhook_channels', 'sync_tombstones', 'sync_revisions',
];

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findById(id: number): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.toLowerCase() });
  }

  async insert(user: NewUser): Promise<User> {
    const result = await this.users.insert({ ...user, email: user.email.toLowerCase() });
    const id = Number(result.identifiers[0].id);
    return (await this.findById(id))!;
  }

  async updateProfile(write: UserWrite, changes: ProfileChanges): Promise<User | null> {
    const { manager, userId } = write;
    // A DTO may carry declared-but-absent fields as `undefined`: `PATCH {}` changes nothing.
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (Object.keys(given).length > 0) await manager.update(User, { id: userId }, given);
    else write.unchanged();
    return manager.findOneBy(User, { id: userId });
  }

  async updatePasswordHash(id: number, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash });
  }

  /** The operator's grant or revocation; the user, or null when no account has that email. */
  async setRole({ manager, userId }: UserWrite, role: StoredRole): Promise<User | null> {
    await manager.update(User, { id: userId }, { role });
    return manager.findOneBy(User, { id: userId });
  }

  /** Replaces a hash only while it is still `current` (a rehash never undoes a password change made meanwhile). */
  async replacePasswordHash(id: number, current: string, passwordHash: string): Promise<void> {
    await this.users.update({ id, passwordHash: current }, { passwordHash });
  }

  /**
   * Deletes the user and every row of theirs in one transaction. Each table is named (children
   * first) rather than left to ON DELETE CASCADE, so nothing depends on the database enforcing
   * foreign keys; tables added later that reference users cascade with the user row.
   */
  async deleteWithAllData({ manager, userId }: UserWrite): Promise<boolean> {
    for (const table of USER_TABLES) {
      await manager.createQueryBuilder().delete().from(table).where('user_id = :userId', { userId }).execute();
    }
    const result = await manager.createQueryBuilder().delete().from(User).where('id = :userId', { userId }).execute();
    return (result.affected ?? 0) > 0;
  }
}
