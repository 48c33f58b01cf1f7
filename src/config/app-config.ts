import { CacheGroup } from '../common/change-groups';

/** Deadlines and pool limits of the database (see docs/operations.md, "When the database is slow or gone"). */
export interface DatabaseLimits {
  /** PostgreSQL statement_timeout of every pool connection. */
  statementTimeoutMs: number;
  /** PostgreSQL lock_timeout; SQLite's busy timeout (how long a write waits for another writer). */
  lockTimeoutMs: number;
  /** PostgreSQL: connections in the pool. */
  poolSize: number;
  /** PostgreSQL: how long a query waits for a free pool connection (or a new one to open). */
  poolWaitMs: number;
}

export type DatabaseConfig = (
  | { type: 'sqlite'; path: string }
  | { type: 'postgres'; url: string; schema?: string }
) & { limits: DatabaseLimits };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface RateLimitConfig {
  /** Failed logins allowed per (IP, email) in `loginWindowSeconds`. */
  loginPerEmail: number;
  /** Failed logins allowed per IP in `loginWindowSeconds`. */
  loginPerIp: number;
  loginWindowSeconds: number;
  registerPerIp: number;
  registerWindowSeconds: number;
  /** Requests per authenticated user (or per IP when anonymous) in `windowSeconds`. */
  perUser: number;
  windowSeconds: number;
}

export interface EventsConfig {
  /** Interval of the comment every open event stream receives (and of its slot refresh in Redis). */
  heartbeatMs: number;
}

export interface RedisNodeAddress {
  host: string;
  port: number;
}

export type RedisTopology =
  | { kind: 'single' }
  | { kind: 'cluster'; nodes: RedisNodeAddress[] }
  | { kind: 'sentinel'; sentinels: RedisNodeAddress[]; masterName: string };

/**
 * The validated, typed settings of the application. Used as a DI token:
 * inject `AppConfig` wherever a setting is needed; nothing reads process.env directly.
 */
export abstract class AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  database: DatabaseConfig;
  redisUrl: string | undefined;
  /** REDIS_PASSWORD: wins over a password in REDIS_URL. */
  redisPassword: string | undefined;
  /** PEM file of the CA that signed a rediss:// server's certificate (a private CA). */
  redisTlsCaFile: string | undefined;
  /** How the Redis of REDIS_URL is reached: one server, a Cluster (REDIS_CLUSTER_NODES) or Sentinel (REDIS_SENTINELS). */
  redisTopology: RedisTopology;
  cache: {
    enabled: boolean;
    ttlSeconds: Record<CacheGroup, number>;
    /** Deadline for one cache operation against Redis. */
    operationTimeoutMs: number;
  };
  jwt: { secret: string; expiresInSeconds: number };
  /** Refresh-token sessions (API.md § Sessions). */
  sessions: {
    /** A refresh token unused this long expires. */
    refreshIdleDays: number;
    /** A session ends this long after its login, whatever happens. */
    maxDays: number;
    /** How long the just-replaced refresh token is accepted again (a retry after a lost answer). */
    refreshGraceSeconds: number;
  };
  /** How long deletions are remembered for GET /api/sync (a cursor older than that gets a full sync). */
  sync: { tombstoneDays: number };
  adminEmails: string[];
  corsOrigins: string[];
  /** PUBLIC_URL: the API's public origin (`https://habits.example.org`, no path), or null when not set. */
  publicUrl: string | null;
  /**
   * How many reverse proxies (load balancers) stand in front of the API and append to
   * X-Forwarded-For. 0: the client is the TCP peer and X-Forwarded-For is ignored.
   */
  trustProxyHops: number;
  rateLimit: RateLimitConfig;
  metricsEnabled: boolean;
  logLevel: LogLevel;
  shutdownGraceMs: number;
  /** The built web app served at `/` (absent: the API runs alone). */
  webDistDir: string;
  /** After SIGTERM, how long readiness says 503 while requests are still served (a load balancer's health check interval × its fall count). */
  shutdownDrainDelayMs: number;
  events: EventsConfig;
  /** Webhooks' reach (API.md § Outbound addresses): non-public addresses and plain http are refused unless allowed. */
  outbound: { allowPrivate: boolean; allowHttp: boolean };
  /** REMINDER_LATE_LIMIT_MINUTES: a firing later than this is skipped as `late`; REMINDER_POLL_MS: how often each instance looks for due reminders. */
  reminders: { lateLimitMinutes: number; pollMs: number };
  /** Web Push identity; `keys` null: generated once and kept in the database (server_keys). */
  vapid: VapidConfig;
}

export interface VapidConfig {
  subject: string;
  keys: { publicKey: string; privateKey: string } | null;
}
