import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { generateVAPIDKeys } from 'web-push';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { VapidIdentity } from '../outbound/web-push-sender';
import { ServerKey } from './server-key.entity';

const VAPID_ROW = 'vapid';

/**
 * The server's Web Push identity: VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY when set, else a pair made
 * once and kept in `server_keys`. Instances starting together each try to insert theirs, and all
 * read back the one that won, so every instance signs with the same key.
 */
@Injectable()
export class VapidKeys implements OnModuleInit {
  private loaded: VapidIdentity | undefined;

  constructor(
    @InjectRepository(ServerKey) private readonly keys: Repository<ServerKey>,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    const pair = this.config.vapid.keys ?? (await this.storedPair());
    this.loaded = { subject: this.config.vapid.subject, ...pair };
  }

  identity(): VapidIdentity {
    if (!this.loaded) throw new Error('VAPID keys are not loaded yet');
    return this.loaded;
  }

  private async storedPair(): Promise<{ publicKey: string; privateKey: string }> {
    const fresh = generateVAPIDKeys();
    const row = { name: VAPID_ROW, value: JSON.stringify({ publicKey: fresh.publicKey, privateKey: fresh.privateKey }), createdAt: this.clock.now() };
    await this.keys.createQueryBuilder().insert().into(ServerKey).values(row).orIgnore().execute();
    const stored = await this.keys.findOneByOrFail({ name: VAPID_ROW });
    return JSON.parse(stored.value) as { publicKey: string; privateKey: string };
  }
}
