import 'reflect-metadata';
import { localEnvFile } from '../config/env-file';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { ConfigError } from '../config/load-app-config';
import { AdminRolesService } from './admin-roles.service';

const USAGE = 'usage: npm run admin -- grant <email> | revoke <email>';
const ROLE_OF = { grant: 'admin', revoke: 'user' } as const;

/**
 * The operator's command (run on a server, with the API's own settings): `grant <email>` makes that
 * account an admin, `revoke <email>` takes it back, on every instance at once, for tokens already issued too.
 */
async function main(args: string[]): Promise<number> {
  const [command, email] = args;
  if ((command !== 'grant' && command !== 'revoke') || !email || args.length !== 2) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const envFile = localEnvFile();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ envFile }), { logger: ['error'], abortOnError: false });
  try {
    const user = await app.get(AdminRolesService).setRole(email, ROLE_OF[command]);
    if (!user) {
      process.stderr.write(`No account has the email ${email}\n`);
      return 1;
    }
    process.stdout.write(`${user.email} (id ${user.id}) is now ${user.role === 'admin' ? 'an admin' : 'a plain user'}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

/** Runs the command and exits with its status (0 done, 1 no such account or a failure, 2 bad usage). */
export function runAdminCli(args: string[]): void {
  main(args).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`admin: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

// `node dist/admin/admin-cli.js grant <email>` on a server that has only the compiled code.
if (require.main === module) runAdminCli(process.argv.slice(2));
