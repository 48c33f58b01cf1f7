import { ConflictException } from '@nestjs/common';

/** API.md § Conventions: what one account may hold (archived habits count). */
export const ACCOUNT_LIMITS = { habits: 1000, categories: 200, records: 1_000_000 } as const;
export type LimitedKind = keyof typeof ACCOUNT_LIMITS;

/**
 * Throws the 409 of API.md when an account would hold more than its limits once a write is done
 * (`counts`: what it would hold). Called inside the write's transaction, before anything is written.
 */
export function assertWithinAccountLimits(counts: Partial<Record<LimitedKind, number>>): void {
  for (const kind of Object.keys(counts) as LimitedKind[]) {
    const count = counts[kind]!;
    if (count > ACCOUNT_LIMITS[kind]) {
      const archived = kind === 'habits' ? ' (archived included)' : '';
      throw new ConflictException(`An account holds at most ${ACCOUNT_LIMITS[kind]} ${kind}${archived}; this would make ${count}`);
    }
  }
}
