import { DataSource } from 'typeorm';
import { ReminderScheduler } from '../../src/reminders/reminder-scheduler';
import { DATABASES } from '../api/api-suite';
import { WebhookReceiver } from '../automation/webhook-receiver';
import { until } from '../notifications/notifications-support';
import { ApiClient, Session } from '../support/api-client';
import { ManualClock, privateRedisUrl, startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { addWebhookChannel, deliveriesOf, morningZone, OUTBOUND_TO_TESTS, wallTimeAhead } from './reminders-support';

const MINUTE_MS = 60_000;

describe.each(DATABASES)('the reminders scheduler on %s', (kind) => {
  let database: TestDatabase;
  let redisUrl: string;
  let receiver: WebhookReceiver;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    redisUrl = await privateRedisUrl(1);
    receiver = await WebhookReceiver.start();
  });

  afterAll(async () => {
    for (const app of apps.splice(0)) await app.close();
    await receiver?.close();
    await database?.drop();
  });

  async function instance(clock = new ManualClock()): Promise<{ app: TestApp; api: ApiClient; clock: ManualClock; scheduler: ReminderScheduler }> {
    const app = await startTestApp({ database, redisUrl, env: OUTBOUND_TO_TESTS, clock });
    apps.push(app);
    return { app, api: new ApiClient(app.app), clock, scheduler: app.app.get(ReminderScheduler) };
  }

  async function stop(app: TestApp): Promise<void> {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  }

  /** A user in a zone at 08:xx now, with a webhook channel to the receiver, and a daily habit. */
  async function userWithHabit(api: ApiClient, app: TestApp, habit: Record<string, unknown> = {}) {
    const zone = morningZone();
    const session = await api.register({ timezone: zone.timezone });
    await addWebhookChannel(app, session.userId, receiver);
    const created = await api.as(session).post('/api/habits', { name: 'Stretch', schedule: { type: 'daily' }, ...habit });
    return { session, zone, habitId: created.body.id as number };
  }

  async function addReminder(api: ApiClient, session: Session, habitId: number, body: Record<string, unknown>) {
    const response = await api.as(session).post(`/api/habits/${habitId}/reminders`, body);
    expect(response.status).toBe(201);
    return { id: response.body.id as number, nextAt: Date.parse(response.body.nextAt as string) };
  }

  const receivedFor = (reminderId: number) => receiver.deliveries.filter((delivery) => delivery.id.startsWith(`rem_${reminderId}_`));

  it('two instances racing on one database fire a due reminder exactly once, and move it to the next day', async () => {
    const first = await instance();
    const second = await instance();
    const { session, zone, habitId } = await userWithHabit(first.api, first.app);
    const reminder = await addReminder(first.api, session, habitId, { time: wallTimeAhead(zone.offsetMinutes, 30) });
    for (const peer of [first, second]) peer.clock.advance(reminder.nextAt + 5_000 - Date.now());
    await Promise.all([first.scheduler.wake(), second.scheduler.wake(), first.scheduler.wake(), second.scheduler.wake()]);
    await Promise.all([first.scheduler.wake(), second.scheduler.wake()]);
    const rows = (await deliveriesOf(first.app, session.userId)).filter((row) => row.reminder_id === reminder.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toMatch(new RegExp(`^rem_${reminder.id}_\\d{4}-\\d{2}-\\d{2}_webhook\\d+$`));
    await until(async () => (await deliveriesOf(first.app, session.userId)).some((row) => row.reminder_id === reminder.id && row.status === 'sent'));
    expect(receivedFor(reminder.id)).toHaveLength(1);
    const [delivery] = receivedFor(reminder.id);
    expect(delivery.signatureValid).toBe(true);
    expect(delivery.body.data).toMatchObject({ habitId, habitName: 'Stretch', title: 'Stretch', body: 'Time for it: not done yet today' });
    const [listed] = (await first.api.as(session).get(`/api/habits/${habitId}/reminders`)).body as Array<{ nextAt: string }>;
    expect(Date.parse(listed.nextAt)).toBe(reminder.nextAt + 24 * 60 * MINUTE_MS);
    await stop(first.app);
    await stop(second.app);
  });

  it('after a restart, catches up a reminder 10 minutes late and skips one 2 hours late (recorded as late)', async () => {
    const before = await instance();
    const { session, zone, habitId } = await userWithHabit(before.api, before.app);
    const soon = await addReminder(before.api, session, habitId, { time: wallTimeAhead(zone.offsetMinutes, 10) });
    const later = await addReminder(before.api, session, habitId, { time: wallTimeAhead(zone.offsetMinutes, 120) });
    await stop(before.app);
    const clock = new ManualClock();
    clock.advance(later.nextAt + 10 * MINUTE_MS - Date.now());
    const after = await instance(clock);
    await after.scheduler.wake();
    await until(async () => (await deliveriesOf(after.app, session.userId)).some((row) => row.reminder_id === later.id && row.status === 'sent'));
    const rows = await deliveriesOf(after.app, session.userId);
    expect(rows.filter((row) => row.reminder_id === soon.id)).toEqual([expect.objectContaining({ status: 'skipped', reason: 'late' })]);
    expect(rows.filter((row) => row.reminder_id === later.id)).toHaveLength(1);
    expect(receivedFor(later.id)).toHaveLength(1);
    expect(receivedFor(soon.id)).toHaveLength(0);
    const metrics = (await after.api.http.get('/metrics')).text;
    expect(metrics).toMatch(/^reminders_due_total 2$/m);
    expect(metrics).toMatch(/^reminders_sent_total 1$/m);
    expect(metrics).toMatch(/^reminders_skipped_total\{reason="late"\} 1$/m);
    await stop(after.app);
  });

  it('onlyIfNotDone: a habit done on another device gets no delivery, only a skip recorded as done; deleting the account empties the reminder tables', async () => {
    const peer = await instance();
    const { session, zone, habitId } = await userWithHabit(peer.api, peer.app);
    const reminder = await addReminder(peer.api, session, habitId, { time: wallTimeAhead(zone.offsetMinutes, 20) });
    const other = await peer.api.login(session.email, 'correct horse battery');
    const date = new Date(reminder.nextAt + zone.offsetMinutes * MINUTE_MS).toISOString().slice(0, 10);
    expect((await peer.api.as(other).put(`/api/habits/${habitId}/records/${date}`, { status: 'done' })).status).toBeLessThan(300);
    peer.clock.advance(reminder.nextAt + 1_000 - Date.now());
    await peer.scheduler.wake();
    const rows = (await deliveriesOf(peer.app, session.userId)).filter((row) => row.reminder_id === reminder.id);
    expect(rows).toEqual([expect.objectContaining({ status: 'skipped', reason: 'done', date })]);
    expect(receivedFor(reminder.id)).toHaveLength(0);
    const deleted = await peer.api.http.delete('/api/auth/me').set('Authorization', `Bearer ${session.token}`).send({ password: 'correct horse battery' });
    expect(deleted.status).toBe(204);
    const data = peer.app.app.get(DataSource);
    for (const table of ['reminders', 'reminder_firings']) expect(await data.query(`SELECT id FROM ${table} WHERE user_id = ${session.userId}`)).toEqual([]);
    await stop(peer.app);
  });
});
