import { expectError } from '../api/api-suite';
import { ApiClient, Session } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';
import { PortabilityClient } from '../portability/portability-support';

type Json = Record<string, unknown>;

/** API.md § Conventions: 1,000 habits (archived included) and 200 categories per account; 409 past that, nothing written. */
describe.each(['sqlite', 'postgres'] as const)('account limits on %s', (kind) => {
  let testApp: TestApp;
  let api: ApiClient;
  let portability: PortabilityClient;
  let template: { document: Json; habit: Json; category: Json };

  beforeAll(async () => {
    testApp = await startTestApp({ database: kind });
    api = new ApiClient(testApp.app);
    portability = new PortabilityClient(api);
    const owner = await api.register();
    await api.as(owner).post('/api/categories', { name: 'Template' });
    await api.createHabit(owner, { name: 'Template' });
    const document = (await portability.exportJson(owner)).body as Json;
    template = { document, habit: (document.habits as Json[])[0], category: (document.categories as Json[])[0] };
  });

  afterAll(() => testApp.close());

  /** Our JSON export with `habits` habits (every other one archived) and `categories` categories, no records. */
  function accountDocument(habits: number, categories: number, prefix = 'H'): Json {
    return {
      ...template.document,
      categories: Array.from({ length: categories }, (_, i) => ({ ...template.category, id: i + 1, name: `C${i}` })),
      habits: Array.from({ length: habits }, (_, i) => ({ ...template.habit, id: i + 1, name: `${prefix}${i}`, categoryName: null, archived: i % 2 === 1 })),
      records: [],
    };
  }

  async function counts(user: Session): Promise<[number, number]> {
    const [active, archived, categories] = await Promise.all([
      api.as(user).get('/api/habits'),
      api.as(user).get('/api/habits?archived=true'),
      api.as(user).get('/api/categories'),
    ]);
    return [(active.body as Json[]).length + (archived.body as Json[]).length, (categories.body as Json[]).length];
  }

  it('takes an account to exactly 1,000 habits and 200 categories by import, then refuses one more of either with 409', async () => {
    const user = await api.register();
    const full = await portability.importJson(user, accountDocument(1000, 200));
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ categories: { created: 200 }, habits: { created: 1000 } });

    const habit = await api.as(user).post('/api/habits', { name: 'One more', schedule: { type: 'daily' } });
    expectError(habit, 409);
    expect(JSON.stringify(habit.body)).toContain('1000 habits');
    expectError(await api.as(user).post('/api/categories', { name: 'One more' }), 409);
    expect(await counts(user)).toEqual([1000, 200]);

    // Merging into what exists creates nothing, so it is fine at the limit.
    expect((await portability.importJson(user, accountDocument(1000, 200))).status).toBe(200);
    // Deleting one makes room again.
    const someHabit = ((await api.as(user).get('/api/habits')).body as Json[])[0];
    expect((await api.as(user).delete(`/api/habits/${someHabit.id as number}`)).status).toBe(204);
    expect((await api.as(user).post('/api/habits', { name: 'One more', schedule: { type: 'daily' } })).status).toBe(201);
  }, 120_000);

  it('refuses an import that would pass a limit with 409, before anything is written', async () => {
    const user = await api.register();
    expect((await portability.importJson(user, accountDocument(990, 0))).status).toBe(200);
    const over = await portability.importJson(user, accountDocument(11, 1, 'New'));
    expectError(over, 409);
    expect(await counts(user)).toEqual([990, 0]);
    const tooManyCategories = await portability.importJson(await api.register(), accountDocument(1, 201));
    expectError(tooManyCategories, 409);
    expect(JSON.stringify(tooManyCategories.body)).toContain('200 categories');
  }, 120_000);
});
