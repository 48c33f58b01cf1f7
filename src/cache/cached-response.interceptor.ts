import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { firstValueFrom, from, Observable } from 'rxjs';
import { RequestWithPrincipal } from '../common/http/request-principal';
import { RouteMetadata } from '../common/http/route-metadata';
import { AppConfig } from '../config/app-config';
import { CACHED_ENDPOINT_KEY, CachedEndpointOptions } from './cached-endpoint.options';
import { CachedResponse } from './cached-response';
import { endpointKey, keyContext, wantsRefresh } from './endpoint-key';
import { entityTagOf, ifNoneMatchMatches } from './entity-tag';
import { CacheOutcome, CacheStats } from './cache-stats';
import { CacheStore, UNAVAILABLE } from './cache-store';
import { SingleFlight } from './single-flight';

type CachedRequest = FastifyRequest & RequestWithPrincipal;
interface FlightResult {
  response: CachedResponse;
  outcome: CacheOutcome;
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
/** A browser may keep a cached route's answer but must revalidate it (If-None-Match) before use. */
export const CACHED_ROUTE_CACHE_CONTROL = 'private, no-cache';

/**
 * Serves @CachedEndpoint GET routes from the per-user cache. The key comes from the verified
 * principal, never from client input; the entry is only served when it was written under the
 * validity token the guard read before this request touched the database.
 */
@Injectable()
export class CachedResponseInterceptor implements NestInterceptor {
  private readonly flights = new SingleFlight<FlightResult>();

  constructor(
    private readonly reflector: RouteMetadata,
    private readonly store: CacheStore,
    private readonly stats: CacheStats,
    private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<string | undefined> {
    const options = this.reflector.get<CachedEndpointOptions>(CACHED_ENDPOINT_KEY, context.getHandler());
    const request = context.switchToHttp().getRequest<CachedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(this.respond(options, request, reply, next));
  }

  private async respond(
    options: CachedEndpointOptions,
    request: CachedRequest,
    reply: FastifyReply,
    next: CallHandler,
  ): Promise<string | undefined> {
    const validity = request.cacheGeneration ?? null;
    const user = request.user!;
    if (validity === null || request.method !== 'GET') return this.bypass(options, request, reply, next);
    const prefetch = currentPrefetch(request);
    const key = prefetch?.key ?? endpointKey(options, request, user);
    const refresh = wantsRefresh(request);
    // Only a prefetched entry is used: a prefetched miss may be outdated by a flight that filled the
    // entry since the guard ran, so a miss is looked up again (the miss path pays that round trip).
    const prefetched = prefetch?.raw ?? undefined;
    const flight = refresh
      ? { result: this.compute(options, key, user.id, validity, next), leader: true }
      : this.flights.run(`${key}|${validity}`, () => this.lookupOrCompute(options, key, user.id, validity, next, prefetched));
    const { response, outcome } = await flight.result;
    // A follower was served without running the handler (a hit), unless the shared lookup could not reach the cache.
    const shown = refresh ? 'bypass' : flight.leader || outcome === 'bypass' ? outcome : 'hit';
    this.stats.record(options.group, shown);
    return this.send(request, reply, response, shown);
  }

  /**
   * A plain hit without Nest (EarlyHits), after the guards ran: the entry the guard prefetched with
   * the validity token, when it is current, recorded and applied to `reply` exactly as `respond`
   * does (the body to send, or undefined for a 304). Null for anything else: the request then goes
   * through Nest untouched.
   */
  answerPrefetchedHit(options: CachedEndpointOptions, request: CachedRequest, reply: FastifyReply): { body: string | undefined } | null {
    const validity = request.cacheGeneration ?? null;
    const prefetch = request.user ? currentPrefetch(request) : undefined;
    if (validity === null || request.method !== 'GET' || wantsRefresh(request) || !prefetch?.raw) return null;
    const cached = this.store.current(prefetch.raw, validity);
    if (!cached) return null;
    this.stats.record(options.group, 'hit');
    return { body: this.send(request, reply, cached, 'hit') };
  }

  private async lookupOrCompute(
    options: CachedEndpointOptions,
    key: string,
    userId: number,
    validity: string,
    next: CallHandler,
    prefetched: string | undefined,
  ) {
    const cached = await this.store.lookup(key, validity, prefetched);
    if (cached === UNAVAILABLE) return { response: await this.runHandler(next), outcome: 'bypass' as const };
    if (cached) return { response: cached, outcome: 'hit' as const };
    return this.compute(options, key, userId, validity, next);
  }

  private async compute(options: CachedEndpointOptions, key: string, userId: number, validity: string, next: CallHandler) {
    const response = await this.runHandler(next);
    const ttl = options.ttl ?? this.config.cache.ttlSeconds[options.group];
    if (response.statusCode >= 200 && response.statusCode < 300) await this.store.fill(userId, options.group, key, validity, response, ttl);
    return { response, outcome: 'miss' as const };
  }

  private async runHandler(next: CallHandler): Promise<CachedResponse> {
    const data: unknown = await firstValueFrom(next.handle(), { defaultValue: undefined });
    const body = JSON.stringify(data) ?? 'null';
    return { statusCode: 200, contentType: JSON_CONTENT_TYPE, etag: entityTagOf(body), body };
  }

  private async bypass(options: CachedEndpointOptions, request: CachedRequest, reply: FastifyReply, next: CallHandler): Promise<string | undefined> {
    this.stats.record(options.group, 'bypass');
    return this.send(request, reply, await this.runHandler(next), 'bypass');
  }

  /**
   * The stored (or just computed) response, or a 304 with no body when the client's If-None-Match
   * matches its ETag; both carry the ETag, Cache-Control and X-Cache (Vary is set for every /api answer).
   */
  private send(request: CachedRequest, reply: FastifyReply, response: CachedResponse, outcome: CacheOutcome): string | undefined {
    void reply.header('etag', response.etag).header('cache-control', CACHED_ROUTE_CACHE_CONTROL).header('x-cache', outcome.toUpperCase());
    if (ifNoneMatchMatches(request.headers['if-none-match'], response.etag)) {
      this.stats.notModified += 1;
      void reply.status(304);
      return undefined;
    }
    void reply.status(response.statusCode).header('content-type', response.contentType);
    return response.body;
  }
}

/**
 * The entry the guard read for this request and user, when its key was computed with the
 * principal's context (a stale memo had another time zone: then the key is computed anew).
 */
function currentPrefetch(request: CachedRequest): CachedRequest['cachePrefetch'] {
  return request.cachePrefetch?.context === keyContext(request.user!).join('\n') ? request.cachePrefetch : undefined;
}
