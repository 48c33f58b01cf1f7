import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureApp, createFastifyAdapter } from '../../src/app.setup';
import { BenchAppModule, ShutdownFlag } from './bench.module';

/**
 * The compiled API as `npm run bench` starts it: bootstrapped like src/main.ts (same adapter, same
 * configureApp), with the bench module added. Settings come from the environment only (no .env).
 */
async function bootstrap(): Promise<void> {
  const env = { ...process.env };
  const app = await NestFactory.create<NestFastifyApplication>(BenchAppModule.forRoot(env), createFastifyAdapter(), {
    bufferLogs: true,
  });
  await configureApp(app);
  // Nest re-sends the signal once its shutdown hooks are done; exiting normally then lets --cpu-prof write its file.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (ShutdownFlag.done) process.exit(0);
    });
  }
  await app.listen(Number(env.PORT ?? 3000), '127.0.0.1');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`bench app failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
