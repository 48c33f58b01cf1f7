import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Not, Repository } from 'typeorm';
import { Session } from './session.entity';

export type RefreshSwap = Pick<Session, 'refreshHash' | 'previousHash' | 'replacedAt' | 'lastUsedAt'>;

@Injectable()
export class SessionsRepository {
  constructor(@InjectRepository(Session) private readonly sessions: Repository<Session>) {}

  async insert(session: Session): Promise<void> {
    await this.sessions.insert(session);
  }

  findById(id: string): Promise<Session | null> {
    return this.sessions.findOneBy({ id });
  }

  findOwned(userId: number, id: string): Promise<Session | null> {
    return this.sessions.findOneBy({ id, userId });
  }

  /**
   * The atomic rotation: replaces the live hash only if it is still `expectedHash`. Of two
   * refreshes racing with the same token (on any instance), exactly one changes the row.
   */
  async swapRefreshHash(id: string, expectedHash: string, next: RefreshSwap): Promise<boolean> {
    const result = await this.sessions
      .createQueryBuilder()
      .update(Session)
      .set(next)
      .where('id = :id AND refresh_hash = :expectedHash', { id, expectedHash })
      .execute();
    return result.affected === 1;
  }

  /** Sessions still live at `now` (neither idle since `idleSince` nor past their end), most recently used first. */
  listLive(userId: number, now: number, idleSince: number): Promise<Session[]> {
    return this.sessions
      .createQueryBuilder('session')
      .where('session.user_id = :userId AND session.expires_at > :now AND session.last_used_at > :idleSince', { userId, now, idleSince })
      .orderBy('session.last_used_at', 'DESC')
      .addOrderBy('session.created_at', 'DESC')
      .getMany();
  }

  async deleteOwned(userId: number, id: string): Promise<number> {
    return (await this.sessions.delete({ id, userId })).affected ?? 0;
  }

  async deleteAllOfUser(userId: number): Promise<number> {
    return (await this.sessions.delete({ userId })).affected ?? 0;
  }

  async deleteOthersOfUser(userId: number, keepId: string): Promise<number> {
    return (await this.sessions.delete({ userId, id: Not(keepId) })).affected ?? 0;
  }

  /** Housekeeping at login: the user's sessions that ended by themselves. */
  async deleteEndedOfUser(userId: number, now: number, idleSince: number): Promise<void> {
    await this.sessions
      .createQueryBuilder()
      .delete()
      .from(Session)
      .where('user_id = :userId', { userId })
      .andWhere(new Brackets((ended) => ended.where('expires_at <= :now', { now }).orWhere('last_used_at <= :idleSince', { idleSince })))
      .execute();
  }
}
