import { CacheInterceptor } from '@nestjs/cache-manager';
import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Cache } from 'cache-manager';
import { RequestWithPrincipal } from '../../src/common/http/request-principal';
import { STOCK_CACHE } from './stock-cache.provider';

/**
 * The stock `CacheInterceptor` as its documentation suggests for authenticated routes: `trackBy`
 * overridden so that the key holds the user id as well as the URL. Nothing else changed.
 */
@Injectable()
export class UserScopedCacheInterceptor extends CacheInterceptor {
  constructor(@Inject(STOCK_CACHE) cache: Cache, reflector: Reflector) {
    super(cache, reflector);
  }

  protected override trackBy(context: ExecutionContext): string | undefined {
    const url = super.trackBy(context);
    const user = context.switchToHttp().getRequest<RequestWithPrincipal>().user;
    return typeof url === 'string' && user ? `${user.id}:${url}` : undefined;
  }
}
