import { DynamicModule, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppModule } from '../../src/app.module';
import { BenchAnalytics } from './bench-analytics';
import { BenchController } from './bench.controller';
import { FloorBody } from './floor-body';
import { ProcessStats } from './process-stats';
import { StockCacheCloser, stockCacheProvider } from './stock-cache.provider';
import { UserScopedCacheInterceptor } from './user-scoped-cache.interceptor';

/** Set once Nest has run every shutdown hook (bench-main then exits cleanly, so --cpu-prof is written). */
@Injectable()
export class ShutdownFlag implements OnApplicationShutdown {
  static done = false;

  onApplicationShutdown(): void {
    ShutdownFlag.done = true;
  }
}

@Module({
  controllers: [BenchController],
  providers: [FloorBody, BenchAnalytics, ProcessStats, stockCacheProvider, StockCacheCloser, UserScopedCacheInterceptor, ShutdownFlag],
})
export class BenchModule {}

/** The real application (same AppModule.forRoot) plus the bench-only routes. */
@Module({})
export class BenchAppModule {
  static forRoot(env: Record<string, string | undefined>): DynamicModule {
    return { module: BenchAppModule, imports: [AppModule.forRoot({ env }), BenchModule] };
  }
}
