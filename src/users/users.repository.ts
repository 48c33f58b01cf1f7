import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { StoredRole, User } from './user.entity';

export type NewUser = Pick<User, 'email' | 'passwordHash' | 'displayName' | 'timezone' | 'dayStartHour'>;
export type ProfileChanges = Partial<Pick<User, 'displayName' | 'timezone' | 'dayStartHour'>>;

@Injectable()
export class UsersRepository {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly transactions: TransactionRunner,
  ) {}

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

  async updateProfile(id: number, changes: ProfileChanges): Promise<User | null> {
    // A DTO may carry declared-but-absent fields as `undefined`: `PATCH {}` changes nothing.
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (Object.keys(given).length > 0) await this.users.update({ id }, given);
    return this.findById(id);
  }

  async updatePasswordHash(id: number, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash });
  }

  /** The operator's grant or revocation; the user, or null when no account has that email. */
  async setRole(email: string, role: StoredRole): Promise<User | null> {
    const user = await this.findByEmail(email);
    if (!user) return null;
    await this.users.update({ id: user.id }, { role });
    return this.findById(user.id);
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
  async deleteWithAllData(id: number): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      for (const table of ['habit_records', 'habits', 'categories', 'sessions', 'sync_tombstones', 'sync_revisions']) {
        await manager.createQueryBuilder().delete().from(table).where('user_id = :id', { id }).execute();
      }
      const result = await manager.createQueryBuilder().delete().from(User).where('id = :id', { id }).execute();
      return (result.affected ?? 0) > 0;
    });
  }
}
