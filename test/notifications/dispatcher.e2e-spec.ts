import { DataSource } from 'typeorm';
import { NotificationDispatcher } from '../../src/notifications/notification-dispatcher';
import { ReminderNotice } from '../../src/notifications/reminder-notice';
import { WebhookReceiver } from '../automation/webhook-receiver';
import { ApiClient, Session } from '../support/api-client';
import { ManualClock, startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { WebPushService } from '../support/web-push-service';
import { until } from './notifications-support';

const OUTBOUND_TO_TESTS = { OUTBOUND_ALLOW_PRIVATE: 'true', OUTBOUND_ALLOW_HTTP: 'true' };
const SECRET = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;

describe.each(['sqlite', 'postgres'] as const)('the notification dispatcher with two instances on %s', (kind) => {
  let database: TestDatabase;
  let clock: ManualClock;
  let a: TestApp;
  let b: TestApp;
  let api: ApiClient;
  let push: WebPushService;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    clock = new ManualClock();
    a = await startTestApp({ database, clock, env: OUTBOUND_TO_TESTS });
    b = await startTestApp({ database, clock, env: OUTBOUND_TO_TESTS });
    api = new ApiClient(a.app);
    push = await WebPushService.start();
    receiver = await WebhookReceiver.start();
    receiver.secret = SECRET;
  });

  afterAll(async () => {
    await push?.close();
    await receiver?.close();
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  function notice(userId: number, reminderId: number): ReminderNotice {
    return { userId, reminderId, habitId: 3, habitName: 'Read', date: '2026-12-04', firesAt: clock.now(), title: 'Read', body: 'Time to read', actionTitle: 'Done', doneUrl: '/api/reminders/done/abc' };
  }

  async function userWithChannels(): Promise<{ session: Session; endpoint: string }> {
    const session = await api.register();
    push.vapidKey = (await api.as(session).get('/api/notifications/vapid-key')).body.publicKey as string;
    const subscription = push.subscribe();
    expect((await api.as(session).post('/api/notifications/push', subscription)).status).toBe(201);
    expect((await api.as(session).post('/api/notifications/webhooks', { url: receiver.url, secret: SECRET })).status).toBe(201);
    return { session, endpoint: new URL(subscription.endpoint).pathname };
  }

  const statuses = (session: Session) => a.app.get(DataSource).query<Array<{ id: string; status: string; attempts: number }>>(`SELECT id, status, attempts FROM notification_deliveries WHERE user_id = ${session.userId} ORDER BY id`);

  it('queues one delivery per channel, once per (reminder, date, channel), and each goes out once although both instances send', async () => {
    const { session, endpoint } = await userWithChannels();
    const [first, second] = [a.app.get(NotificationDispatcher), b.app.get(NotificationDispatcher)];
    for (let reminderId = 1; reminderId <= 10; reminderId += 1) {
      expect(await a.app.get(DataSource).transaction((manager) => first.enqueueReminder(manager, notice(session.userId, reminderId)))).toBe(2);
      expect(await b.app.get(DataSource).transaction((manager) => second.enqueueReminder(manager, notice(session.userId, reminderId)))).toBe(2);
    }
    first.wake();
    second.wake();
    await until(async () => (await statuses(session)).every((row) => row.status === 'sent')).catch(async (error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(await a.app.get(DataSource).query(`SELECT id, status, attempts, reason, lease_owner FROM notification_deliveries WHERE user_id = ${session.userId} AND status <> 'sent'`))}`);
    });
    expect(await statuses(session)).toHaveLength(20);
    const pushes = push.received.filter((received) => received.subscription === endpoint);
    expect(pushes).toHaveLength(10);
    expect(pushes[0].headers.topic).toBe('habit-3');
    expect(pushes[0].payload).toEqual({ type: 'reminder', title: 'Read', body: 'Time to read', habitId: 3, date: '2026-12-04', tag: 'habit-3', actions: [{ action: 'done', title: 'Done' }], doneUrl: '/api/reminders/done/abc' });
    const hooks = receiver.deliveries.filter((delivery) => delivery.id.startsWith('rem_'));
    expect(new Set(hooks.map((hook) => hook.id)).size).toBe(10);
    expect(hooks).toHaveLength(10);
    expect(hooks[0].body).toEqual({ type: 'reminder', at: expect.any(String), data: { habitId: 3, habitName: 'Read', date: '2026-12-04', title: 'Read', body: 'Time to read', doneUrl: '/api/reminders/done/abc' } });
    expect(hooks.every((hook) => hook.signatureValid)).toBe(true);
  });

  it('records a skip, and takes over a row whose sender died once its lease has run out, with the same id', async () => {
    const { session } = await userWithChannels();
    const data = a.app.get(DataSource);
    await data.transaction((manager) => a.app.get(NotificationDispatcher).recordSkip(manager, { userId: session.userId, reminderId: 99, habitId: 3, date: '2026-12-04', reason: 'late', at: clock.now() }));
    await data.transaction((manager) => a.app.get(NotificationDispatcher).enqueueReminder(manager, notice(session.userId, 50)));
    await data.query(`UPDATE notification_deliveries SET lease_owner = 'a-dead-instance', lease_until = ${clock.now() + 60_000} WHERE reminder_id = 50 AND user_id = ${session.userId}`);
    a.app.get(NotificationDispatcher).wake();
    expect((await statuses(session)).map((row) => row.status).sort()).toEqual(['pending', 'pending', 'skipped']);
    clock.advance(61_000);
    await until(async () => (await statuses(session)).filter((row) => row.status === 'sent').length === 2);
    expect((await statuses(session)).map((row) => [row.id.replace(/(push|webhook)\d+$/, '$1N'), row.status, Number(row.attempts)])).toEqual([
      ['rem_50_2026-12-04_pushN', 'sent', 1],
      ['rem_50_2026-12-04_webhookN', 'sent', 1],
      ['skip_99_2026-12-04', 'skipped', 0],
    ]);
  });
});
