import { CanActivate, Injectable } from '@nestjs/common';
import { GUARDS_METADATA, HEADERS_METADATA, HTTP_CODE_METADATA, INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RequestWithPrincipal } from '../common/http/request-principal';
import { CACHED_ROUTE, CachedRoute } from './cached-route';
import { CachedResponseInterceptor } from './cached-response.interceptor';

type CachedRequest = FastifyRequest & RequestWithPrincipal;

/**
 * Answers a plain cache hit from a Fastify preHandler of the cached route, before Nest's router,
 * its RxJS pipeline and the handler's pipes: the same global guards Nest runs (authentication,
 * revocation, roles, rate limit), in the same order, then the same interceptor's hit. Anything
 * else (a guard refusing or failing, no prefetched entry, a miss, a refresh, Redis unavailable)
 * returns without touching the reply, and Nest handles the request as if this did not exist.
 * The guards that decide once per request (authentication, rate limit: OncePerRequest) give Nest
 * the answer they gave here, so a miss is not authenticated, nor counted, twice.
 */
@Injectable()
export class EarlyHits {
  /** Hits answered here (a test and the bench read it; /metrics counts them with every other hit). */
  served = 0;

  constructor(private readonly interceptor: CachedResponseInterceptor) {}

  /** Adds the preHandler to every cached GET route Nest registers from now on; `guards` are Nest's global guards, in order. */
  attach(fastify: FastifyInstance, guards: readonly CanActivate[]): void {
    fastify.addHook('onRoute', (route) => {
      const cached = (route.config as Record<string, unknown> | undefined)?.[CACHED_ROUTE] as CachedRoute | undefined;
      if (!cached || route.method !== 'GET' || !answersAlone(cached)) return;
      const early = (request: FastifyRequest, reply: FastifyReply) => this.serve(cached, guards, request, reply);
      route.preHandler = [...hooksOf(route.preHandler), early];
    });
  }

  private async serve(route: CachedRoute, guards: readonly CanActivate[], request: CachedRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (request.method !== 'GET') return undefined;
    const context = new ExecutionContextHost([request, reply], route.classRef, route.handler);
    try {
      for (const guard of guards) if (!(await guard.canActivate(context))) return undefined;
    } catch {
      // Nest runs the guards again (they answer as they did here) and its exception filter answers the 401, 403 or 429.
      return undefined;
    }
    const hit = this.interceptor.answerPrefetchedHit(route.options, request, reply);
    if (!hit) return undefined;
    this.served += 1;
    return reply.send(hit.body);
  }
}

/**
 * Only routes whose whole Nest pipeline on a hit is the global guards and the cache interceptor:
 * no guard or interceptor of their own, no @Header or @HttpCode.
 */
function answersAlone({ classRef, handler }: CachedRoute): boolean {
  const read = (key: string, target: object) => Reflect.getMetadata(key, target) as unknown[] | undefined;
  const interceptors = read(INTERCEPTORS_METADATA, handler) ?? [];
  if (interceptors.length !== 1 || interceptors[0] !== CachedResponseInterceptor || read(INTERCEPTORS_METADATA, classRef)?.length) return false;
  if (read(GUARDS_METADATA, handler)?.length || read(GUARDS_METADATA, classRef)?.length) return false;
  return read(HEADERS_METADATA, handler) === undefined && read(HTTP_CODE_METADATA, handler) === undefined;
}

function hooksOf<T>(hooks: T | T[] | undefined): T[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}
