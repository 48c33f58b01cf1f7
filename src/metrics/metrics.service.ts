import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CACHE_GROUPS } from '../common/change-groups';
import { CacheOutcome, CacheStats } from '../cache/cache-stats';
import { CacheStore } from '../cache/cache-store';
import { FeedStats } from '../changes/feed-stats';
import { registerReminderMetrics } from './reminder-metrics';
import { HealthService } from '../health/health.service';
import { NotificationStats } from '../notifications/notification-stats';
import { RateLimitStorage } from '../rate-limit/rate-limit.storage';
import { ReminderStats } from '../reminders/reminder-stats';
import { SessionStats } from '../sessions/session-stats';

const OUTCOMES: CacheOutcome[] = ['hit', 'miss', 'bypass'];
const CIRCUIT_STATES = ['closed', 'open', 'half-open', 'disabled'];
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Prometheus metrics of this application instance, in a registry of its own (several instances
 * may share a process in tests). Request durations are observed as responses are sent; cache
 * counters are read from CacheStats at scrape time; dependency gauges are probed at scrape time.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  private readonly databaseUp: Gauge;
  private readonly redisUp: Gauge | null;

  constructor(
    private readonly health: HealthService,
    stats: CacheStats,
    store: CacheStore,
    rateLimits: RateLimitStorage,
    sessions: SessionStats,
    feed: FeedStats,
    notifications: NotificationStats,
    reminders: ReminderStats,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route pattern and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    registerCacheMetrics(registers, stats, store);
    registerFeedMetrics(registers, feed);
    registerReminderMetrics(registers, reminders);
    new Gauge({
      name: 'rate_limit_shared',
      help: '1 while rate limits are counted in Redis (shared by every instance), 0 while per instance',
      registers,
      collect() {
        this.set(rateLimits.shared ? 1 : 0);
      },
    });
    new Counter({
      name: 'rate_limit_fallback_hits_total',
      help: 'Exact rate-limit hits counted in process memory because Redis could not be reached',
      registers,
      collect() {
        this.reset();
        this.inc(rateLimits.fallbackHits);
      },
    });
    registerSessionMetrics(registers, sessions);
    for (const metric of notifications.metrics()) this.registry.registerMetric(metric);
    this.databaseUp = new Gauge({ name: 'database_up', help: '1 when the database answered SELECT 1 at scrape time', registers });
    this.redisUp = store.mode === 'redis' ? new Gauge({ name: 'redis_up', help: '1 when Redis answered PING at scrape time', registers }) : null;
  }

  observe(request: FastifyRequest, reply: FastifyReply): void {
    const route = request.routeOptions.url ?? 'unmatched';
    this.httpDuration.observe({ method: request.method, route, status_code: reply.statusCode }, reply.elapsedTime / 1000);
  }

  /** The Prometheus text exposition, with the dependency gauges probed now (bounded, < 1 s). */
  async scrape(): Promise<string> {
    const { checks } = await this.health.readiness();
    this.databaseUp.set(checks.database.status === 'up' ? 1 : 0);
    this.redisUp?.set(checks.redis.status === 'up' ? 1 : 0);
    return this.registry.metrics();
  }
}

function registerCacheMetrics(registers: Registry[], stats: CacheStats, store: CacheStore): void {
  new Counter({
    name: 'cache_requests_total',
    help: 'Cached-route responses by group and outcome (hit, miss, bypass)',
    labelNames: ['group', 'outcome'],
    registers,
    collect() {
      this.reset();
      for (const group of CACHE_GROUPS) for (const outcome of OUTCOMES) this.inc({ group, outcome }, stats.byGroup[group][outcome]);
    },
  });
  new Counter({
    name: 'cache_fragments_total',
    help: "Analytics fragments (one habit's part of a report) looked up: hit (served from the cache) or miss (computed)",
    labelNames: ['outcome'],
    registers,
    collect() {
      this.reset();
      this.inc({ outcome: 'hit' }, stats.fragments.hit);
      this.inc({ outcome: 'miss' }, stats.fragments.miss);
    },
  });
  new Counter({
    name: 'cache_not_modified_total',
    help: 'Cached-route answers of 304 Not Modified (If-None-Match matched the ETag)',
    registers,
    collect() {
      this.reset();
      this.inc(stats.notModified);
    },
  });
  new Counter({
    name: 'cache_invalidations_total',
    help: "User invalidations (every mutation drops all of that user's cached responses, in every group)",
    registers,
    collect() {
      this.reset();
      this.inc(stats.invalidations);
    },
  });
  new Counter({
    name: 'cache_errors_total',
    help: 'Cache operations that failed or missed their deadline (the request was served from the database)',
    registers,
    collect() {
      this.reset();
      this.inc(stats.errors);
    },
  });
  new Gauge({
    name: 'cache_circuit_breaker_state',
    help: 'Circuit breaker in front of the cache store: 1 for the current state',
    labelNames: ['state'],
    registers,
    collect() {
      for (const state of CIRCUIT_STATES) this.set({ state }, store.circuitState === state ? 1 : 0);
    },
  });
}

function registerSessionMetrics(registers: Registry[], stats: SessionStats): void {
  new Counter({
    name: 'auth_refreshes_total',
    help: 'Refresh tokens rotated (including grace-window retries) on this instance',
    registers,
    collect() {
      this.reset();
      this.inc(stats.refreshes);
    },
  });
  new Counter({
    name: 'auth_refresh_reuses_total',
    help: 'Spent refresh tokens presented again (each one ended its session) on this instance',
    registers,
    collect() {
      this.reset();
      this.inc(stats.reuses);
    },
  });
}

function registerFeedMetrics(registers: Registry[], feed: FeedStats): void {
  new Gauge({
    name: 'events_open_streams',
    help: 'Change-feed streams (GET /api/events) open on this instance',
    registers,
    collect() {
      this.set(feed.openStreams);
    },
  });
  new Counter({
    name: 'events_sent_total',
    help: 'Change-feed events written to streams, by event (change, end)',
    labelNames: ['event'],
    registers,
    collect() {
      this.reset();
      for (const [event, count] of Object.entries(feed.sent)) this.inc({ event }, count);
    },
  });
  new Counter({
    name: 'events_slow_clients_dropped_total',
    help: 'Change-feed streams dropped because their client left too much unread',
    registers,
    collect() {
      this.reset();
      this.inc(feed.slowClientsDropped);
    },
  });
  new Counter({
    name: 'events_resyncs_total',
    help: 'Times every open stream was told to refetch everything after the fan-out was interrupted',
    registers,
    collect() {
      this.reset();
      this.inc(feed.resyncs);
    },
  });
}
