import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, DatabaseConfig, DatabaseLimits, LOG_LEVELS, RateLimitConfig, RedisNodeAddress, RedisTopology, VapidConfig } from './app-config';

type Env = Record<string, string | undefined>;

/** web/dist from both src/config (ts-node, Jest) and dist/config (compiled): the same depth below the project root. */
const DEFAULT_WEB_DIST_DIR = join(__dirname, '..', '..', 'web', 'dist');
const DEV_JWT_SECRET = 'dev-only-secret-change-me-dev-only-secret';
const DURATION = /^(\d+)\s*(s|m|h|d)?$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Thrown when a setting is invalid; the message names every bad setting. */
export class ConfigError extends Error {}

/** Reads and validates every setting of API.md; throws a ConfigError naming each bad one. */
export function loadAppConfig(env: Env): AppConfig {
  const reader = new EnvReader(env);
  const nodeEnv = reader.oneOf('NODE_ENV', ['development', 'production', 'test'], 'development');
  const config: AppConfig = {
    nodeEnv,
    port: reader.integer('PORT', 3000, 0, 65535),
    database: reader.database(),
    redisUrl: reader.redisUrl(),
    redisPassword: reader.redisPassword(),
    redisTlsCaFile: reader.readableFile('REDIS_TLS_CA_FILE'),
    redisTopology: readRedisTopology(reader),
    cache: {
      enabled: reader.boolean('CACHE_ENABLED', true),
      ttlSeconds: {
        analytics: reader.integer('CACHE_TTL_ANALYTICS', 3600, 1),
        categories: reader.integer('CACHE_TTL_CATEGORIES', 86400, 1),
        habits: reader.integer('CACHE_TTL_HABITS', 900, 1),
        records: reader.integer('CACHE_TTL_RECORDS', 900, 1),
      },
      operationTimeoutMs: reader.integer('CACHE_OPERATION_TIMEOUT_MS', 100, 1, 10000),
    },
    jwt: { secret: reader.jwtSecret(nodeEnv), expiresInSeconds: reader.duration('JWT_EXPIRES_IN', '15m') },
    sessions: {
      refreshIdleDays: reader.integer('AUTH_REFRESH_IDLE_DAYS', 14, 1, 3650),
      maxDays: reader.integer('AUTH_SESSION_MAX_DAYS', 30, 1, 3650),
      refreshGraceSeconds: reader.integer('AUTH_REFRESH_GRACE_SECONDS', 10, 0, 3600),
    },
    sync: { tombstoneDays: reader.integer('SYNC_TOMBSTONE_DAYS', 90, 1, 36500) },
    adminEmails: reader.list('ADMIN_EMAILS').map((email) => email.toLowerCase()),
    corsOrigins: reader.list('CORS_ORIGINS'),
    publicUrl: reader.origin('PUBLIC_URL'),
    trustProxyHops: reader.integer('TRUST_PROXY_HOPS', 0, 0, 10),
    rateLimit: readRateLimits(reader),
    metricsEnabled: reader.boolean('METRICS_ENABLED', true),
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    shutdownGraceMs: reader.integer('SHUTDOWN_GRACE_MS', 10000, 0, 120000),
    webDistDir: reader.text('WEB_DIST_DIR') ?? DEFAULT_WEB_DIST_DIR,
    shutdownDrainDelayMs: reader.integer('SHUTDOWN_DRAIN_DELAY_MS', 0, 0, 60000),
    events: { heartbeatMs: reader.integer('EVENTS_HEARTBEAT_MS', 25000, 50, 25000) },
    outbound: { allowPrivate: reader.boolean('OUTBOUND_ALLOW_PRIVATE', false), allowHttp: reader.boolean('OUTBOUND_ALLOW_HTTP', false) },
    reminders: { lateLimitMinutes: reader.integer('REMINDER_LATE_LIMIT_MINUTES', 60, 1, 1440), pollMs: reader.integer('REMINDER_POLL_MS', 5000, 50, 60000) },
    vapid: reader.vapid(),
  };
  reader.throwIfInvalid();
  return config;
}

function readRateLimits(reader: EnvReader): RateLimitConfig {
  return {
    loginPerEmail: reader.integer('RATE_LIMIT_LOGIN_PER_EMAIL', 5, 1),
    loginPerIp: reader.integer('RATE_LIMIT_LOGIN_PER_IP', 30, 1),
    loginWindowSeconds: reader.integer('RATE_LIMIT_LOGIN_WINDOW_SECONDS', 900, 1),
    registerPerIp: reader.integer('RATE_LIMIT_REGISTER_PER_IP', 20, 1),
    registerWindowSeconds: reader.integer('RATE_LIMIT_REGISTER_WINDOW_SECONDS', 3600, 1),
    perUser: reader.integer('RATE_LIMIT_PER_USER', 6000, 1),
    windowSeconds: reader.integer('RATE_LIMIT_WINDOW_SECONDS', 60, 1),
  };
}

