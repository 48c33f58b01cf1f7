import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findById(id: number): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.toLowerCase() });
  }

  async insert(user: Pick<User, 'email' | 'passwordHash' | 'displayName' | 'timezone'>): Promise<User> {
    const result = await this.users.insert({ ...user, email: user.email.toLowerCase() });
    const id = Number(result.identifiers[0].id);
    return (await this.findById(id))!;
  }

  async updateProfile(id: number, changes: Partial<Pick<User, 'displayName' | 'timezone'>>): Promise<User | null> {
    // A DTO may carry declared-but-absent fields as `undefined`: `PATCH {}` changes nothing.
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (Object.keys(given).length > 0) await this.users.update({ id }, given);
    return this.findById(id);
  }

  async bumpSessionVersion(id: number): Promise<void> {
    await this.users.increment({ id }, 'sessionVersion', 1);
  }
}
