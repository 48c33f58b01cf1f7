import { performance } from 'node:perf_hooks';

export interface Account {
  headers: Record<string, string>;
}

export async function register(url: string): Promise<Account> {
  const email = `bench-${Math.random().toString(36).slice(2)}@example.test`;
  await fetch(`${url}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse battery' }) });
  const login = (await (await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse battery' }) })).json()) as { accessToken: string };
  return { headers: { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' } };
}

/** Our JSON export of `habits` daily habits with a record on each of `days` days ending 2025-12-31. */
export function account(habits: number, days: number): unknown {
  const end = Date.UTC(2025, 11, 31);
  const dates = Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
  return {
    format: 'habit-tracker-export',
    version: 1,
    exportedAt: new Date().toISOString(),
    user: { displayName: 'Bench', timezone: 'UTC', dayStartHour: 0 },
    categories: [],
    habits: Array.from({ length: habits }, (_, i) => ({
      id: i + 1, name: `Habit ${i}`, description: null, categoryName: null, schedule: { type: 'daily' }, kind: 'boolean', target: 1,
      unit: null, startDate: dates[0], archived: false, color: null,
    })),
    records: Array.from({ length: habits }, (_, h) => dates.map((date, d) => ({ habitId: h + 1, date, status: d % 5 === 0 ? 'skipped' : 'done', value: 1, note: null }))).flat(),
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10;
}

/** Another user's record writes and /health, each in its own loop, until stopped. */
export class Probe {
  readonly health: number[] = [];
  private readonly statuses = new Map<number, number>();
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly url: string,
    private readonly other: Account | null,
    private readonly habitId: number,
  ) {}

  start(): void {
    this.running = true;
    this.loops = [this.healthLoop(), ...(this.other ? [this.writeLoop(this.other)] : [])];
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  writeStatuses(): Record<string, number> {
    return Object.fromEntries(this.statuses);
  }

  private async healthLoop(): Promise<void> {
    while (this.running) {
      const started = performance.now();
      await fetch(`${this.url}/health`).then((r) => r.text());
      this.health.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async writeLoop(other: Account): Promise<void> {
    for (let day = 0; this.running; day++) {
      const date = new Date(Date.UTC(2000, 0, 1) + (day % 9000) * 86_400_000).toISOString().slice(0, 10);
      const response = await fetch(`${this.url}/api/habits/${this.habitId}/records/${date}`, { method: 'PUT', headers: other.headers, body: JSON.stringify({ status: 'done' }) });
      await response.text();
      this.statuses.set(response.status, (this.statuses.get(response.status) ?? 0) + 1);
    }
  }
}