class EnvReader {
  private readonly errors: string[] = [];

  constructor(private readonly env: Env) {}

  throwIfInvalid(): void {
    if (this.errors.length > 0) {
      throw new ConfigError(`Invalid settings:\n  - ${this.errors.join('\n  - ')}`);
    }
  }

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  fail<T>(name: string, message: string, fallback: T): T {
    this.errors.push(`${name}: ${message}`);
    return fallback;
  }

  integer(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      return this.fail(name, `expected a whole number from ${min} to ${max}, got "${value}"`, fallback);
    }
    return parsed;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes', 'on'].includes(value)) return true;
    if (['false', '0', 'no', 'off'].includes(value)) return false;
    return this.fail(name, `expected true or false, got "${value}"`, fallback);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(name, `expected one of ${allowed.join(', ')}, got "${value}"`, fallback);
  }

  text(name: string): string | undefined {
    return this.raw(name);
  }

  list(name: string): string[] {
    return (this.raw(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
  }

  duration(name: string, fallback: string): number {
    const value = this.raw(name) ?? fallback;
    const match = DURATION.exec(value);
    const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] ?? 's'] : 0;
    if (seconds <= 0) return this.fail(name, `expected a duration such as 900, 15m, 12h or 7d, got "${value}"`, 0);
    return seconds;
  }

  database(): DatabaseConfig {
    const url = this.raw('DATABASE_URL') ?? 'sqlite:data/habits.sqlite';
    const schema = this.raw('DATABASE_SCHEMA');
    const limits = this.databaseLimits();
    if (url.startsWith('sqlite:')) {
      const path = url.slice('sqlite:'.length);
      if (path === '') return this.fail('DATABASE_URL', 'sqlite: needs a file path or :memory:', { type: 'sqlite', path: ':memory:', limits });
      return { type: 'sqlite', path, limits };
    }
    if (/^postgres(ql)?:\/\/[^/]+/.test(url) && isUrl(url)) return { type: 'postgres', url, schema, limits };
    return this.fail('DATABASE_URL', `expected sqlite:<path>, sqlite::memory: or postgres://user:pass@host:port/db, got "${url}"`, {
      type: 'sqlite',
      path: ':memory:',
      limits,
    });
  }

  private databaseLimits(): DatabaseLimits {
    return {
      statementTimeoutMs: this.integer('DATABASE_STATEMENT_TIMEOUT_MS', 5000, 100, 600000),
      lockTimeoutMs: this.integer('DATABASE_LOCK_TIMEOUT_MS', 2000, 50, 600000),
      poolSize: this.integer('DATABASE_POOL_SIZE', 10, 2, 1000),
      poolWaitMs: this.integer('DATABASE_POOL_WAIT_MS', 2000, 50, 600000),
    };
  }

  /** `host:port,host:port,…` (at least one); undefined when unset. */
  nodeList(name: string): RedisNodeAddress[] | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const nodes = value.split(',').map((item) => parseNode(item.trim()));
    if (nodes.some((node) => node === null)) return this.fail(name, `expected host:port,host:port,…, got "${value}"`, undefined);
    return nodes as RedisNodeAddress[];
  }

  /** A path that must name a readable file (checked at start-up, so a typo stops it). */
  readableFile(name: string): string | undefined {
    const path = this.raw(name);
    if (path === undefined) return undefined;
    try {
      accessSync(path, constants.R_OK);
      return path;
    } catch {
      return this.fail(name, `cannot read the file "${path}"`, undefined);
    }
  }

  /** Any characters, taken as they are (no trimming, no URL-encoding); it needs REDIS_URL. */
  redisPassword(): string | undefined {
    const password = this.env.REDIS_PASSWORD;
    if (password === undefined || password === '') return undefined;
    const where = ['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'];
    if (where.every((name) => this.raw(name) === undefined)) {
      return this.fail('REDIS_PASSWORD', 'is set, but REDIS_URL is not, nor REDIS_CLUSTER_NODES or REDIS_SENTINELS (the password of which Redis?)', undefined);
    }
    return password;
  }

  /** An http(s) origin such as https://habits.example.org (a trailing slash is fine; a path, query or fragment is not). */
  origin(name: string): string | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    const url = isUrl(value) ? new URL(value) : undefined;
    const plain = url !== undefined && /^https?:$/.test(url.protocol) && url.pathname === '/' && !url.search && !url.hash && !url.username;
    if (!plain) return this.fail(name, `expected an origin such as https://habits.example.org, got "${value}"`, null);
    return url.origin;
  }

  /** VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: both (base64url) or neither (then the server makes and keeps a pair). */
  vapid(): VapidConfig {
    const subject = this.raw('VAPID_SUBJECT') ?? 'mailto:admin@localhost';
    if (!/^(mailto:|https:\/\/)\S+$/.test(subject)) this.fail('VAPID_SUBJECT', `expected a mailto: or https: URL, got "${subject}"`, null);
    const publicKey = this.raw('VAPID_PUBLIC_KEY');
    const privateKey = this.raw('VAPID_PRIVATE_KEY');
    if ((publicKey === undefined) !== (privateKey === undefined)) {
      return this.fail('VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY', 'set both or neither', { subject, keys: null });
    }
    if (publicKey === undefined || privateKey === undefined) return { subject, keys: null };
    if (!/^[A-Za-z0-9_-]+$/.test(publicKey) || Buffer.from(publicKey, 'base64url').length !== 65) this.fail('VAPID_PUBLIC_KEY', 'expected the base64url of a 65-byte P-256 point', null);
    if (!/^[A-Za-z0-9_-]+$/.test(privateKey) || Buffer.from(privateKey, 'base64url').length !== 32) this.fail('VAPID_PRIVATE_KEY', 'expected the base64url of a 32-byte P-256 key', null);
    return { subject, keys: { publicKey, privateKey } };
  }

  /** REDIS_URL; with a Cluster or Sentinel and no REDIS_URL, `redis://` + the first seed node (the scheme, no credentials). */
  redisUrl(): string | undefined {
    const seeds = this.raw('REDIS_CLUSTER_NODES') ?? this.raw('REDIS_SENTINELS');
    const url = this.raw('REDIS_URL') ?? (seeds ? `redis://${seeds.split(',')[0].trim()}` : undefined);
    if (url === undefined) return undefined;
    if (/^rediss?:\/\/[^/]+/.test(url) && isUrl(url)) return url;
    return this.fail('REDIS_URL', `expected redis://[user:pass@]host:port[/db] or rediss://…, got "${url}"`, undefined);
  }

  jwtSecret(nodeEnv: AppConfig['nodeEnv']): string {
    const secret = this.raw('JWT_SECRET');
    if (nodeEnv !== 'production') return secret ?? DEV_JWT_SECRET;
    if (secret === undefined) return this.fail('JWT_SECRET', 'is required when NODE_ENV=production', '');
    if (secret.length < 32) return this.fail('JWT_SECRET', 'must be at least 32 characters long in production', '');
    return secret;
  }
}

