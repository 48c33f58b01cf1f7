import { ApiClient, Session } from '../support/api-client';

type Row = Record<string, unknown> & { id: number };
type RecordRow = Row & { habitId: number; date: string };

export interface SyncPage {
  cursor: string;
  full: boolean;
  hasMore: boolean;
  categories: Row[];
  habits: Row[];
  records: RecordRow[];
  deleted: { categories: number[]; habits: number[]; records: { habitId: number; date: string }[] };
}

/** The account as a client sees it: comparable with toEqual. */
export interface AccountCopy {
  categories: Row[];
  habits: Row[];
  records: RecordRow[];
}

/**
 * What a client of API.md § Sync does: apply each page (a full page replaces everything; a page's
 * deletions first, a deleted habit taking its records, then its upserts), and follow the cursor.
 */
export class SyncReplica {
  cursor: string | undefined;
  private categories = new Map<number, Row>();
  private habits = new Map<number, Row>();
  private records = new Map<string, RecordRow>();
  pages = 0;

  constructor(
    private readonly session: Session,
    private client: ApiClient,
  ) {}

  use(client: ApiClient): void {
    this.client = client;
  }

  /** Fetches and applies one page; returns it. */
  async step(limit?: number): Promise<SyncPage> {
    const query = new URLSearchParams();
    if (this.cursor !== undefined) query.set('since', this.cursor);
    if (limit !== undefined) query.set('limit', String(limit));
    const response = await this.client.as(this.session).get(`/api/sync?${query.toString()}`);
    if (response.status !== 200) throw new Error(`sync failed: ${response.status} ${JSON.stringify(response.body)}`);
    const page = response.body as SyncPage;
    this.apply(page);
    return page;
  }

  /** Follows the cursors until hasMore is false; returns the pages. */
  async drain(limit?: () => number | undefined): Promise<SyncPage[]> {
    const pages: SyncPage[] = [];
    do pages.push(await this.step(limit?.()));
    while (pages[pages.length - 1].hasMore);
    return pages;
  }

  restart(): void {
    this.cursor = undefined;
  }

  copy(): AccountCopy {
    return {
      categories: [...this.categories.values()].sort(byId),
      habits: [...this.habits.values()].sort(byId),
      records: [...this.records.values()].sort(byKey),
    };
  }

  private apply(page: SyncPage): void {
    this.pages += 1;
    if (page.full) {
      this.categories.clear();
      this.habits.clear();
      this.records.clear();
    }
    for (const id of page.deleted.categories) this.categories.delete(id);
    for (const id of page.deleted.habits) {
      this.habits.delete(id);
      for (const [key, record] of this.records) if (record.habitId === id) this.records.delete(key);
    }
    for (const key of page.deleted.records) this.records.delete(`${key.habitId}/${key.date}`);
    for (const category of page.categories) this.categories.set(category.id, category);
    for (const habit of page.habits) this.habits.set(habit.id, habit);
    for (const record of page.records) this.records.set(`${record.habitId}/${record.date}`, record);
    this.cursor = page.cursor;
  }
}

/** The account as the plain read routes answer it now (cache bypassed), records dated `from..today`. */
export async function serverCopy(client: ApiClient, session: Session, from: string): Promise<AccountCopy> {
  const get = async (path: string) => {
    const response = await client.as(session).get(path).set('Cache-Control', 'no-cache');
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Row[];
  };
  const habits = [...(await get('/api/habits?archived=false')), ...(await get('/api/habits?archived=true'))];
  return {
    categories: (await get('/api/categories')).sort(byId),
    habits: habits.sort(byId),
    records: ((await get(`/api/records?from=${from}`)) as RecordRow[]).sort(byKey),
  };
}

function byId(a: Row, b: Row): number {
  return a.id - b.id;
}

function byKey(a: RecordRow, b: RecordRow): number {
  return a.habitId - b.habitId || a.date.localeCompare(b.date);
}
