import { Agent } from 'node:https';
import { Injectable } from '@nestjs/common';
import { generateRequestDetails } from 'web-push';
import { AppConfig } from '../config/app-config';
import { guardedLookup } from './address-guard';
import { AttemptOutcome, guardedPost, refusalOf } from './guarded-post';

/** API.md § Web Push: a notice older than 4 h is not worth showing. */
export const PUSH_TTL_SECONDS = 4 * 3600;
export const PUSH_TIMEOUT_MS = 5000;

export interface PushSubscriptionTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface VapidIdentity {
  subject: string;
  publicKey: string;
  privateKey: string;
}

export interface PushMessage {
  payload: string;
  /** Replaces an undelivered message of the same topic (base64url alphabet, at most 32 characters). */
  topic: string;
}

/**
 * The one way out for Web Push (RFC 8030): the payload encrypted per RFC 8291 (aes128gcm), signed
 * per RFC 8292 (VAPID), sent with a 5 s deadline to an address checked when the socket connects.
 */
@Injectable()
export class WebPushSender {
  private readonly agent: Agent;

  constructor(private readonly config: AppConfig) {
    this.agent = new Agent({ lookup: guardedLookup(config.outbound) });
  }

  async send(target: PushSubscriptionTarget, message: PushMessage, vapid: VapidIdentity): Promise<AttemptOutcome> {
    const url = new URL(target.endpoint);
    const refusal = refusalOf(url, this.config.outbound, false);
    if (refusal) return refusal;
    const details = generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, message.payload, {
      vapidDetails: vapid,
      TTL: PUSH_TTL_SECONDS,
      topic: message.topic,
      contentEncoding: 'aes128gcm',
    });
    return guardedPost(url, { headers: details.headers, body: details.body, agent: this.agent, timeoutMs: PUSH_TIMEOUT_MS });
  }
}