/** REDIS_CLUSTER_NODES or REDIS_SENTINELS + REDIS_SENTINEL_MASTER (never both), else one server. */
function readRedisTopology(reader: EnvReader): RedisTopology {
  const clusterNodes = reader.nodeList('REDIS_CLUSTER_NODES');
  const sentinels = reader.nodeList('REDIS_SENTINELS');
  const masterName = reader.text('REDIS_SENTINEL_MASTER');
  if (clusterNodes && (sentinels || masterName)) {
    return reader.fail('REDIS_CLUSTER_NODES', 'cannot be combined with REDIS_SENTINELS / REDIS_SENTINEL_MASTER (a Cluster or Sentinel, not both)', { kind: 'single' });
  }
  if (sentinels && !masterName) return reader.fail('REDIS_SENTINEL_MASTER', 'is required with REDIS_SENTINELS (the name of the master the sentinels watch)', { kind: 'single' });
  if (masterName && !sentinels) return reader.fail('REDIS_SENTINELS', 'is required with REDIS_SENTINEL_MASTER (host:port,… of the sentinels)', { kind: 'single' });
  if (clusterNodes) return { kind: 'cluster', nodes: clusterNodes };
  if (sentinels && masterName) return { kind: 'sentinel', sentinels, masterName };
  return { kind: 'single' };
}

function parseNode(item: string): RedisNodeAddress | null {
  const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/.exec(item);
  const port = match ? Number(match[2]) : 0;
  if (!match || port < 1 || port > 65535) return null;
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

function isUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
