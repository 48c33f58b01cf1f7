import { ReminderNotice } from './reminder-notice';

/** What a delivery sends, kept on its row (JSON) so that any instance can send or retry it. */
export interface DeliveryPayload {
  type: 'reminder' | 'test';
  /** When the notification was made (ISO), the webhook body's `at`. */
  at: string;
  habitId: number | null;
  habitName: string | null;
  date: string | null;
  title: string;
  body: string;
  actionTitle: string;
  doneUrl: string | null;
}

export function reminderPayload(notice: ReminderNotice): DeliveryPayload {
  const { habitId, habitName, date, title, body, actionTitle, doneUrl } = notice;
  return { type: 'reminder', at: new Date(notice.firesAt).toISOString(), habitId, habitName, date, title, body, actionTitle, doneUrl };
}

/** The webhook body (API.md § Webhooks): `{type, at, data}`. */
export function webhookBody(payload: DeliveryPayload): string {
  const { habitId, habitName, date, title, body, doneUrl } = payload;
  return JSON.stringify({ type: payload.type, at: payload.at, data: { habitId, habitName, date, title, body, doneUrl } });
}

/** The Web Push payload (API.md § Web Push): what the service worker shows. */
export function pushBody(payload: DeliveryPayload): string {
  const { type, title, body, habitId, date, doneUrl } = payload;
  const tag = habitId === null ? 'test' : `habit-${habitId}`;
  return JSON.stringify({ type, title, body, habitId, date, tag, actions: doneUrl ? [{ action: 'done', title: payload.actionTitle }] : [], doneUrl });
}
