import { errorText } from './client';

/** A failed call, with what the user can do about it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a 2xx answer, or an ApiError (TanStack Query shows it as the error state). */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) throw new ApiError(response.status, describe(response, error));
  return data;
}

/** For answers without a body (204). */
export async function expectOk(call: Promise<Answer<unknown>>): Promise<void> {
  const { error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, describe(response, error));
}

function describe(response: Response, error: unknown): string {
  if (response.status === 401) return 'Your session has ended: sign in again.';
  if (response.status === 429) return `Too many requests: wait ${response.headers.get('retry-after') ?? 'a few'} seconds and try again.`;
  if (response.status >= 500) return 'The server could not answer. Try again in a moment.';
  return errorText(error);
}
