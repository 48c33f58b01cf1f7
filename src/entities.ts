import { PersonalToken } from './auth/personal-tokens/personal-token.entity';
import { WebhookOutbox } from './webhooks/webhook-outbox.entity';
import { WebhookSubscription } from './webhooks/webhook-subscription.entity';
import { Category } from './categories/category.entity';
import { Habit } from './habits/habit.entity';
import { HabitRecord } from './records/habit-record.entity';
import { Reminder, ReminderFiring } from './reminders/reminder.entity';
import { Session } from './sessions/session.entity';
import { SyncRevision } from './changes/sync-revision.entity';
import { SyncTombstone } from './changes/sync-tombstone.entity';
import { User } from './users/user.entity';
import { NotificationDelivery } from './notifications/notification-delivery.entity';
import { PushChannel } from './notifications/push-channel.entity';
import { ServerKey } from './notifications/server-key.entity';
import { WebhookChannel } from './notifications/webhook-channel.entity';

export const ENTITIES = [
  User, Session, Category, Habit, HabitRecord, SyncRevision, SyncTombstone, PersonalToken, WebhookSubscription, WebhookOutbox,
  PushChannel, WebhookChannel, NotificationDelivery, ServerKey, Reminder, ReminderFiring,
];
