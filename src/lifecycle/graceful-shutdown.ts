import type { Server } from 'node:http';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { HealthService } from '../health/health.service';

const IDLE_SWEEP_MS = 100;

/**
 * On SIGTERM (Nest's shutdown hooks) and on app.close(): readiness turns 503 (on a signal, the
 * server goes on serving for SHUTDOWN_DRAIN_DELAY_MS so that a load balancer notices), the server stops
 * accepting connections, requests in flight finish — for at most SHUTDOWN_GRACE_MS, after which
 * their connections are cut — and only then do the later hooks close the database and Redis.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(GracefulShutdown.name);
  private readonly graceMs: number;
  private readonly drainDelayMs: number;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly health: HealthService,
    config: AppConfig,
  ) {
    this.graceMs = config.shutdownGraceMs;
    this.drainDelayMs = config.shutdownDrainDelayMs;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.health.startDraining();
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return;
    if (signal) this.logger.log(`${signal}: draining (at most ${this.graceMs} ms)`);
    // Behind a load balancer: keep serving while its health check sees readiness 503 and takes
    // this instance out, so that no request is sent to a closed port.
    if (signal && this.drainDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.drainDelayMs));
    if (!(await drain(server, this.graceMs))) {
      this.logger.warn(`Requests still in flight after ${this.graceMs} ms: their connections are closed`);
      server.closeAllConnections();
    }
  }
}

/** Stops accepting, closes connections as they become idle; true when all closed within `graceMs`. */
function drain(server: Server, graceMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sweeper = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const deadline = setTimeout(() => finish(false), graceMs);
    function finish(drained: boolean): void {
      clearInterval(sweeper);
      clearTimeout(deadline);
      resolve(drained);
    }
    server.close(() => finish(true));
  });
}
