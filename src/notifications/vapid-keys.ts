import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { generateVAPIDKeys } from 'web-push';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { SecretBox } from '../outbound/secret-box';
import { VapidIdentity } from '../outbound/web-push-sender';
import { ServerKey } from './server-key.entity';

const VAPID_ROW = 'vapid';

interface StoredPair {
  publicKey: string;
  /** The private key sealed with the server's SecretBox: never stored in clear. */
  privateKeySealed: string;
}

/**
 * The server's Web Push identity: VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY when set, else a pair made
 * once and kept in `server_keys` (the private key sealed). Instances starting together each try
 * to insert theirs, and all read back the one that won, so every instance signs with the same key.
 * Loaded at start when the database allows it; a database that is down or read-only then does not
 * stop the start: the pair is loaded at its first use instead.
 */
@Injectable()
export class VapidKeys implements OnModuleInit {
  private readonly logger = new Logger(VapidKeys.name);
  private loading: Promise<VapidIdentity> | undefined;

  constructor(
    @InjectRepository(ServerKey) private readonly keys: Repository<ServerKey>,
    private readonly secrets: SecretBox,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.loading = undefined;
    await this.identity().catch((error: Error) => this.logger.warn(`VAPID keys not loaded at start (${error.message}); loading them at first use`));
  }

  /** The identity; a failed load is tried again at the next call. */
  identity(): Promise<VapidIdentity> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  private async load(): Promise<VapidIdentity> {
    const pair = this.config.vapid.keys ?? (await this.storedPair());
    return { subject: this.config.vapid.subject, ...pair };
  }

  private async storedPair(): Promise<{ publicKey: string; privateKey: string }> {
    const existing = await this.keys.findOneBy({ name: VAPID_ROW });
    if (existing) return this.opened(existing);
    const fresh = generateVAPIDKeys();
    const value: StoredPair = { publicKey: fresh.publicKey, privateKeySealed: this.secrets.seal(fresh.privateKey) };
    await this.keys.createQueryBuilder().insert().into(ServerKey).values({ name: VAPID_ROW, value: JSON.stringify(value), createdAt: this.clock.now() }).orIgnore().execute();
    return this.opened(await this.keys.findOneByOrFail({ name: VAPID_ROW }));
  }

  private opened(row: ServerKey): { publicKey: string; privateKey: string } {
    const stored = JSON.parse(row.value) as StoredPair;
    return { publicKey: stored.publicKey, privateKey: this.secrets.open(stored.privateKeySealed) };
  }
}
