import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { LoginAttemptsInterceptor } from './login-attempts.interceptor';
import { RateLimitKeys } from './rate-limit-keys';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitStorage } from './rate-limit.storage';
import { throttlerOptions } from './throttlers';

@Global()
@Module({
  providers: [RateLimitKeys, RateLimitStorage, LoginAttemptsInterceptor],
  exports: [RateLimitKeys, RateLimitStorage, LoginAttemptsInterceptor],
})
class RateLimitStoreModule {}

/**
 * Rate limits with @nestjs/throttler over our own storage (RateLimitStorage). Must be imported
 * after AuthModule: global guards run in registration order, and the per-user limit needs the
 * user that JwtAuthGuard puts on the request.
 */
@Module({
  imports: [
    RateLimitStoreModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStoreModule],
      inject: [AppConfig, RateLimitKeys, RateLimitStorage],
      useFactory: (config: AppConfig, keys: RateLimitKeys, storage: RateLimitStorage) => throttlerOptions(config.rateLimit, keys, storage),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
