import { ExecutionContext, Injectable } from '@nestjs/common';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { RouteMetadata } from '../common/http/route-metadata';
import { rateLimitPolicy } from './rate-limit-policy';

/**
 * @nestjs/throttler's guard with our policies: health and metrics are never limited, and a 429
 * carries the standard `Retry-After` and `X-RateLimit-*` of the limit that was exceeded (the stock
 * guard names them after the throttler, e.g. `Retry-After-login-email`).
 *
 * Registered after JwtAuthGuard (RateLimitModule comes after AuthModule), so that the per-user
 * limit knows the user.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  /** The stock guard reads six metadata keys per limit and request: through RouteMetadata, each is read once per route. */
  constructor(@InjectThrottlerOptions() options: ThrottlerModuleOptions, @InjectThrottlerStorage() storage: ThrottlerStorage, metadata: RouteMetadata) {
    super(options, storage, metadata);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return rateLimitPolicy(context) === 'exempt';
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const { res } = this.getRequestResponse(context);
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    this.setResponseHeader(res, 'Retry-After', retryAfter);
    this.setResponseHeader(res, `${this.headerPrefix}-Limit`, detail.limit);
    this.setResponseHeader(res, `${this.headerPrefix}-Remaining`, 0);
    this.setResponseHeader(res, `${this.headerPrefix}-Reset`, retryAfter);
    await super.throwThrottlingException(context, detail);
  }
}
