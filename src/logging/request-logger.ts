import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
// nestjs-pino's request context (what its PinoLogger reads); not re-exported by its index.
import { Store, storage } from 'nestjs-pino/storage';
import type { Logger } from 'pino';
import { RequestWithPrincipal } from '../common/http/request-principal';
import { AppConfig } from '../config/app-config';
import { clientAddress } from '../common/http/client-address';
import { APP_LOGGER } from './app-logger';

/**
 * Request logging: every line logged while a request is handled carries its `requestId` (the
 * X-Request-Id), and one line per request is written when the response has been sent, with the
 * route pattern, status, duration, user id and cache status. Never a body or a header.
 */
@Injectable()
export class RequestLogger {
  private readonly trustedHops: number;

  constructor(
    @Inject(APP_LOGGER) private readonly logger: Logger,
    config: AppConfig,
  ) {
    this.trustedHops = config.trustProxyHops;
  }

  /**
   * Runs the rest of the request in a nestjs-pino context whose logger (a child bound to the
   * request id) is only created if something logs.
   */
  bind(request: FastifyRequest, next: () => void): void {
    storage.run(new LazyStore(this.logger, request.id), next);
  }

  log(request: FastifyRequest, reply: FastifyReply): void {
    const failed = reply.statusCode >= 500;
    if (!this.logger.isLevelEnabled(failed ? 'error' : 'info')) return;
    const line = {
      requestId: request.id,
      method: request.method,
      route: request.routeOptions.url ?? null,
      url: request.url.slice(0, 256),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      userId: (request as RequestWithPrincipal).user?.id ?? null,
      cache: reply.getHeader('x-cache') ?? null,
      ip: clientAddress(request, this.trustedHops),
    };
    if (failed) this.logger.error(line, 'request failed');
    else this.logger.info(line, 'request completed');
  }
}

/** A class, not an object literal with accessors: V8 builds one of these per request cheaply. */
class LazyStore implements Store {
  private bound: Logger | undefined;

  constructor(
    private readonly root: Logger,
    private readonly requestId: string,
  ) {}

  get logger(): Logger {
    return (this.bound ??= this.root.child({ requestId: this.requestId }));
  }

  set logger(value: Logger) {
    this.bound = value;
  }
}
