import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/**
 * The one route with a larger body (API.md: 32 MB as sent; 256 MB once decoded, checked by the import
 * worker), the only one that accepts a zip or `Content-Encoding: gzip`, and whose body is handed over raw
 * (a Buffer, JSON included): it is decoded and parsed in the import worker, off the event loop.
 */
export const IMPORT_ROUTE = '/api/import';
export const IMPORT_BODY_LIMIT_BYTES = 32 * 1024 * 1024;
export const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed'];
export const IMPORT_ENCODINGS = ['gzip'];

/**
 * Gives POST /api/import its own body limit (every other route keeps the adapter's 100 KB; 413 beyond)
 * and a parser that hands it a zip as a raw Buffer. Any other route sent a zip answers 415, as for any
 * content type it does not take. Must run before the routes are registered, after registerBodyParsers (ApiFastifyAdapter does both).
 */
export function registerImportBody(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    if (route.url === IMPORT_ROUTE) route.bodyLimit = IMPORT_BODY_LIMIT_BYTES;
  });
  fastify.addContentTypeParser(ZIP_TYPES, { parseAs: 'buffer' }, (request, body, done) => {
    if (request.routeOptions.url === IMPORT_ROUTE) return done(null, body);
    const error = Object.assign(new Error(`Unsupported Media Type: ${request.headers['content-type'] ?? ''}`), {
      statusCode: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    });
    done(error, undefined);
  });
}
