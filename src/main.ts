import 'reflect-metadata';
import { localEnvFile } from './config/env-file';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './app.setup';
import { AppConfig } from './config/app-config';
import { ConfigError } from './config/load-app-config';

/**
 * `.env` holds development defaults (including a development JWT secret): in production the
 * settings come from the real environment only, so a missing JWT_SECRET stops start-up there.
 */
const envFile = localEnvFile();

async function bootstrap(): Promise<void> {
  // Start-up logs wait for the JSON logger; a failure reaches the handler below (and exits 1).
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ envFile }), createFastifyAdapter(), {
    bufferLogs: true,
    abortOnError: false,
  });
  await configureApp(app);
  const { port } = app.get(AppConfig);
  await app.listen(port, '0.0.0.0');
  Logger.log(`Habit tracker API listening on :${port} (docs at /docs)`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`Start-up failed: ${message}\n`);
  process.exit(1);
});
