import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { APP_LOGGER } from '../logging/app-logger';

export const ADMIN_EMAILS_WARNING =
  'ADMIN_EMAILS is set with NODE_ENV=production: whoever registers one of those addresses becomes an admin. Grant admins with `npm run admin -- grant <email>` instead.';

/** ADMIN_EMAILS trusts whoever registers the address first: fine in development, a warning in production. */
@Injectable()
export class AdminEmailsWarning implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.nodeEnv === 'production' && this.config.adminEmails.length > 0) this.logger.warn(ADMIN_EMAILS_WARNING);
  }
}
