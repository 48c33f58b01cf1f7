import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { PUBLIC_ROUTE_EXTENSION } from '../openapi/finish-document';

export const IS_PUBLIC_KEY = 'isPublic';

/**
 * Opts a route (or every route of a controller) out of the global JWT guard (register, login,
 * health) and marks it public in the OpenAPI document. Every other route is authenticated, and the
 * document says so by itself (finishDocument gives it the bearer scheme and its 401): nothing else
 * to place by hand. `acceptsBearer`: the route authenticates by itself and takes the bearer token
 * as one way in (the change feed: a bearer header or a ticket); the document names the bearer scheme.
 */
export const Public = (options: { acceptsBearer?: boolean } = {}) =>
  applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiExtension(PUBLIC_ROUTE_EXTENSION, options.acceptsBearer ? 'bearer' : true));
