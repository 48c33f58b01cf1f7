import { ApiClient, Session } from '../support/api-client';
import { ApiSuite, DATABASES, expectBadRequest, expectError, startApiSuite } from './api-suite';

const CATEGORY_KEYS = ['color', 'createdAt', 'id', 'name', 'position', 'updatedAt'];

describe.each(DATABASES)('category routes on %s', (database) => {
  let suite: ApiSuite;
  let api: ApiClient;

  beforeAll(async () => {
    suite = await startApiSuite(database, 9);
    api = suite.api;
  });

  afterAll(() => suite.close());

  const names = async (session: Session) => {
    const response = await api.as(session).get('/api/categories');
    expect(response.status).toBe(200);
    return (response.body as { name: string }[]).map((category) => category.name);
  };

  describe('POST /api/categories', () => {
    it('answers 201 with the category, color null by default, appended at the end of the list', async () => {
      const session = await api.register();
      const first = await api.as(session).post('/api/categories', { name: 'Health' });
      expect(first.status).toBe(201);
      expect(Object.keys(first.body).sort()).toEqual(CATEGORY_KEYS);
      expect(first.body).toMatchObject({ name: 'Health', color: null, position: 0 });
      expect(first.body.createdAt).toBe(new Date(first.body.createdAt as string).toISOString());
      expect(first.body.updatedAt).toBe(first.body.createdAt);
      const second = await api.as(session).post('/api/categories', { name: 'Work', color: '#12abEF' });
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ name: 'Work', color: '#12abEF', position: 1 });
      expect(await names(session)).toEqual(['Health', 'Work']);
    });

    it('trims the name and accepts 1 to 50 characters', async () => {
      const session = await api.register();
      expect((await api.createCategory(session, { name: '  Sport  ' })).name).toBe('Sport');
      expect((await api.createCategory(session, { name: 'x' })).name).toBe('x');
      expect((await api.createCategory(session, { name: 'y'.repeat(50) })).name).toBe('y'.repeat(50));
    });

    it('answers 400 naming the field for a missing, empty, blank or too long name', async () => {
      const session = await api.register();
      expectBadRequest(await api.as(session).post('/api/categories', {}), 'name');
      expectBadRequest(await api.as(session).post('/api/categories', { name: '' }), 'name');
      expectBadRequest(await api.as(session).post('/api/categories', { name: '   ' }), 'name');
      expectBadRequest(await api.as(session).post('/api/categories', { name: 'z'.repeat(51) }), 'name');
      expectBadRequest(await api.as(session).post('/api/categories', { name: 42 }), 'name');
    });

    it('answers 400 naming color for anything but #RRGGBB', async () => {
      const session = await api.register();
      for (const color of ['red', '#123', '#GGGGGG', '123456', '#1234567', '#12345', 'rgb(1,2,3)', 0x123456]) {
        expectBadRequest(await api.as(session).post('/api/categories', { name: 'Colored', color }), 'color');
      }
      expect(await names(session)).toEqual([]);
    });

    it('answers 400 for an unknown field', async () => {
      const session = await api.register();
      expectBadRequest(await api.as(session).post('/api/categories', { name: 'Extra', icon: 'star' }), 'icon');
      expectBadRequest(await api.as(session).post('/api/categories', { name: 'Placed', position: 3 }), 'position');
    });

    it('answers 409 for a name this user already uses, compared case-insensitively; other users may use it', async () => {
      const session = await api.register();
      await api.createCategory(session, { name: 'Health' });
      expectError(await api.as(session).post('/api/categories', { name: 'Health' }), 409);
      expectError(await api.as(session).post('/api/categories', { name: 'hEALTH' }), 409);
      expectError(await api.as(session).post('/api/categories', { name: ' health ' }), 409);
      const other = await api.register();
      expect((await api.as(other).post('/api/categories', { name: 'health' })).status).toBe(201);
      expect(await names(session)).toEqual(['Health']);
    });
  });

  describe('GET /api/categories', () => {
    it('lists only the caller’s categories, ordered by position, then name', async () => {
      const session = await api.register();
      const zeta = await api.createCategory(session, { name: 'Zeta' });
      const beta = await api.createCategory(session, { name: 'beta' });
      const alpha = await api.createCategory(session, { name: 'Alpha' });
      await api.createCategory(await api.register(), { name: 'Not mine' });
      expect(await names(session)).toEqual(['Zeta', 'beta', 'Alpha']);

      await api.as(session).patch(`/api/categories/${alpha.id as number}`, { position: 5 }).expect(200);
      await api.as(session).patch(`/api/categories/${beta.id as number}`, { position: 5 }).expect(200);
      await api.as(session).patch(`/api/categories/${zeta.id as number}`, { position: 5 }).expect(200);
      expect(await names(session)).toEqual(['Alpha', 'beta', 'Zeta']);

      await api.as(session).patch(`/api/categories/${zeta.id as number}`, { position: 0 }).expect(200);
      const list = await api.as(session).get('/api/categories');
      expect((list.body as { name: string; position: number }[]).map(({ name, position }) => [name, position])).toEqual([
        ['Zeta', 0],
        ['Alpha', 5],
        ['beta', 5],
      ]);
      for (const category of list.body as object[]) expect(Object.keys(category).sort()).toEqual(CATEGORY_KEYS);
    });

    it('answers an empty list to a new user', async () => {
      const response = await api.as(await api.register()).get('/api/categories');
      expect(response.status).toBe(200);
      expect(response.body).toEqual([]);
    });
  });

  describe('PATCH /api/categories/:id', () => {
    it('renames, recolors and moves a category and bumps updatedAt', async () => {
      const session = await api.register();
      const category = await api.createCategory(session, { name: 'Reading', color: '#000000' });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const response = await api.as(session).patch(`/api/categories/${category.id as number}`, {
        name: 'Books',
        color: '#FFFFFF',
        position: 7,
      });
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(CATEGORY_KEYS);
      expect(response.body).toMatchObject({ id: category.id, name: 'Books', color: '#FFFFFF', position: 7, createdAt: category.createdAt });
      expect(Date.parse(response.body.updatedAt as string)).toBeGreaterThan(Date.parse(category.updatedAt as string));
      const listed = (await api.as(session).get('/api/categories')).body as object[];
      expect(listed).toEqual([response.body]);
    });

    it('clears the color with null and leaves unnamed fields alone', async () => {
      const session = await api.register();
      const category = await api.createCategory(session, { name: 'Music', color: '#123456' });
      const response = await api.as(session).patch(`/api/categories/${category.id as number}`, { color: null });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ name: 'Music', color: null, position: 0 });
      const empty = await api.as(session).patch(`/api/categories/${category.id as number}`, {});
      expect(empty.status).toBe(200);
      expect(empty.body).toMatchObject({ name: 'Music', color: null });
    });

    it('answers 409 when renaming onto another category’s name in any case, but allows a change of case of its own name', async () => {
      const session = await api.register();
      await api.createCategory(session, { name: 'Health' });
      const work = await api.createCategory(session, { name: 'Work' });
      expectError(await api.as(session).patch(`/api/categories/${work.id as number}`, { name: 'HEALTH' }), 409);
      const recased = await api.as(session).patch(`/api/categories/${work.id as number}`, { name: 'WORK' });
      expect(recased.status).toBe(200);
      expect(recased.body.name).toBe('WORK');
      expect(await names(session)).toEqual(['Health', 'WORK']);
    });

    it('answers 400 naming the field for a bad name, color, position, null name or an unknown field', async () => {
      const session = await api.register();
      const path = `/api/categories/${(await api.createCategory(session)).id as number}`;
      expectBadRequest(await api.as(session).patch(path, { name: '' }), 'name');
      expectBadRequest(await api.as(session).patch(path, { name: null }), 'name');
      expectBadRequest(await api.as(session).patch(path, { name: 'n'.repeat(51) }), 'name');
      expectBadRequest(await api.as(session).patch(path, { color: 'blue' }), 'color');
      expectBadRequest(await api.as(session).patch(path, { position: -1 }), 'position');
      expectBadRequest(await api.as(session).patch(path, { position: 1.5 }), 'position');
      expectBadRequest(await api.as(session).patch(path, { position: '2' }), 'position');
      expectBadRequest(await api.as(session).patch(path, { position: null }), 'position');
      expectBadRequest(await api.as(session).patch(path, { userId: 1 }), 'userId');
    });

    it('answers 404 for another user’s category, an unknown id and a non-numeric id, and changes nothing', async () => {
      const owner = await api.register();
      const category = await api.createCategory(owner, { name: 'Private' });
      const intruder = await api.register();
      expectError(await api.as(intruder).patch(`/api/categories/${category.id as number}`, { name: 'Hacked' }), 404);
      expectError(await api.as(intruder).patch('/api/categories/999999', { name: 'Ghost' }), 404);
      expectError(await api.as(intruder).patch('/api/categories/abc', { name: 'Ghost' }), 404);
      expectError(await api.as(intruder).patch('/api/categories/0', { name: 'Ghost' }), 404);
      expect(await names(owner)).toEqual(['Private']);
    });
  });

  describe('DELETE /api/categories/:id', () => {
    it('answers 204, removes the category and keeps its habits with categoryId null', async () => {
      const session = await api.register();
      const category = await api.createCategory(session, { name: 'Fitness' });
      const kept = await api.createCategory(session, { name: 'Kept' });
      const habit = await api.createHabit(session, { name: 'Run', categoryId: category.id });
      const other = await api.createHabit(session, { name: 'Stretch', categoryId: kept.id });
      expect(habit.categoryId).toBe(category.id);
      const response = await api.as(session).delete(`/api/categories/${category.id as number}`);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect(await names(session)).toEqual(['Kept']);
      const fetched = await api.as(session).get(`/api/habits/${habit.id as number}`);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toMatchObject({ id: habit.id, name: 'Run', categoryId: null });
      const list = await api.as(session).get('/api/habits');
      expect((list.body as { id: number; categoryId: number | null }[]).map(({ id, categoryId }) => ({ id, categoryId }))).toEqual([
        { id: habit.id, categoryId: null },
        { id: other.id, categoryId: kept.id },
      ]);
      expectError(await api.as(session).delete(`/api/categories/${category.id as number}`), 404);
    });

    it('answers 404 for another user’s category, an unknown id and a non-numeric id', async () => {
      const owner = await api.register();
      const category = await api.createCategory(owner, { name: 'Mine' });
      const intruder = await api.register();
      expectError(await api.as(intruder).delete(`/api/categories/${category.id as number}`), 404);
      expectError(await api.as(intruder).delete('/api/categories/424242'), 404);
      expectError(await api.as(intruder).delete('/api/categories/x1'), 404);
      expect(await names(owner)).toEqual(['Mine']);
    });

    it('frees the name for a new category', async () => {
      const session = await api.register();
      const category = await api.createCategory(session, { name: 'Again' });
      await api.as(session).delete(`/api/categories/${category.id as number}`).expect(204);
      expect((await api.as(session).post('/api/categories', { name: 'again' })).status).toBe(201);
    });
  });

  it('answers 401 on every category route without a token', async () => {
    expectError(await api.http.get('/api/categories'), 401);
    expectError(await api.http.post('/api/categories').send({ name: 'x' }), 401);
    expectError(await api.http.patch('/api/categories/1').send({ name: 'x' }), 401);
    expectError(await api.http.delete('/api/categories/1'), 401);
  });
});
