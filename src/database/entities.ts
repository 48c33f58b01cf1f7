import { RevokedToken } from '../auth/revoked-token.entity';
import { Category } from '../categories/category.entity';
import { Habit } from '../habits/habit.entity';
import { HabitRecord } from '../records/habit-record.entity';
import { SyncRevision } from '../sync/sync-revision.entity';
import { SyncTombstone } from '../sync/sync-tombstone.entity';
import { User } from '../users/user.entity';

export const ENTITIES = [User, RevokedToken, Category, Habit, HabitRecord, SyncRevision, SyncTombstone];
