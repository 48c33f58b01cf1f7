import { CacheGroup } from '../cache/cache-group';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'postgres'; url: string; schema?: string };

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

/**
 * The validated, typed settings of the application. Used as a DI token:
 * inject `AppConfig` wherever a setting is needed; nothing reads process.env directly.
 */
export abstract class AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  database: DatabaseConfig;
  redisUrl: string | undefined;
  cache: {
    enabled: boolean;
    ttlSeconds: Record<CacheGroup, number>;
    /** Deadline for one cache operation against Redis. */
    operationTimeoutMs: number;
  };
  jwt: { secret: string; expiresInSeconds: number };
  adminEmails: string[];
  corsOrigins: string[];
  rateLimit: RateLimitConfig;
  metricsEnabled: boolean;
  logLevel: string;
  shutdownGraceMs: number;
}
