import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Metric } from 'prom-client';

/**
 * Delivery metrics of this instance (API.md § Metrics), registered by MetricsService in the app's
 * registry: sent and failed deliveries by kind and channel, retries, channels removed, latency.
 */
@Injectable()
export class NotificationStats {
  readonly sent = new Counter({ name: 'notification_deliveries_sent_total', help: 'Notifications delivered (2xx), by kind and channel', labelNames: ['kind', 'channel'], registers: [] });
  readonly failed = new Counter({ name: 'notification_deliveries_failed_total', help: 'Notifications given up (final refusal or retries exhausted)', labelNames: ['kind', 'channel'], registers: [] });
  readonly retries = new Counter({ name: 'notification_delivery_retries_total', help: 'Attempts that failed and were scheduled again', labelNames: ['kind', 'channel'], registers: [] });
  readonly removals = new Counter({ name: 'notification_channels_removed_total', help: 'Push channels removed because the push service said 404 or 410', registers: [] });
  readonly latency = new Histogram({
    name: 'notification_delivery_latency_seconds',
    help: "From a notification's instant (a reminder's time) to its 2xx",
    labelNames: ['kind', 'channel'],
    buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800, 7200],
    registers: [],
  });

  metrics(): Metric[] {
    return [this.sent, this.failed, this.retries, this.removals, this.latency];
  }
}
