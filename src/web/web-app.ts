import { existsSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isClientRoute } from './client-route';


const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web app (web/dist) at `/`: hashed assets cached for a year, index.html for every
 * client route with `no-cache`. Without web/dist (an API-only run) nothing is registered and the
 * API starts as before. Returns whether the web app is served.
 */
export async function serveWebApp(fastify: FastifyInstance, root: string): Promise<boolean> {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile);
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    // Swagger UI registers @fastify/static too: this instance neither decorates the reply nor owns a wildcard route.
    decorateReply: false,
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (reply, path) => void reply.header('cache-control', path.includes(`${sep}assets${sep}`) ? IMMUTABLE : 'no-cache'),
  });
  const sendIndex = (request: FastifyRequest, reply: FastifyReply): FastifyReply | void => {
    if (!isClientRoute(request.url)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  };
  fastify.get('/', sendIndex);
  fastify.get('/*', sendIndex);
  return true;
}
