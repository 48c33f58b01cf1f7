import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService, registerAs } from '@nestjs/config';
import { AppConfig } from './app-config';
import { loadAppConfig } from './load-app-config';

export interface AppConfigOptions {
  /** Settings to read; default process.env (after the env file is loaded). */
  env?: Record<string, string | undefined>;
  /** An env file whose values fill in unset variables; none when omitted. */
  envFile?: string;
}

const appConfigFactory = (options: AppConfigOptions) =>
  registerAs('app', () => loadAppConfig(options.env ?? process.env));

/** Validates every setting at start-up and provides the typed `AppConfig`. */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(options: AppConfigOptions = {}): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [
        ConfigModule.forRoot({
          ignoreEnvFile: options.envFile === undefined,
          envFilePath: options.envFile,
          load: [appConfigFactory(options)],
        }),
      ],
      providers: [
        {
          provide: AppConfig,
          inject: [ConfigService],
          useFactory: (configService: ConfigService) => configService.getOrThrow<AppConfig>('app'),
        },
      ],
      exports: [AppConfig],
    };
  }
}
