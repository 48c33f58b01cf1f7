import { DataSource } from 'typeorm';
import { VapidKeys } from '../../src/notifications/vapid-keys';
import { WebhookReceiver } from '../automation/webhook-receiver';
import { ApiClient, Session } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { WebPushService } from '../support/web-push-service';

const OUTBOUND_TO_TESTS = { OUTBOUND_ALLOW_PRIVATE: 'true', OUTBOUND_ALLOW_HTTP: 'true' };
const KEYS = { p256dh: Buffer.alloc(65, 4).toString('base64url'), auth: Buffer.alloc(16, 1).toString('base64url') };

describe.each(['sqlite', 'postgres'] as const)('notification channels on %s', (kind) => {
  let database: TestDatabase;
  let open: TestApp;
  let strict: TestApp;
  let api: ApiClient;
  let push: WebPushService;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // One after the other: two instances migrating one fresh database at once is not what this suite is about.
    open = await startTestApp({ database, env: OUTBOUND_TO_TESTS });
    strict = await startTestApp({ database });
    api = new ApiClient(open.app);
    push = await WebPushService.start();
    receiver = await WebhookReceiver.start();
  });

  afterAll(async () => {
    await push?.close();
    await receiver?.close();
    await open?.close();
    await strict?.close();
    await database?.drop();
  });

  it('gives one VAPID public key, the same on two instances of one database, also when both make it at once', async () => {
    const session = await api.register();
    const keyOf = async (app: TestApp) => (await new ApiClient(app.app).as(session).get('/api/notifications/vapid-key')).body.publicKey as string;
    const first = await keyOf(open);
    expect(Buffer.from(first, 'base64url')).toHaveLength(65);
    expect(await keyOf(strict)).toBe(first);
    await open.app.get(DataSource).query('DELETE FROM server_keys');
    await Promise.all([open.app.get(VapidKeys).onModuleInit(), strict.app.get(VapidKeys).onModuleInit()]);
    const [a, b] = [await keyOf(open), await keyOf(strict)];
    expect(a).not.toBe(first);
    expect(b).toBe(a);
    expect(await open.app.get(DataSource).query('SELECT name FROM server_keys')).toEqual([{ name: 'vapid' }]);
  });

  it('registers a push subscription (201), answers 200 and the same channel for its endpoint again, lists and deletes it', async () => {
    const session = await api.register();
    const subscription = push.subscribe();
    const created = await api.as(session).post('/api/notifications/push', subscription);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(Number), kind: 'push', endpointOrigin: push.origin, createdAt: expect.any(String), lastSuccessAt: null, failures: 0 });
    const again = await api.as(session).post('/api/notifications/push', subscription);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(created.body);
    const listed = await api.as(session).get('/api/notifications/channels');
    expect(listed.body).toEqual({ push: [created.body], webhooks: [] });
    expect((await api.as(session).delete(`/api/notifications/push/${created.body.id}`)).status).toBe(204);
    expect((await api.as(session).get('/api/notifications/channels')).body).toEqual({ push: [], webhooks: [] });
  });

  it('registers a webhook with a generated secret shown once, or a given one', async () => {
    const session = await api.register();
    const created = await api.as(session).post('/api/notifications/webhooks', { url: receiver.url });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(Number), kind: 'webhook', url: receiver.url, createdAt: expect.any(String), lastSuccessAt: null, failures: 0, secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/) });
    const secret = `whsec_${Buffer.alloc(24, 9).toString('base64')}`;
    expect((await api.as(session).post('/api/notifications/webhooks', { url: receiver.url, secret })).body.secret).toBe(secret);
    const { secret: shown, ...listed } = created.body as Record<string, unknown>;
    expect(shown).toBeDefined();
    expect((await api.as(session).get('/api/notifications/channels')).body.webhooks).toContainEqual(listed);
  });

  it.each([
    ['an http endpoint', { endpoint: 'http://127.0.0.1:1/push/x', keys: KEYS }, 'endpoint must be https'],
    ['a short p256dh', { endpoint: 'https://127.0.0.1:1/push/x', keys: { ...KEYS, p256dh: Buffer.alloc(64).toString('base64url') } }, 'keys.p256dh'],
    ['an auth that is not base64url', { endpoint: 'https://127.0.0.1:1/push/x', keys: { ...KEYS, auth: 'not base64!' } }, 'keys.auth'],
    ['no keys', { endpoint: 'https://127.0.0.1:1/push/x' }, 'keys'],
    ['an unknown field', { endpoint: 'https://127.0.0.1:1/push/x', keys: KEYS, extra: 1 }, 'extra'],
  ])('refuses a push subscription with %s (400 naming the field, nothing stored)', async (_name, body, field) => {
    const session = await api.register();
    const refused = await api.as(session).post('/api/notifications/push', body);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.message)).toContain(field);
    expect((await api.as(session).get('/api/notifications/channels')).body.push).toEqual([]);
  });

  it.each([
    ['a bad secret', { url: 'https://127.0.0.1:1/hook', secret: 'whsec_short' }, 'secret'],
    ['a URL that is not one', { url: 'not a url' }, 'url'],
    ['an ftp URL', { url: 'ftp://127.0.0.1/hook' }, 'url must be https'],
  ])('refuses a webhook with %s', async (_name, body, field) => {
    const session = await api.register();
    const refused = await api.as(session).post('/api/notifications/webhooks', body);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.message)).toContain(field);
  });

  it('refuses loopback addresses by default (400), for push and webhooks', async () => {
    const strictApi = new ApiClient(strict.app);
    const session = await strictApi.register();
    const pushed = await strictApi.as(session).post('/api/notifications/push', push.subscribe());
    expect(pushed.status).toBe(400);
    expect(pushed.body.message).toContain('endpoint must resolve to a public address');
    const hooked = await strictApi.as(session).post('/api/notifications/webhooks', { url: 'https://localhost:9/hook' });
    expect(hooked.status).toBe(400);
    expect(hooked.body.message).toContain('url must resolve to a public address');
  });

  it('allows 10 push and 5 webhook channels per user (409 past that)', async () => {
    const session = await api.register();
    for (let i = 0; i < 10; i += 1) expect((await api.as(session).post('/api/notifications/push', push.subscribe())).status).toBe(201);
    expect((await api.as(session).post('/api/notifications/push', push.subscribe())).status).toBe(409);
    for (let i = 0; i < 5; i += 1) expect((await api.as(session).post('/api/notifications/webhooks', { url: receiver.url })).status).toBe(201);
    const refused = await api.as(session).post('/api/notifications/webhooks', { url: receiver.url });
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ statusCode: 409, error: 'Conflict', message: expect.any(String) });
  });

  it("answers 404 for another user's channel, and leaves it", async () => {
    const owner: Session = await api.register();
    const other = await api.register();
    const pushChannel = (await api.as(owner).post('/api/notifications/push', push.subscribe())).body;
    const webhook = (await api.as(owner).post('/api/notifications/webhooks', { url: receiver.url })).body;
    expect((await api.as(other).delete(`/api/notifications/push/${pushChannel.id}`)).status).toBe(404);
    expect((await api.as(other).delete(`/api/notifications/webhooks/${webhook.id}`)).status).toBe(404);
    expect((await api.as(other).delete(`/api/notifications/webhooks/${pushChannel.id}`)).status).toBe(404);
    const listed = (await api.as(owner).get('/api/notifications/channels')).body;
    expect([listed.push.length, listed.webhooks.length]).toEqual([1, 1]);
  });

  it("deletes the user's channels and deliveries with the account", async () => {
    const session = await api.register();
    await api.as(session).post('/api/notifications/push', push.subscribe());
    await api.as(session).post('/api/notifications/webhooks', { url: receiver.url });
    await api.as(session).post('/api/notifications/test');
    expect((await api.as(session).delete('/api/auth/me').send({ password: 'correct horse battery' })).status).toBe(204);
    const data = open.app.get(DataSource);
    for (const table of ['push_channels', 'webhook_channels', 'notification_deliveries']) {
      expect(Number((await data.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM ${table} WHERE user_id = ${session.userId}`))[0].n)).toBe(0);
    }
  });
});
