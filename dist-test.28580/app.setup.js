"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BODY_LIMIT_BYTES = void 0;
exports.createFastifyAdapter = createFastifyAdapter;
exports.configureApp = configureApp;
const node_crypto_1 = require("node:crypto");
const common_1 = require("@nestjs/common");
const platform_fastify_1 = require("@nestjs/platform-fastify");
const swagger_1 = require("@nestjs/swagger");
const nestjs_pino_1 = require("nestjs-pino");
const http_exception_filter_1 = require("./common/filters/http-exception.filter");
const body_parsing_1 = require("./common/http/body-parsing");
const security_headers_1 = require("./common/http/security-headers");
const api_validation_pipe_1 = require("./common/pipes/api-validation.pipe");
const app_config_1 = require("./config/app-config");
const pool_bulkhead_1 = require("./database/pool-bulkhead");
const request_logger_1 = require("./logging/request-logger");
const metrics_service_1 = require("./metrics/metrics.service");
exports.BODY_LIMIT_BYTES = 100 * 1024;
const REQUEST_ID = /^[\w\-.:]{1,128}$/;
/**
 * The Fastify adapter with the API's limits: 100 KB bodies, request ids accepted or generated,
 * helmet's security headers on every answer. trustProxy keeps the whole X-Forwarded-For chain on
 * the request; only TRUST_PROXY_HOPS of it are believed (see clientAddress), so a client cannot
 * choose its own address.
 */
function createFastifyAdapter() {
    const adapter = new ApiFastifyAdapter({
        bodyLimit: exports.BODY_LIMIT_BYTES,
        trustProxy: true,
        genReqId: (request) => {
            const given = request.headers['x-request-id'];
            return typeof given === 'string' && REQUEST_ID.test(given) ? given : (0, node_crypto_1.randomUUID)();
        },
    });
    const fastify = adapter.getInstance();
    fastify.addHook('onSend', async (request, reply) => {
        void reply.headers(request.url.startsWith('/docs') ? security_headers_1.DOCS_SECURITY_HEADERS : security_headers_1.API_SECURITY_HEADERS);
        void reply.header('x-request-id', request.id);
        // Cached routes set their own `private, no-cache` (CachedResponseInterceptor); every other answer is not to be stored.
        if (request.url.startsWith('/api')) {
            if (!reply.hasHeader('cache-control'))
                void reply.header('cache-control', 'private, no-store');
            void reply.header('vary', 'Authorization');
        }
    });
    return adapter;
}
/** Nest's adapter with the API's own body parsers (JSON only unless a route declares more; see body-parsing.ts). */
class ApiFastifyAdapter extends platform_fastify_1.FastifyAdapter {
    bodyParsersRegistered = false;
    registerParserMiddleware(prefix, rawBody) {
        super.registerParserMiddleware(prefix, rawBody);
        if (this.bodyParsersRegistered)
            return;
        (0, body_parsing_1.registerBodyParsers)(this.getInstance());
        this.bodyParsersRegistered = true;
    }
}
/** Everything main.ts and the tests both need: logging, prefix, validation, errors, CORS, metrics, OpenAPI. */
async function configureApp(app) {
    const config = app.get(app_config_1.AppConfig);
    app.useLogger(app.get(nestjs_pino_1.Logger));
    app.setGlobalPrefix('api', { exclude: ['health', 'health/*path', 'metrics'].map((path) => ({ path, method: common_1.RequestMethod.ALL })) });
    app.useGlobalPipes(new api_validation_pipe_1.ApiValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
    app.useGlobalFilters(new http_exception_filter_1.HttpExceptionFilter());
    app.enableCors({ origin: config.corsOrigins.length > 0 ? config.corsOrigins : false, credentials: false });
    app.enableShutdownHooks();
    observeRequests(app, config);
    setUpOpenApi(app);
    return app;
}
/** The request id on every log line of a request; one log line and one histogram sample per response (404s and guard rejections included). */
function observeRequests(app, config) {
    const requestLogger = app.get(request_logger_1.RequestLogger);
    const metrics = config.metricsEnabled ? app.get(metrics_service_1.MetricsService) : null;
    const fastify = app.getHttpAdapter().getInstance();
    fastify.addHook('onRequest', (request, _reply, done) => requestLogger.bind(request, done));
    // Logins and the rest of /api/auth keep database connections of their own (see pool-bulkhead.ts).
    fastify.addHook('onRequest', (request, _reply, done) => (request.url.startsWith('/api/auth/') ? (0, pool_bulkhead_1.withReservedConnections)(done) : done()));
    fastify.addHook('onResponse', (request, reply, done) => {
        metrics?.observe(request, reply);
        requestLogger.log(request, reply);
        done();
    });
}
function setUpOpenApi(app) {
    const document = new swagger_1.DocumentBuilder()
        .setTitle('Habit tracker API')
        .setDescription('Habits, daily check-ins and analytics; read endpoints cached per user.')
        .setVersion('1')
        .addBearerAuth()
        .build();
    swagger_1.SwaggerModule.setup('docs', app, () => swagger_1.SwaggerModule.createDocument(app, document), { jsonDocumentUrl: 'docs-json' });
}
