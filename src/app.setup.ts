import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import { CanActivate, INestApplication, RequestMethod } from '@nestjs/common';
import type { ApplicationConfig } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { HttpExceptionFilter } from './common/filters/http-exception.filter';
import { registerBodyParsers } from './common/http/body-parsing';
import { corsOptions, mergeVary } from './common/http/cors-policy';
import { API_SECURITY_HEADERS, DOCS_SECURITY_HEADERS, WEB_SECURITY_HEADERS } from './common/http/security-headers';
import { finishDocument } from './common/openapi/finish-document';
import { ApiValidationPipe } from './common/pipes/api-validation.pipe';
import { EarlyHits } from './cache/early-hits';
import { AppConfig } from './config/app-config';
import { withReservedConnections } from './database/pool-bulkhead';
import { RequestLogger } from './logging/request-logger';
import { MetricsService } from './metrics/metrics.service';
import { registerImportBody } from './portability/import-body';
import { isWebDocument } from './web/client-route';
import { serveWebApp } from './web/web-app';

export const BODY_LIMIT_BYTES = 100 * 1024;
const REQUEST_ID = /^[\w\-.:]{1,128}$/;

/**
 * The Fastify adapter with the API's limits: 100 KB bodies (10 MB and zips on POST /api/import), request ids accepted or generated,
 * helmet's security headers on every answer. trustProxy keeps the whole X-Forwarded-For chain on
 * the request; only TRUST_PROXY_HOPS of it are believed (see clientAddress), so a client cannot
 * choose its own address.
 */
export function createFastifyAdapter(): FastifyAdapter {
  const adapter = new ApiFastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: true,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const fastify = adapter.getInstance();
  // A callback, not an async function: one promise less on every answer.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.headers(securityHeadersFor(request.url));
    void reply.header('x-request-id', request.id);
    // Cached routes set their own `private, no-cache` (CachedResponseInterceptor); every other answer is not to be stored.
    if (request.url.startsWith('/api')) {
      if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'private, no-store');
      void reply.header('vary', mergeVary(reply.getHeader('vary'), 'Authorization'));
    }
    done(null, payload);
  });
  return adapter;
}

/** Swagger UI's pages, the web app's pages (its own routes), or the JSON API (everything else, 404s included). */
function securityHeadersFor(url: string): Readonly<Record<string, string>> {
  // Every answer of the JSON API first: no docs page or web document lives under /api/.
  if (url.startsWith('/api/')) return API_SECURITY_HEADERS;
  if (url.startsWith('/docs')) return DOCS_SECURITY_HEADERS;
  return isWebDocument(url) ? WEB_SECURITY_HEADERS : API_SECURITY_HEADERS;
}

/** Nest's adapter with the API's own body parsers (JSON only unless a route declares more; see body-parsing.ts). */
class ApiFastifyAdapter extends FastifyAdapter {
  private bodyParsersRegistered = false;

  override registerParserMiddleware(prefix?: string, rawBody?: boolean): void {
    super.registerParserMiddleware(prefix, rawBody);
    if (this.bodyParsersRegistered) return;
    registerBodyParsers(this.getInstance());
    // After registerBodyParsers (which starts from no parser at all): the import route's zip parser and 10 MB limit.
    registerImportBody(this.getInstance());
    this.bodyParsersRegistered = true;
  }
}

/** Everything main.ts and the tests both need: logging, prefix, validation, errors, CORS, metrics, OpenAPI. */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api', { exclude: ['health', 'health/*path', 'metrics'].map((path) => ({ path, method: RequestMethod.ALL })) });
  app.useGlobalPipes(new ApiValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new HttpExceptionFilter());
  // Credentials (the refresh cookie) only for the listed origins; no origin at all otherwise.
  app.enableCors(corsOptions(config.corsOrigins));
  await app.register(fastifyCookie);
  app.enableShutdownHooks();
  observeRequests(app, config);
  answerHitsEarly(app);
  setUpOpenApi(app);
  await serveWeb(app, config.webDistDir);
  return app;
}

/** The request id on every log line of a request; one log line and one histogram sample per response (404s and guard rejections included). */
function observeRequests(app: NestFastifyApplication, config: AppConfig): void {
  const requestLogger = app.get(RequestLogger);
  const metrics = config.metricsEnabled ? app.get(MetricsService) : null;
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, _reply, done) => requestLogger.bind(request, done));
  // Logins and the rest of /api/auth keep database connections of their own (see pool-bulkhead.ts).
  fastify.addHook('onRequest', (request, _reply, done) => (request.url.startsWith('/api/auth/') ? withReservedConnections(done) : done()));
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics?.observe(request, reply);
    requestLogger.log(request, reply);
    done();
  });
}

/** Cache hits answered by a preHandler of each cached route, after Nest's own global guards (see EarlyHits); off if those cannot be read. */
function answerHitsEarly(app: NestFastifyApplication): void {
  const guards = globalGuardsOf(app);
  if (guards) app.get(EarlyHits).attach(app.getHttpAdapter().getInstance(), guards);
}

/**
 * The APP_GUARD instances, in the order Nest runs them. Nest keeps them in its ApplicationConfig,
 * which NestApplication holds as `config` without exposing it; with request-scoped global guards or
 * global interceptors (a hit would have to run them too) there is no early path.
 */
function globalGuardsOf(app: NestFastifyApplication): CanActivate[] | null {
  const config = (app as unknown as { config?: ApplicationConfig }).config;
  if (!config || config.getGlobalRequestGuards().length > 0 || config.getGlobalInterceptors().length > 0) return null;
  if (config.getGlobalRequestInterceptors().length > 0) return null;
  return config.getGlobalGuards();
}

/** The web app at `/` when web/dist was built (`npm run build:web`); an API-only run just logs that it is absent. */
async function serveWeb(app: NestFastifyApplication, root: string): Promise<void> {
  const served = await serveWebApp(app.getHttpAdapter().getInstance(), root);
  if (!served) app.get(Logger).warn(`No web app in ${root} (npm run build:web builds it): serving the API only`);
}

/** The OpenAPI document exactly as /docs-json serves it (scripts/generate-api-types.ts writes the web client's types from it). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = new DocumentBuilder()
    .setTitle('Habit tracker API')
    .setDescription('Habits, daily check-ins and analytics; read endpoints cached per user.')
    .setVersion('2')
    .setLicense('UNLICENSED', 'https://choosealicense.com/no-permission/')
    .addServer('/')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description: 'A session\'s access token (a JWT from login or refresh) or a personal access token (`hat_…`, POST /api/auth/tokens)',
    })
    .build();
  return finishDocument(SwaggerModule.createDocument(app, document));
}

function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
