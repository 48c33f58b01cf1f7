import { strFromU8, unzipSync } from 'fflate';
import type { Response } from 'supertest';
import request from 'supertest';
import { ApiClient, Session } from '../support/api-client';

type Json = Record<string, unknown>;

/** Collects a binary body (supertest buffers only text and JSON by itself). */
function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** The export and import routes through the real HTTP stack. */
export class PortabilityClient {
  constructor(readonly api: ApiClient) {}

  exportJson(session: Session): Promise<Response> {
    return this.api.as(session).get('/api/export');
  }

  async exportLoop(session: Session): Promise<{ response: Response; files: Map<string, string>; zip: Buffer }> {
    const response = await this.api.as(session).get('/api/export/loop').buffer(true).parse(binary);
    const zip = response.body as Buffer;
    const files = response.status === 200 ? new Map(Object.entries(unzipSync(new Uint8Array(zip))).map(([path, data]) => [path, strFromU8(data)])) : new Map<string, string>();
    return { response, files, zip };
  }

  importJson(session: Session, document: unknown): Promise<Response> {
    return this.api.http.post('/api/import').set('Authorization', `Bearer ${session.token}`).send(document as Json);
  }

  importZip(session: Session, zip: Uint8Array, contentType = 'application/zip'): Promise<Response> {
    return this.api.http.post('/api/import').set('Authorization', `Bearer ${session.token}`).set('content-type', contentType).send(Buffer.from(zip));
  }

  /** The account as a client sees it, without ids and timestamps, keyed by names: what a round trip must keep. */
  async snapshot(session: Session, from: string, to: string): Promise<Json> {
    const as = this.api.as(session);
    const [categories, active, archived, records, compliance, performance] = await Promise.all([
      as.get('/api/categories'),
      as.get('/api/habits'),
      as.get('/api/habits?archived=true'),
      as.get(`/api/records?from=${from}&to=${to}`),
      as.get(`/api/analytics/compliance?from=${addDaysIso(to, -365)}&to=${to}`),
      as.get(`/api/analytics/performance?from=${addDaysIso(to, -365)}&to=${to}`),
    ]);
    for (const response of [categories, active, archived, records, compliance, performance]) expect(response.status).toBe(200);
    const categoryNames = new Map((categories.body as Json[]).map((c) => [c.id, c.name]));
    const habits = [...(active.body as Json[]), ...(archived.body as Json[])];
    const habitNames = new Map(habits.map((h) => [h.id, h.name]));
    const histories: Json = {};
    for (const habit of habits) {
      const history = await as.get(`/api/analytics/habits/${habit.id as number}?from=${addDaysIso(to, -365)}&to=${to}`);
      expect(history.status).toBe(200);
      const report: Json = { ...(history.body as Json) };
      delete report.habitId;
      histories[habit.name as string] = report;
    }
    return {
      categories: (categories.body as Json[]).map(({ name, color }) => ({ name, color })),
      habits: habits.map(({ id: _id, createdAt: _c, updatedAt: _u, position: _p, categoryId, ...habit }) => ({ ...habit, category: categoryNames.get(categoryId) ?? null })),
      records: (records.body as Json[]).map(({ habitId, date, status, value, note }) => ({ habit: habitNames.get(habitId), date, status, value, note })),
      compliance: ((compliance.body as Json).habits as Json[]).map(({ habitId: _id, ...entry }) => entry),
      performance: performance.body as Json,
      histories,
    };
  }
}

export function addDaysIso(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
