import { ExecutionContext, Injectable } from '@nestjs/common';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { OncePerRequest } from '../common/http/once-per-request';
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
  private readonly once = new OncePerRequest();

  /** The stock guard reads six metadata keys per limit and request: through RouteMetadata, each is read once per route. */
  constructor(@InjectThrottlerOptions() options: ThrottlerModuleOptions, @InjectThrottlerStorage() storage: ThrottlerStorage, metadata: RouteMetadata) {
    super(options, storage, metadata);
  }

  /** Per handler: the one throttler that applies when it is the only one (see onlyThrottler), else null. */
  private readonly soleThrottlers = new WeakMap<object, ThrottlerOptions | null>();

  /** A request is counted once, whichever path runs the guard first; a second run gets the same answer (or the same 429). */
  override canActivate(context: ExecutionContext): Promise<boolean> {
    return this.once.decide(context, () => this.evaluate(context));
  }

  /**
   * Where one throttler alone applies (every route but login, registration, health and metrics:
   * the per-user limit), the stock guard's own handleRequest for it, without the stock loop's
   * skip checks, metadata reads and awaited settings of the others on every request.
   */
  private evaluate(context: ExecutionContext): Promise<boolean> {
    const throttler = this.onlyThrottler(context);
    if (!throttler) return super.canActivate(context);
    const ttl = throttler.ttl as number;
    return this.handleRequest({
      context,
      limit: throttler.limit as number,
      ttl,
      throttler,
      blockDuration: (throttler.blockDuration as number | undefined) ?? ttl,
      getTracker: throttler.getTracker ?? this.commonOptions.getTracker!,
      generateKey: throttler.generateKey ?? this.commonOptions.generateKey!,
    });
  }

  /**
   * The route's only throttler when its settings are plain numbers and nothing on the route
   * changes them (no @Throttle, @SkipThrottle or other THROTTLER:* metadata); null otherwise.
   * Depends on route metadata only, so it is worked out once per handler.
   */
  private onlyThrottler(context: ExecutionContext): ThrottlerOptions | null {
    const handler = context.getHandler();
    const known = this.soleThrottlers.get(handler);
    if (known !== undefined) return known;
    const routeSettings = [handler, context.getClass()].some((target) => Reflect.getMetadataKeys(target).some((key) => String(key).startsWith('THROTTLER:')));
    const applying = rateLimitPolicy(context) === 'exempt' ? [] : this.throttlers.filter((throttler) => !(throttler.skipIf ?? this.commonOptions.skipIf)?.(context));
    const [only] = applying;
    const plain = applying.length === 1 && typeof only.limit === 'number' && typeof only.ttl === 'number' && typeof (only.blockDuration ?? 0) === 'number';
    const sole = !routeSettings && plain && !only.ignoreUserAgents && !this.commonOptions.ignoreUserAgents ? only : null;
    this.soleThrottlers.set(handler, sole);
    return sole;
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
