import { DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream, Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { APP_LOGGER, createAppLogger, LOG_DESTINATION } from './app-logger';
import { RequestLogger } from './request-logger';

@Global()
@Module({})
class AppLoggerModule {
  static forRoot(destination: DestinationStream | undefined): DynamicModule {
    return {
      module: AppLoggerModule,
      providers: [
        { provide: LOG_DESTINATION, useValue: destination ?? null },
        {
          provide: APP_LOGGER,
          inject: [AppConfig, LOG_DESTINATION],
          useFactory: (config: AppConfig, target: DestinationStream | null) => createAppLogger(config.logLevel, target),
        },
        RequestLogger,
      ],
      exports: [APP_LOGGER, RequestLogger],
    };
  }
}

/**
 * Structured JSON logs: nestjs-pino's Logger is Nest's logger, writing through this app's pino
 * logger. Its pino-http middleware is not used (`forRoutes: []`): it builds a child logger for
 * every request (~45 µs with redaction) where RequestLogger binds one lazily, only for requests
 * that log something besides their one request line. (nestjs-pino keeps its out-of-request
 * logger per process: with several apps in one process, as in tests, the first app's is used.)
 */
@Module({})
export class LoggingModule {
  static forRoot(destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        AppLoggerModule.forRoot(destination),
        LoggerModule.forRootAsync({
          inject: [APP_LOGGER],
          useFactory: (logger: Logger) => ({ pinoHttp: { logger }, forRoutes: [] }),
        }),
      ],
    };
  }
}
