import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { guardedLookup } from './address-guard';
import { AttemptOutcome, guardedPost, refusalOf } from './guarded-post';
import { webhookHeaders } from './standard-webhooks';

/** API.md § Webhooks: 5 s per attempt. */
export const WEBHOOK_TIMEOUT_MS = 5000;

export interface SignedPost {
  url: string;
  key: Buffer;
  /** Stable across retries of the same delivery. */
  id: string;
  body: string;
  timestampSeconds: number;
}

/**
 * The one way out for webhooks: a Standard Webhooks POST, signed, with a 5 s deadline, to an
 * address that is checked when the socket connects (API.md § Outbound addresses).
 */
@Injectable()
export class WebhookPoster {
  private readonly agents: { http: HttpAgent; https: HttpsAgent };

  constructor(private readonly config: AppConfig) {
    const lookup = guardedLookup(config.outbound);
    this.agents = { http: new HttpAgent({ lookup }), https: new HttpsAgent({ lookup }) };
  }

  async post({ url, key, id, body, timestampSeconds }: SignedPost): Promise<AttemptOutcome> {
    const target = new URL(url);
    const refusal = refusalOf(target, this.config.outbound, true);
    if (refusal) return refusal;
    const headers = { ...webhookHeaders(key, id, timestampSeconds, body), 'user-agent': 'habit-tracker-webhooks' };
    const agent = target.protocol === 'https:' ? this.agents.https : this.agents.http;
    return guardedPost(target, { headers, body, agent, timeoutMs: WEBHOOK_TIMEOUT_MS });
  }
}
