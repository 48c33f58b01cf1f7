import { ApiClient, Session } from '../support/api-client';
import { privateRedisUrl, ManualClock, startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { WebhookReceiver } from './webhook-receiver';

const OUTBOUND_TO_TESTS = { OUTBOUND_ALLOW_PRIVATE: 'true', OUTBOUND_ALLOW_HTTP: 'true' };
const HOUR_MS = 3_600_000;

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

async function until<T>(probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(['sqlite', 'postgres'] as const)('change webhooks on two instances sharing Redis and %s', (kind) => {
  let database: TestDatabase;
  let clock: ManualClock;
  let a: TestApp;
  let b: TestApp;
  let api: ApiClient;
  let receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    clock = new ManualClock();
    const redisUrl = await privateRedisUrl(kind === 'sqlite' ? 11 : 12);
    a = await startTestApp({ database, redisUrl, clock, env: OUTBOUND_TO_TESTS });
    b = await startTestApp({ database, redisUrl, clock, env: OUTBOUND_TO_TESTS });
    api = new ApiClient(a.app);
  });

  afterEach(async () => {
    await Promise.all(receivers.map((receiver) => receiver.close()));
    receivers = [];
  });

  afterAll(async () => {
    await a.close();
    await b.close();
    await database.drop();
  });

  async function receiver(): Promise<WebhookReceiver> {
    const started = await WebhookReceiver.start();
    receivers.push(started);
    return started;
  }

  async function subscribe(session: Session, target: WebhookReceiver, events: string[]): Promise<{ id: number; secret: string }> {
    const response = await api.as(session).post('/api/webhooks', { url: target.url, events });
    expect(response.status).toBe(201);
    target.secret = response.body.secret as string;
    return response.body as { id: number; secret: string };
  }

  describe('subscriptions', () => {
    it('creates with a generated secret shown once, lists without it, deletes; another user gets 404', async () => {
      const session = await api.register();
      const other = await api.register();
      const target = await receiver();
      const created = await api.as(session).post('/api/webhooks', { url: target.url, events: ['records', 'profile'] });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(Number),
        url: target.url,
        events: ['records', 'profile'],
        createdAt: expect.any(String),
        lastSuccessAt: null,
        failures: 0,
        disabledAt: null,
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/),
      });
      const listed = await api.as(session).get('/api/webhooks');
      expect(listed.body).toEqual([{ ...created.body, secret: undefined }].map(({ secret: _secret, ...rest }) => rest));
      expect((await api.as(other).delete(`/api/webhooks/${created.body.id}`)).status).toBe(404);
      expect((await api.as(other).get('/api/webhooks')).body).toEqual([]);
      expect((await api.as(session).delete(`/api/webhooks/${created.body.id}`)).status).toBe(204);
      expect((await api.as(session).delete(`/api/webhooks/${created.body.id}`)).status).toBe(404);
      expect((await api.as(session).get('/api/webhooks')).body).toEqual([]);
    });

    it('keeps a given whsec_ secret, allows 5 and answers 409 for the 6th', async () => {
      const session = await api.register();
      const secret = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;
      const first = await api.as(session).post('/api/webhooks', { url: 'http://127.0.0.1:9/a', events: ['habits'], secret });
      expect(first.body.secret).toBe(secret);
      for (let index = 1; index < 5; index += 1) expect((await api.as(session).post('/api/webhooks', { url: `http://127.0.0.1:9/${index}`, events: ['habits'] })).status).toBe(201);
      const sixth = await api.as(session).post('/api/webhooks', { url: 'http://127.0.0.1:9/6', events: ['habits'] });
      expect(sixth.status).toBe(409);
    });

    it.each([
      [{ url: 'http://127.0.0.1:9/x', events: [] }, 'events'],
      [{ url: 'http://127.0.0.1:9/x', events: ['analytics'] }, 'events'],
      [{ url: 'http://127.0.0.1:9/x', events: ['records', 'records'] }, 'events'],
      [{ url: 'http://127.0.0.1:9/x' }, 'events'],
      [{ url: 'ftp://127.0.0.1/x', events: ['records'] }, 'url'],
      [{ url: 'not a url', events: ['records'] }, 'url'],
      [{ url: 'http://127.0.0.1:9/x', events: ['records'], secret: 'whsec_c2hvcnQ=' }, 'secret'],
      [{ url: 'http://127.0.0.1:9/x', events: ['records'], secret: `wh_${Buffer.alloc(32).toString('base64')}` }, 'secret'],
      [{ url: 'http://127.0.0.1:9/x', events: ['records'], extra: 1 }, 'extra'],
    ])('answers 400 naming the field for %j, and creates nothing', async (body, field) => {
      const session = await api.register();
      const response = await api.as(session).post('/api/webhooks', body);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.message)).toContain(field);
      expect((await api.as(session).get('/api/webhooks')).body).toEqual([]);
    });
  });

  describe('deliveries', () => {
    it('delivers 1,000 quick writes made on both instances to a local receiver, signed and in commit order', async () => {
      const session = await api.register();
      const target = await receiver();
      await subscribe(session, target, ['records']);
      const habit = await api.createHabit(session, { name: 'Pages', kind: 'numeric', target: 10, startDate: daysAgo(1100) });
      const clients = [new ApiClient(a.app), new ApiClient(b.app)];
      const habitId = habit.id as number;
      for (let index = 0; index < 1000; index += 1) {
        const response = await clients[index % 2].as(session).put(`/api/habits/${habitId}/records/${daysAgo(1000 - index)}`, { value: index + 1 });
        expect(response.status).toBe(201);
      }
      await until(() => target.changes().length >= 1000, 120_000);
      const changes = target.changes();
      expect(changes).toHaveLength(1000);
      expect(target.deliveries.every((delivery) => delivery.signatureValid)).toBe(true);
      expect(target.deliveries.every((delivery) => delivery.body.type === 'change')).toBe(true);
      expect(new Set(target.deliveries.map((delivery) => delivery.id)).size).toBe(target.deliveries.length);
      const values = changes.map((change) => (change.record as { value: number }).value);
      expect(values).toEqual(Array.from({ length: 1000 }, (_, index) => index + 1));
      expect(changes[0]).toEqual({ entity: 'record', op: 'put', record: expect.objectContaining({ habitId, date: daysAgo(1000), value: 1, status: 'done' }) });
      // 1,000 writes and 1,000 ordered deliveries: the test's own budget covers the 120 s it may wait for them.
    }, 240_000);

    it('sends only the subscribed groups: habits, deletions, and the profile', async () => {
      const session = await api.register();
      const habitsOnly = await receiver();
      const everything = await receiver();
      await subscribe(session, habitsOnly, ['habits']);
      await subscribe(session, everything, ['categories', 'habits', 'records', 'profile']);
      const category = await api.createCategory(session, { name: 'Health' });
      const habit = await api.createHabit(session, { name: 'Walk', categoryId: category.id, startDate: daysAgo(5) });
      await api.putRecord(session, habit.id as number, daysAgo(1));
      // A row changed again before its delivery is built goes out in its latest state (docs/automation.md):
      // the put is seen delivered before the record is deleted.
      await until(() => everything.changes().some((change) => change.entity === 'record'));
      expect((await api.as(session).delete(`/api/habits/${habit.id as number}/records/${daysAgo(1)}`)).status).toBe(204);
      expect((await api.as(session).patch('/api/auth/me', { displayName: 'Walker' })).status).toBe(200);
      expect((await api.as(session).delete(`/api/habits/${habit.id as number}`)).status).toBe(204);
      const expected = [
        { entity: 'category', op: 'put', category: expect.objectContaining({ id: category.id, name: 'Health' }) },
        { entity: 'habit', op: 'put', habit: expect.objectContaining({ id: habit.id, name: 'Walk', categoryId: category.id }) },
        { entity: 'record', op: 'put', record: expect.objectContaining({ habitId: habit.id, date: daysAgo(1) }) },
        { entity: 'record', op: 'delete', habitId: habit.id, date: daysAgo(1) },
        { entity: 'profile', op: 'put', user: expect.objectContaining({ id: session.userId, displayName: 'Walker', email: session.email }) },
        { entity: 'habit', op: 'delete', id: habit.id },
      ];
      await until(() => everything.changes().length >= expected.length);
      expect(everything.changes()).toEqual(expected);
      await until(() => habitsOnly.changes().length >= 2);
      expect(habitsOnly.changes()).toEqual([expected[1], expected[5]]);
      expect(habitsOnly.deliveries.every((delivery) => delivery.signatureValid)).toBe(true);
      const listed = (await api.as(session).get('/api/webhooks')).body as Array<{ lastSuccessAt: string | null; failures: number }>;
      expect(listed.every((subscription) => subscription.lastSuccessAt !== null && subscription.failures === 0)).toBe(true);
    });

    it('splits a large import into deliveries of at most 500 changes: categories, then habits, then records', async () => {
      const source = await api.register();
      const category = await api.createCategory(source, { name: 'Books' });
      const habits = [
        await api.createHabit(source, { name: 'Read', categoryId: category.id, startDate: daysAgo(700) }),
        await api.createHabit(source, { name: 'Write', startDate: daysAgo(700) }),
      ];
      for (const habit of habits) {
        for (let start = 0; start < 600; start += 300) {
          const put = Array.from({ length: 300 }, (_, index) => ({ habitId: habit.id, date: daysAgo(600 - start - index) }));
          expect((await api.as(source).post('/api/records/batch', { put })).status).toBe(200);
        }
      }
      const exported = await api.as(source).get('/api/export');
      expect(exported.status).toBe(200);
      const session = await api.register();
      const target = await receiver();
      await subscribe(session, target, ['categories', 'habits', 'records']);
      const imported = await api.http.post('/api/import').set('Authorization', `Bearer ${session.token}`).set('content-type', 'application/json').send(exported.text);
      expect(imported.status).toBe(200);
      await until(() => target.changes().length >= 1203, 60_000);
      expect(target.deliveries.map((delivery) => delivery.body.data.changes.length)).toEqual([500, 500, 203]);
      expect(target.deliveries.every((delivery) => delivery.signatureValid)).toBe(true);
      const entities = target.changes().map((change) => change.entity);
      expect(entities.slice(0, 3)).toEqual(['category', 'habit', 'habit']);
      expect(entities.slice(3).every((entity) => entity === 'record')).toBe(true);
      expect(target.changes().every((change) => change.op === 'put')).toBe(true);
    });

    it('retries with the same webhook-id, then disables a subscription failing for 24 h without a success', async () => {
      const session = await api.register();
      const target = await receiver();
      target.status = 503;
      const subscription = await subscribe(session, target, ['categories']);
      let advanced = 0;
      const advance = (ms: number) => {
        clock.advance(ms);
        advanced += ms;
      };
      try {
        await api.createCategory(session, { name: 'First' });
        const failing = await until(async () => {
          const listed = (await api.as(session).get('/api/webhooks')).body[0];
          return listed.failures === 1 && listed;
        });
        expect(failing).toMatchObject({ failures: 1, lastSuccessAt: null, disabledAt: null });
        expect(target.attempts).toHaveLength(1);
        advance(61_000);
        await until(() => target.attempts.length >= 2);
        expect(target.attempts[1]).toBe(target.attempts[0]);
        target.status = 200;
        advance(5 * 60_000 + 1000);
        await until(() => target.deliveries.length >= 1);
        expect(target.deliveries[0]).toMatchObject({ id: target.attempts[0], signatureValid: true });
        await until(async () => (await api.as(session).get('/api/webhooks')).body[0].lastSuccessAt !== null);
        expect((await api.as(session).get('/api/webhooks')).body[0]).toMatchObject({ failures: 0, disabledAt: null });

        target.status = 500;
        await api.createCategory(session, { name: 'Second' });
        await until(() => target.attempts.length >= 4);
        await until(async () => (await api.as(session).get('/api/webhooks')).body[0].failures === 1);
        for (const delay of [61_000, 5 * 60_000 + 1000, 30 * 60_000 + 1000]) {
          const before = target.attempts.length;
          advance(delay);
          await until(() => target.attempts.length > before);
        }
        // Retries are spent: the next write is tried, still failing, until 24 h have passed.
        const beforeThird = target.attempts.length;
        await api.createCategory(session, { name: 'Third' });
        await until(() => target.attempts.length > beforeThird);
        await until(async () => (await api.as(session).get('/api/webhooks')).body[0].failures === 5);
        expect((await api.as(session).get('/api/webhooks')).body[0].disabledAt).toBeNull();
        advance(24 * HOUR_MS);
        const before = target.attempts.length;
        advance(61_000);
        await until(() => target.attempts.length > before);
        const disabled = await until(async () => {
          const listed = (await api.as(session).get('/api/webhooks')).body[0];
          return listed.disabledAt !== null && listed;
        });
        expect(disabled.id).toBe(subscription.id);
        expect(disabled.failures).toBeGreaterThanOrEqual(6);
        target.status = 200;
        const attemptsWhenDisabled = target.attempts.length;
        await api.createCategory(session, { name: 'Fourth' });
        advance(HOUR_MS);
        // Another subscription of the user, created after, gets the next write: the disabled one does not.
        const fresh = await receiver();
        await subscribe(session, fresh, ['categories']);
        await api.createCategory(session, { name: 'Fifth' });
        await until(() => fresh.changes().length >= 1);
        expect(fresh.changes()[0]).toMatchObject({ entity: 'category', category: { name: 'Fifth' } });
        expect(target.attempts.length).toBe(attemptsWhenDisabled);
      } finally {
        clock.advance(-advanced);
      }
    });
  });
});

describe('change webhooks and the address guard', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { OUTBOUND_ALLOW_HTTP: 'false', OUTBOUND_ALLOW_PRIVATE: 'false' } });
  });

  afterAll(async () => {
    await app.close();
  });

  it.each(['https://127.0.0.1/hook', 'https://10.0.0.8/hook', 'https://[::1]/hook', 'https://localhost/hook', 'http://example.org/hook'])(
    'refuses %s with a 400 naming the url',
    async (url) => {
      const api = new ApiClient(app.app);
      const session = await api.register();
      const response = await api.as(session).post('/api/webhooks', { url, events: ['records'] });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.message)).toContain('url');
    },
  );
});
