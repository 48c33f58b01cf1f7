/**
 * Writes the OpenAPI document the app serves at /docs-json to a file (default openapi.json):
 * the app is booted on an in-memory SQLite database without Redis, and asked for /docs-json.
 * `npm run openapi:lint` runs Redocly's recommended rules on it.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../src/app.module';
import { configureApp, createFastifyAdapter } from '../src/app.setup';

async function main(out: string): Promise<void> {
  const env = { NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', METRICS_ENABLED: 'false' };
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ env }), createFastifyAdapter(), { logger: false });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/docs-json' });
  if (response.statusCode !== 200) throw new Error(`/docs-json answered ${response.statusCode}`);
  writeFileSync(out, `${JSON.stringify(JSON.parse(response.body), null, 2)}\n`);
  await app.close();
  process.stdout.write(`OpenAPI document written to ${out}\n`);
}

main(process.argv[2] ?? 'openapi.json').catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
