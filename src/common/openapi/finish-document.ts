import type { OpenAPIObject } from '@nestjs/swagger';

type Json = Record<string, unknown>;
type Operation = Json & { responses: Record<string, Json>; security?: unknown[]; summary?: string; operationId?: string };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;
const ERROR_REF = { $ref: '#/components/schemas/ErrorResponse' };
/** Marks an operation of a @CachedEndpoint route (set by the decorator, read here, then removed). */
export const CACHED_ROUTE_EXTENSION = 'x-cached-route';
/** Marks an operation of a @Public route (set by the decorator, read here, then removed). */
export const PUBLIC_ROUTE_EXTENSION = 'x-public-route';
/** The bearer scheme of `DocumentBuilder.addBearerAuth()`. */
const BEARER_SECURITY = [{ bearer: [] }];

const HEADERS: Record<string, Json> = {
  'X-Request-Id': { description: "The request's id (the client's own `X-Request-Id` when it sent a valid one)", schema: { type: 'string' } },
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } },
  'X-Cache': { description: 'Whether the cached entry served the answer', schema: { type: 'string', enum: ['HIT', 'MISS', 'BYPASS'] } },
  ETag: { description: 'Strong entity tag of the body (If-None-Match answers 304)', schema: { type: 'string' } },
};

/**
 * The cross-cutting parts of API.md's OpenAPI rule, applied to every operation of the generated
 * document so that no route can forget them: `security: []` on @Public routes, the bearer scheme
 * and 401 on every other (the global guard authenticates them all); 403 where a personal access
 * token is refused (/api/auth/*, and every method but GET for scope `read`); 400 where a body or query is validated; 429 and 503
 * (with Retry-After) on every /api route; the shared ErrorResponse on every error answer;
 * X-Request-Id on every response; X-Cache and ETag on the 200 of cached routes; a summary.
 */
export function finishDocument(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, headers: { ...document.components?.headers, ...HEADERS } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (operation) finishOperation(path, method, operation);
    }
  }
  return document;
}

function finishOperation(path: string, method: string, operation: Operation): void {
  const publicRoute = operation[PUBLIC_ROUTE_EXTENSION];
  delete operation[PUBLIC_ROUTE_EXTENSION];
  const secured = publicRoute !== true;
  operation.security = secured ? BEARER_SECURITY : [];
  operation.summary ??= defaultSummary(method, path);
  if (secured) addError(operation, '401', 'Missing, invalid, expired or revoked access token');
  if (secured && path.startsWith('/api/auth/')) addError(operation, '403', 'Personal access tokens may not use /api/auth routes');
  else if (secured && method !== 'get' && path.startsWith('/api')) addError(operation, '403', 'A personal access token of scope `read` may only GET');
  const takesInput = operation.requestBody !== undefined || (operation.parameters as Json[] | undefined)?.some((p) => p.in === 'query');
  if (takesInput) addError(operation, '400', 'Invalid input: `message` names each bad field');
  if (path.startsWith('/api')) {
    addError(operation, '429', 'Too many requests; retry after `Retry-After` seconds');
    addError(operation, '503', 'A dependency is unavailable; retry after `Retry-After` seconds');
  }
  const cached = operation[CACHED_ROUTE_EXTENSION] === true;
  delete operation[CACHED_ROUTE_EXTENSION];
  for (const [status, response] of Object.entries(operation.responses)) {
    if (Number(status) >= 400 && response.content === undefined) response.content = { 'application/json': { schema: ERROR_REF } };
    const headers: Record<string, Json> = { ...(response.headers as Record<string, Json> | undefined), 'X-Request-Id': ref('X-Request-Id') };
    if (status === '429' || status === '503') headers['Retry-After'] = ref('Retry-After');
    if (cached && status === '200') Object.assign(headers, { 'X-Cache': ref('X-Cache'), ETag: ref('ETag') });
    response.headers = headers;
  }
}

function addError(operation: Operation, status: string, description: string): void {
  operation.responses[status] ??= { description, content: { 'application/json': { schema: ERROR_REF } } };
}

function ref(name: string): Json {
  return { $ref: `#/components/headers/${name}` };
}

/** `GET /api/habits/{id}` → "GET /api/habits/{id}": a route without its own summary still has one. */
function defaultSummary(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}
