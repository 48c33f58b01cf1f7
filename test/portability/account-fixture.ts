import { ApiClient, Session } from '../support/api-client';
import { addDaysIso } from './portability-support';

type Json = Record<string, unknown>;

/**
 * An account with every kind of habit API.md has (schedules, numeric at_least / at_most, archived,
 * categories) and 40 days of records: done, skipped, numeric values, notes that need CSV quoting.
 */
export async function seedAccount(api: ApiClient, session: Session, today: string): Promise<Json[]> {
  const health = await api.createCategory(session, { name: 'Health', color: '#00AA00' });
  const work = await api.createCategory(session, { name: 'Work' });
  const start = addDaysIso(today, -40);
  const bodies: Json[] = [
    { name: 'Stretch', description: 'Every morning', schedule: { type: 'daily' }, categoryId: health.id, startDate: start, color: '#FF8F00' },
    { name: 'Swim', schedule: { type: 'per_week', times: 3 }, startDate: addDaysIso(today, -30) },
    { name: 'Water', schedule: { type: 'daily' }, kind: 'numeric', target: 8, unit: 'glasses', startDate: start, categoryId: health.id },
    { name: 'Coffee', schedule: { type: 'per_period', times: 2, days: 3 }, kind: 'numeric', target: 2, targetType: 'at_most', unit: 'cups', startDate: start },
    { name: 'Read', schedule: { type: 'per_period', times: 2, days: 5 }, categoryId: work.id, startDate: addDaysIso(today, -20) },
    { name: 'Gym', schedule: { type: 'weekdays', days: [1, 3, 5] }, startDate: start },
    { name: 'Floss', schedule: { type: 'every_n_days', n: 2 }, startDate: addDaysIso(today, -10) },
  ];
  const habits: Json[] = [];
  for (const body of bodies) habits.push(await api.createHabit(session, body));
  const [stretch, swim, water, coffee, read, gym, floss] = habits;
  const puts: Array<[Json, string, Json]> = [];
  for (let back = 0; back <= 40; back++) {
    const date = addDaysIso(today, -back);
    if (back % 5 !== 3) puts.push([stretch, date, back % 7 === 0 ? { status: 'skipped', note: 'Travel, "all" day' } : {}]);
    if (back <= 30 && back % 3 === 0) puts.push([swim, date, {}]);
    if (back % 4 !== 1) puts.push([water, date, back % 9 === 0 ? { status: 'skipped' } : { value: [6.5, 8, 9.25][back % 3], note: back === 2 ? 'line\nbreak' : null }]);
    if (back % 2 === 0) puts.push([coffee, date, { value: back % 3 }]);
    if (back <= 20 && back % 2 === 1) puts.push([read, date, {}]);
    if (back % 6 === 0) puts.push([gym, date, {}]);
    if (back <= 10 && back % 2 === 0) puts.push([floss, date, {}]);
  }
  for (const [habit, date, body] of puts) await api.putRecord(session, habit.id as number, date, body);
  const archived = await api.as(session).patch(`/api/habits/${swim.id as number}`, { archived: true });
  expect(archived.status).toBe(200);
  return habits;
}
