import { DataSource } from 'typeorm';
import { WebhookReceiver } from '../automation/webhook-receiver';
import { ApiClient, Session } from '../support/api-client';
import { ManualClock, startTestApp, TestApp } from '../support/test-app';
import { WebPushService } from '../support/web-push-service';
import { until } from './notifications-support';

const OUTBOUND_TO_TESTS = { OUTBOUND_ALLOW_PRIVATE: 'true', OUTBOUND_ALLOW_HTTP: 'true' };
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
type Delivery = { id: string; kind: string; channelId: number; status: string; attempts: number; reason: string | null; at: string };

describe.each(['sqlite', 'postgres'] as const)('notification deliveries on %s', (kind) => {
  let app: TestApp;
  let api: ApiClient;
  let clock: ManualClock;
  let push: WebPushService;
  let receiver: WebhookReceiver;
  const logLines: string[] = [];

  beforeAll(async () => {
    clock = new ManualClock();
    const logDestination = { write: (line: string) => void logLines.push(line) };
    app = await startTestApp({ database: kind, env: { ...OUTBOUND_TO_TESTS, LOG_LEVEL: 'info' }, clock, logDestination });
    api = new ApiClient(app.app);
    push = await WebPushService.start();
    receiver = await WebhookReceiver.start();
    receiver.secret = SECRET;
  });

  afterEach(() => {
    push.status = 201;
    receiver.status = 204;
  });

  afterAll(async () => {
    await push?.close();
    await receiver?.close();
    await app?.close();
  });

  async function userWithChannels(body: Record<string, unknown> = {}): Promise<{ session: Session; pushId: number; webhookId: number; endpoint: string }> {
    const session = await api.register(body);
    push.vapidKey = (await api.as(session).get('/api/notifications/vapid-key')).body.publicKey as string;
    const subscription = push.subscribe();
    const pushId = (await api.as(session).post('/api/notifications/push', subscription)).body.id as number;
    const webhookId = (await api.as(session).post('/api/notifications/webhooks', { url: receiver.url, secret: SECRET })).body.id as number;
    return { session, pushId, webhookId, endpoint: new URL(subscription.endpoint).pathname };
  }

  async function deliveries(session: Session, query = ''): Promise<Delivery[]> {
    return (await api.as(session).get(`/api/notifications/deliveries${query}`)).body as Delivery[];
  }

  async function settled(session: Session, count: number): Promise<Delivery[]> {
    return until(async () => {
      const rows = await deliveries(session);
      return rows.length === count && rows.every((row) => row.status !== 'pending' || row.attempts > 0) && rows;
    });
  }

  it("sends a test notification to every channel in the user's locale: Web Push encrypted and VAPID-signed, the webhook signed", async () => {
    const { session, pushId, webhookId, endpoint } = await userWithChannels({ locale: 'es' });
    const accepted = await api.as(session).post('/api/notifications/test');
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ queued: 2 });
    const message = await until(() => push.received.find((received) => received.subscription === endpoint));
    expect(message.vapid).toEqual({ aud: push.origin, exp: expect.any(Number), sub: 'mailto:admin@localhost' });
    expect(message.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(message.headers.ttl)).toBeLessThanOrEqual(4 * 3600);
    expect(message.headers.topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(message.payload).toEqual({ type: 'test', title: 'Notificación de prueba', body: 'Tus recordatorios te llegarán aquí.', habitId: null, date: null, tag: 'test', actions: [], doneUrl: null });
    const hook = await until(() => receiver.deliveries.find((delivery) => delivery.body.type === 'test' && delivery.id.endsWith(`webhook${webhookId}`)));
    expect(hook.signatureValid).toBe(true);
    expect((hook.body as unknown as { data: Record<string, unknown> }).data).toMatchObject({ title: 'Notificación de prueba', habitId: null });
    const rows = await until(async () => (await deliveries(session)).filter((row) => row.status === 'sent').length === 2 && deliveries(session));
    expect(rows.map((row) => [row.kind, row.channelId, row.attempts]).sort()).toEqual([['test', pushId, 1], ['test', webhookId, 1]].sort());
    const channels = (await api.as(session).get('/api/notifications/channels')).body;
    expect(channels.push[0].lastSuccessAt).toEqual(expect.any(String));
    const attempts = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === 'notification delivery attempt');
    for (const row of rows) expect(attempts).toContainEqual(expect.objectContaining({ level: 'info', delivery: row.id, status: 'sent', attempt: 1 }));
  });

  it('removes a push channel the push service says is gone (410)', async () => {
    const { session, pushId } = await userWithChannels();
    push.status = 410;
    await api.as(session).post('/api/notifications/test');
    await until(async () => (await api.as(session).get('/api/notifications/channels')).body.push.length === 0);
    const rows = await settled(session, 2);
    expect(rows.find((row) => row.id.endsWith(`_push${pushId}`))).toMatchObject({ status: 'failed', reason: 'HTTP 410', attempts: 1 });
    expect((await api.http.get('/metrics')).text).toMatch(/notification_channels_removed_total [1-9]/);
  });

  it('retries after a 500 with the same delivery id, once the retry is due, then marks it sent', async () => {
    const { session, pushId, webhookId, endpoint } = await userWithChannels();
    push.status = 500;
    receiver.status = 503;
    await api.as(session).post('/api/notifications/test');
    const first = await settled(session, 2);
    expect(first.map((row) => [row.status, row.attempts, row.reason]).sort()).toEqual([['pending', 1, 'HTTP 500'], ['pending', 1, 'HTTP 503']]);
    push.status = 201;
    receiver.status = 204;
    clock.advance(61_000);
    const rows = await until(async () => (await deliveries(session)).every((row) => row.status === 'sent') && deliveries(session));
    expect(rows.map((row) => [row.channelId, row.attempts]).sort()).toEqual([[pushId, 2], [webhookId, 2]].sort());
    const webhookDelivery = rows.find((row) => row.id.endsWith(`_webhook${webhookId}`))!;
    expect(receiver.attempts.filter((id) => id === webhookDelivery.id)).toHaveLength(2);
    expect(push.received.filter((received) => received.subscription === endpoint)).toHaveLength(2);
    const metrics = (await api.http.get('/metrics')).text;
    expect(metrics).toMatch(/notification_delivery_retries_total\{kind="test",channel="push"\} [1-9]/);
    expect(metrics).toMatch(/notification_deliveries_sent_total\{kind="test",channel="webhook"\} [1-9]/);
    expect(metrics).toMatch(/notification_delivery_latency_seconds_count\{kind="test",channel="push"\} [1-9]/);
  });

  it('lists deliveries newest first, 50 by default, at most 200, none older than 30 days', async () => {
    const session = await api.register();
    const data = app.app.get(DataSource);
    const now = clock.now();
    const values = Array.from({ length: 60 }, (_, i) => `('log_${session.userId}_${i}', ${session.userId}, 'reminder', 'skipped', 'late', 0, ${now - i * 1000})`);
    values.push(`('log_${session.userId}_old', ${session.userId}, 'reminder', 'skipped', 'late', 0, ${now - 31 * 86_400_000})`);
    await data.query(`INSERT INTO notification_deliveries (id, user_id, kind, status, reason, attempts, at) VALUES ${values.join(', ')}`);
    const listed = await deliveries(session);
    expect(listed).toHaveLength(50);
    expect(listed[0]).toEqual({ id: `log_${session.userId}_0`, kind: 'reminder', channelId: null, reminderId: null, habitId: null, date: null, status: 'skipped', reason: 'late', attempts: 0, at: new Date(now).toISOString() });
    expect(listed.map((row) => row.at)).toEqual([...listed.map((row) => row.at)].sort().reverse());
    expect(await deliveries(session, '?limit=200')).toHaveLength(60);
    expect(await deliveries(session, '?limit=2')).toHaveLength(2);
    for (const bad of ['0', '201', 'abc']) {
      const refused = await api.as(session).get(`/api/notifications/deliveries?limit=${bad}`);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body.message)).toContain('limit');
    }
  });

  it('lists change webhook deliveries with kind change, the subscription as channel', async () => {
    const session = await api.register();
    const subscription = (await api.as(session).post('/api/webhooks', { url: receiver.url, events: ['habits'], secret: SECRET })).body as { id: number };
    await api.createHabit(session, { name: 'Stretch' });
    const rows = await until(async () => (await deliveries(session)).some((row) => row.status === 'sent') && deliveries(session));
    expect(rows).toEqual([expect.objectContaining({ kind: 'change', channelId: subscription.id, status: 'sent', attempts: 1, reminderId: null })]);
    expect(receiver.deliveries.some((delivery) => delivery.id === rows[0].id && delivery.signatureValid)).toBe(true);
  });
});
