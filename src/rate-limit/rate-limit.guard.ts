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
  /** Each request's outcome: a cache hit answered early (EarlyHits) runs the guards before Nest may run them again. */
  private readonly outcomes = new WeakMap<object, Promise<boolean>>();

  /** The stock guard reads six metadata keys per limit and request: through RouteMetadata, each is read once per route. */
  constructor(@InjectThrottlerOptions() options: ThrottlerModuleOptions, @InjectThrottlerStorage() storage: ThrottlerStorage, metadata: RouteMetadata) {
    super(options, storage, metadata);
  }

  /** A request is counted once, whichever path runs the guard first; a second run gets the same answer (or the same 429). */
  override canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<object>();
    let outcome = this.outcomes.get(request);
    if (!outcome) this.outcomes.set(request, (outcome = super.canActivate(context)));
    return outcome;
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
