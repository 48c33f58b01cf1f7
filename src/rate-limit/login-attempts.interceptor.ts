import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { mergeMap, Observable } from 'rxjs';
import { LimitedRequest, RateLimitKeys } from './rate-limit-keys';
import { RateLimitStorage } from './rate-limit.storage';
import { LOGIN_PER_ACCOUNT, LOGIN_PER_IP } from './throttlers';

/**
 * The login limits count failed attempts. Every attempt is counted before the password is
 * checked (atomically, so concurrent guesses cannot slip past the limit); a login that succeeds
 * gives its hit back before answering.
 */
@Injectable()
export class LoginAttemptsInterceptor implements NestInterceptor {
  constructor(
    private readonly keys: RateLimitKeys,
    private readonly storage: RateLimitStorage,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<LimitedRequest>();
    return next.handle().pipe(
      mergeMap(async (response: unknown) => {
        await Promise.all([
          this.storage.refund(this.keys.key(LOGIN_PER_ACCOUNT, this.keys.loginAccount(request))),
          this.storage.refund(this.keys.key(LOGIN_PER_IP, this.keys.clientAddress(request))),
        ]);
        return response;
      }),
    );
  }
}
