import { DataSource } from 'typeorm';
import { NotificationDispatcher } from '../../src/notifications/notification-dispatcher';
import { ReminderNotice } from '../../src/notifications/reminder-notice';
import { SecretBox } from '../../src/outbound/secret-box';
import { newWebhookSecret } from '../../src/outbound/standard-webhooks';
import { WebhookReceiver } from '../automation/webhook-receiver';
import { ApiClient } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from './notifications-support';

const OUTBOUND_TO_TESTS = { OUTBOUND_ALLOW_PRIVATE: 'true', OUTBOUND_ALLOW_HTTP: 'true' };

describe.each(['sqlite', 'postgres'] as const)('the notification dispatcher on %s', (kind) => {
  let app: TestApp;
  let api: ApiClient;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    app = await startTestApp({ database: kind, env: OUTBOUND_TO_TESTS });
    api = new ApiClient(app.app);
    receiver = await WebhookReceiver.start();
  });

  afterAll(async () => {
    await receiver?.close();
    await app?.close();
  });

  function notice(userId: number): ReminderNotice {
    return { userId, reminderId: 7, habitId: 3, habitName: 'Read', date: '2026-12-04', firesAt: Date.now(), title: 'Read', body: 'Time to read', actionTitle: 'Done', doneUrl: '/api/reminders/done/abc' };
  }

  it('queues one delivery per channel, once per (reminder, date, channel), records skips, and sends on wake', async () => {
    const session = await api.register();
    const data = app.app.get(DataSource);
    receiver.secret = newWebhookSecret();
    const secretSealed = app.app.get(SecretBox).seal(receiver.secret);
    await data.query('INSERT INTO webhook_channels (user_id, url, secret_sealed, created_at, failures) VALUES ($1, $2, $3, $4, 0)'.replace(/\$\d/g, kind === 'sqlite' ? '?' : '$&'), [session.userId, receiver.url, secretSealed, Date.now()]);
    const dispatcher = app.app.get(NotificationDispatcher);
    expect(await data.transaction((manager) => dispatcher.enqueueReminder(manager, notice(session.userId)))).toBe(1);
    expect(await data.transaction((manager) => dispatcher.enqueueReminder(manager, notice(session.userId)))).toBe(1);
    await data.transaction((manager) => dispatcher.recordSkip(manager, { userId: session.userId, reminderId: 8, habitId: 3, date: '2026-12-04', reason: 'done', at: Date.now() }));
    dispatcher.wake();
    await until(() => receiver.deliveries.length === 1);
    const [delivery] = receiver.deliveries;
    expect(delivery.signatureValid).toBe(true);
    expect(delivery.body).toEqual({ type: 'reminder', at: expect.any(String), data: { habitId: 3, habitName: 'Read', date: '2026-12-04', title: 'Read', body: 'Time to read', doneUrl: '/api/reminders/done/abc' } });
    const rows = await until(async () => {
      const found = await data.query<Array<{ id: string; status: string; attempts: number }>>(`SELECT id, status, attempts FROM notification_deliveries WHERE user_id = ${session.userId} ORDER BY id`);
      return found.some((row) => row.status === 'sent') && found;
    });
    expect(rows.map((row) => [row.id, row.status, Number(row.attempts)])).toEqual([
      [delivery.id, 'sent', 1],
      ['skip_8_2026-12-04', 'skipped', 0],
    ]);
    expect(delivery.id).toMatch(/^rem_7_2026-12-04_webhook\d+$/);
  });
});
