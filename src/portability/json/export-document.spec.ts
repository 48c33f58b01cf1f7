import { RecordResponse } from '../../records/dto/record.response';
import { exportDocumentChunks, ExportHead } from './export-document';

const head: ExportHead = {
  exportedAt: '2025-01-01T00:00:00.000Z',
  user: { displayName: 'Ada', timezone: 'Europe/Paris', dayStartHour: 0 },
  categories: [],
  habits: [],
};

function record(id: number): RecordResponse {
  return { id, habitId: 1, date: '2024-12-31', status: 'done', value: 1, note: null, createdAt: 'c', updatedAt: 'u' };
}

async function* pages(...sizes: number[]): AsyncGenerator<RecordResponse[]> {
  let id = 0;
  for (const size of sizes) yield Array.from({ length: size }, () => record(++id));
}

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

describe('exportDocumentChunks', () => {
  it('writes one valid document, a chunk per page of records', async () => {
    const chunks = await collect(exportDocumentChunks(head, pages(2, 0, 3)));
    expect(chunks).toHaveLength(4);
    const document = JSON.parse(chunks.join('')) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual(['format', 'version', 'exportedAt', 'user', 'categories', 'habits', 'records']);
    expect(document).toMatchObject({ format: 'habit-tracker-export', version: 1, user: head.user });
    expect((document.records as RecordResponse[]).map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('writes an empty records array for an account without records', async () => {
    expect(JSON.parse((await collect(exportDocumentChunks(head, pages()))).join(''))).toMatchObject({ records: [] });
  });
});
