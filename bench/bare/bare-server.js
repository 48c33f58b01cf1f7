'use strict';

/**
 * Scenario `bare`: a plain Fastify server (no Nest, no guards, no cache) answering the floor
 * route's bytes, run by the harness as its own process so that its CPU per request is measured
 * like the API's. The body is read from the file named by BARE_BODY_FILE; listens on PORT.
 */
const { readFileSync } = require('node:fs');
const Fastify = require('fastify');

const body = readFileSync(process.env.BARE_BODY_FILE, 'utf8');
const app = Fastify({ logger: false });

app.get('/health', (_request, reply) => reply.send({ status: 'ok' }));
app.get('/bare', (_request, reply) => {
  reply.header('content-type', 'application/json; charset=utf-8').header('x-cache', 'BARE').send(body);
});

app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).catch((error) => {
  process.stderr.write(`bare server: ${error.message}\n`);
  process.exit(1);
});
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
