import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

export interface ProcessStatsReport {
  memoryMb: Record<string, number>;
  /** Event-loop delay since the previous report (ms): how late timers and I/O callbacks ran. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

const NS_PER_MS = 1e6;

/** Memory and event-loop delay of this process, for the report (e.g. a timer firing late under CPU load). */
@Injectable()
export class ProcessStats implements OnModuleDestroy {
  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });

  constructor() {
    this.delay.enable();
  }

  /** Reads and resets the event-loop histogram. */
  report(): ProcessStatsReport {
    const memoryMb = Object.fromEntries(Object.entries(process.memoryUsage()).map(([name, bytes]) => [name, Math.round(bytes / 1048576)]));
    const ms = (ns: number) => Math.round((ns / NS_PER_MS) * 10) / 10;
    const eventLoopDelayMs = { p50: ms(this.delay.percentile(50)), p99: ms(this.delay.percentile(99)), max: ms(this.delay.max) };
    this.delay.reset();
    return { memoryMb, eventLoopDelayMs };
  }

  onModuleDestroy(): void {
    this.delay.disable();
  }
}
