/**
 * A client flow written only against the types openapi-typescript generates from /docs-json,
 * with openapi-fetch. typed-client.e2e-spec.ts copies it next to the generated `api-schema.d.ts`,
 * compiles it with `tsc --strict` and runs it against a started app: a document a generator cannot
 * trust fails the compile, an answer that is not what the document says fails the run.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './api-schema';

type ErrorBody = components['schemas']['ErrorResponse'];
type TokenPair = components['schemas']['TokenPairResponse'];

export interface FlowResult {
  userId: number;
  dayStartHour: number;
  sessionId: string;
  refreshedSameSession: boolean;
  rotated: boolean;
  habitKind: 'boolean' | 'numeric';
  habitKindAfterPatch: 'boolean' | 'numeric';
  recordStatus: number;
  recordValue: number;
  compliance: { done: number; due: number; rate: number | null };
  badRequest: { status: number; statusCode: number; messages: string[] };
  unauthorized: number;
}

function fail(step: string, error: unknown): never {
  throw new Error(`${step} failed: ${JSON.stringify(error)}`);
}

async function signIn(baseUrl: string): Promise<{ userId: number; dayStartHour: number; first: TokenPair; second: TokenPair }> {
  const client = createClient<paths>({ baseUrl });
  const email = `typed-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const password = 'correct horse battery';
  const registered = await client.POST('/api/auth/register', { body: { email, password, timezone: 'UTC' } });
  if (!registered.data) return fail('register', registered.error);
  const login = await client.POST('/api/auth/login', { body: { email, password } });
  if (!login.data) return fail('login', login.error);
  const refreshToken: string | undefined = login.data.refreshToken;
  if (refreshToken === undefined) return fail('login', 'no refresh token in the body');
  const refreshed = await client.POST('/api/auth/refresh', { body: { refreshToken } });
  if (!refreshed.data) return fail('refresh', refreshed.error);
  return { userId: registered.data.id, dayStartHour: registered.data.dayStartHour, first: login.data, second: refreshed.data };
}

export async function runFlow(baseUrl: string): Promise<FlowResult> {
  const { userId, dayStartHour, first, second } = await signIn(baseUrl);
  const api = createClient<paths>({ baseUrl, headers: { Authorization: `${second.tokenType} ${second.accessToken}` } });
  const today = new Date().toISOString().slice(0, 10);

  const created = await api.POST('/api/habits', {
    body: { name: 'Read', schedule: { type: 'daily' }, kind: 'numeric', target: 20, unit: 'pages', startDate: today },
  });
  if (!created.data) return fail('create habit', created.error);
  const habitId = created.data.id;
  const patched = await api.PATCH('/api/habits/{id}', { params: { path: { id: habitId } }, body: { name: 'Read more' } });
  if (!patched.data) return fail('patch habit', patched.error);

  const put = await api.PUT('/api/habits/{habitId}/records/{date}', { params: { path: { habitId, date: today } }, body: { value: 25 } });
  if (!put.data) return fail('put record', put.error);

  const compliance = await api.GET('/api/analytics/compliance', { params: { query: { from: today, to: today } } });
  if (!compliance.data) return fail('compliance', compliance.error);
  const row = compliance.data.habits.find((habit) => habit.habitId === habitId);
  if (!row) return fail('compliance', 'the habit is missing');

  const bad = await api.POST('/api/habits', { body: { name: '', schedule: { type: 'daily' } } });
  const error: ErrorBody | undefined = bad.error;
  if (!error) return fail('bad request', 'it was accepted');
  const messages = typeof error.message === 'string' ? [error.message] : error.message;

  const anonymous = createClient<paths>({ baseUrl });
  const refused = await anonymous.GET('/api/auth/me');

  return {
    userId,
    dayStartHour,
    sessionId: first.sessionId,
    refreshedSameSession: second.sessionId === first.sessionId,
    rotated: second.refreshToken !== first.refreshToken,
    habitKind: created.data.kind,
    habitKindAfterPatch: patched.data.kind,
    recordStatus: put.response.status,
    recordValue: put.data.value,
    compliance: { done: row.done, due: row.due, rate: row.rate },
    badRequest: { status: bad.response.status, statusCode: error.statusCode, messages },
    unauthorized: refused.response.status,
  };
}

if (require.main === module) {
  runFlow(process.argv[2]).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
