import { Injectable } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { FragmentCache, FragmentQuery } from '../cache/fragment-cache';
import type { AnalyticsHabit } from './analytics.types';
import { habitVersion } from './report-assembly';

/**
 * Each habit's part of a report, from the cache (analytics fragments) when it is still valid, computed
 * otherwise: the tokens are read before `compute` reads the database, and only the missing habits
 * are computed and stored. Without a reachable cache every part is computed.
 */
@Injectable()
export class HabitParts {
  constructor(private readonly fragments: FragmentCache) {}

  async of<H extends AnalyticsHabit>(
    user: AuthUser,
    query: FragmentQuery,
    habits: readonly H[],
    compute: (missing: H[]) => Promise<Map<number, string>>,
  ): Promise<Map<number, string>> {
    const batch = await this.fragments.read(user, query, habits.map((habit) => ({ habitId: habit.id, version: habitVersion(habit) })));
    const missing = habits.filter((habit) => !batch.found.has(habit.id));
    if (missing.length === 0) return new Map(batch.found);
    const computed = await compute(missing);
    await batch.store(computed);
    return new Map([...batch.found, ...computed]);
  }
}
