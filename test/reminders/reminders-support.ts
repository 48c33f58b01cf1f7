import { DataSource } from 'typeorm';
import { SecretBox } from '../../src/outbound/secret-box';
import { newWebhookSecret } from '../../src/outbound/standard-webhooks';
import { WebhookReceiver } from '../automation/webhook-receiver';
import { TestApp } from '../support/test-app';

export const OUTBOUND_TO_TESTS = { OUTBOUND_ALLOW_PRIVATE: 'true', OUTBOUND_ALLOW_HTTP: 'true', REMINDER_POLL_MS: '60000' };
const MINUTE_MS = 60_000;

/**
 * A fixed-offset zone (`Etc/GMT-8` is UTC+8) whose wall clock now reads 08:xx, so that times a few
 * hours ahead stay on today's date there whatever the hour the suite runs.
 */
export function morningZone(now = Date.now()): { timezone: string; offsetMinutes: number } {
  const utcHour = new Date(now).getUTCHours();
  for (let hours = -12; hours <= 14; hours++) {
    if ((((utcHour + hours) % 24) + 24) % 24 !== 8) continue;
    const timezone = hours === 0 ? 'UTC' : hours > 0 ? `Etc/GMT-${hours}` : `Etc/GMT+${-hours}`;
    return { timezone, offsetMinutes: hours * 60 };
  }
  throw new Error('no zone is at 08:xx now');
}

/** The `HH:MM` wall time `minutesAhead` from now in a zone of that offset. */
export function wallTimeAhead(offsetMinutes: number, minutesAhead: number, now = Date.now()): string {
  const minutes = Math.floor((now + (offsetMinutes + minutesAhead) * MINUTE_MS) / MINUTE_MS) % 1440;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Registers the receiver as the user's webhook channel (the channel routes are the notifications suites' subject). */
export async function addWebhookChannel(app: TestApp, userId: number, receiver: WebhookReceiver): Promise<void> {
  receiver.secret ||= newWebhookSecret();
  const data = app.app.get(DataSource);
  const sql = 'INSERT INTO webhook_channels (user_id, url, secret_sealed, created_at, failures) VALUES ($1, $2, $3, $4, 0)';
  const postgres = data.options.type === 'postgres';
  await data.query(postgres ? sql : sql.replace(/\$\d/g, '?'), [userId, receiver.url, app.app.get(SecretBox).seal(receiver.secret), Date.now()]);
}

export interface DeliveryRow {
  id: string;
  status: string;
  reason: string | null;
  reminder_id: number;
  date: string;
}

export async function deliveriesOf(app: TestApp, userId: number): Promise<DeliveryRow[]> {
  const rows = await app.app.get(DataSource).query<DeliveryRow[]>(`SELECT id, status, reason, reminder_id, date FROM notification_deliveries WHERE user_id = ${Number(userId)} ORDER BY id`);
  return rows.map((row) => ({ ...row, reminder_id: Number(row.reminder_id) }));
}
