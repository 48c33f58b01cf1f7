import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserWrite } from '../../changes/user-writes';
import { PersonalToken } from './personal-token.entity';

export type NewPersonalToken = Omit<PersonalToken, 'id' | 'userId' | 'lastUsedAt'>;

/** What never changes about a token once issued: who it acts for, what it allows, until when. */
export type PersonalTokenIdentity = Pick<PersonalToken, 'id' | 'userId' | 'scope' | 'expiresAt'>;

const LIVE = '(token.expires_at IS NULL OR token.expires_at > :now)';

@Injectable()
export class PersonalTokensRepository {
  constructor(@InjectRepository(PersonalToken) private readonly tokens: Repository<PersonalToken>) {}

  async insertForUser({ manager, userId }: UserWrite, token: NewPersonalToken): Promise<PersonalToken> {
    const row = { ...token, userId, lastUsedAt: null };
    const result = await manager.insert(PersonalToken, row);
    return { ...row, id: Number(result.identifiers[0].id) };
  }

  /** Tokens of the user past their end are of no use to anyone: they go when a new one is made. */
  async deleteExpired({ manager, userId }: UserWrite, now: number): Promise<void> {
    await manager
      .createQueryBuilder()
      .delete()
      .from(PersonalToken)
      .where('user_id = :userId AND expires_at IS NOT NULL AND expires_at <= :now', { userId, now })
      .execute();
  }

  countLive({ manager, userId }: UserWrite, now: number): Promise<number> {
    return manager.createQueryBuilder(PersonalToken, 'token').where(`token.user_id = :userId AND ${LIVE}`, { userId, now }).getCount();
  }

  /** Newest first. */
  listLive(userId: number, now: number): Promise<PersonalToken[]> {
    return this.tokens
      .createQueryBuilder('token')
      .where(`token.user_id = :userId AND ${LIVE}`, { userId, now })
      .orderBy('token.created_at', 'DESC')
      .addOrderBy('token.id', 'DESC')
      .getMany();
  }

  findIdentityByHash(secretHash: string): Promise<PersonalTokenIdentity | null> {
    return this.tokens.findOne({ select: { id: true, userId: true, scope: true, expiresAt: true }, where: { secretHash } });
  }

  async existsLive(userId: number, id: number, now: number): Promise<boolean> {
    return this.tokens.createQueryBuilder('token').where(`token.id = :id AND token.user_id = :userId AND ${LIVE}`, { id, userId, now }).getExists();
  }

  async deleteOwned(userId: number, id: number): Promise<number> {
    return (await this.tokens.delete({ id, userId })).affected ?? 0;
  }

  /** Records uses at `at` (never moving `last_used_at` back). */
  async markUsed(ids: number[], at: number): Promise<void> {
    if (ids.length === 0) return;
    await this.tokens
      .createQueryBuilder()
      .update(PersonalToken)
      .set({ lastUsedAt: at })
      .where('id IN (:...ids) AND (last_used_at IS NULL OR last_used_at < :at)', { ids, at })
      .execute();
  }
}
