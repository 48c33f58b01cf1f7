import { Type } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { CachedEndpointOptions } from './cached-endpoint.options';

/** The key of a @CachedEndpoint route's entry in its Fastify route config (`request.routeOptions.config`). */
export const CACHED_ROUTE = 'cachedRoute';

/** What EarlyHits needs of a cached route to run its guards outside Nest: the options, the controller class and the handler. */
export interface CachedRoute {
  options: CachedEndpointOptions;
  classRef: Type;
  handler: (...args: never[]) => unknown;
}

/** Puts the route's CachedRoute in the config Nest hands to Fastify with the route (@RouteConfig). */
export function CachedRouteConfig(options: CachedEndpointOptions): MethodDecorator {
  return (target, key, descriptor) => {
    const cached: CachedRoute = { options, classRef: target.constructor as Type, handler: descriptor.value as CachedRoute['handler'] };
    RouteConfig({ [CACHED_ROUTE]: cached })(target, key, descriptor);
  };
}
