import { Agent, request } from 'node:https';
import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import { generateRequestDetails } from 'web-push';
import { AppConfig } from '../config/app-config';
import { guardedLookup, hostOf, isPublicAddress, NonPublicAddressError } from './address-guard';
import { AttemptOutcome, outcomeOf } from './webhook-poster';

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
    if (url.protocol !== 'https:') return { result: 'final', status: null, reason: 'endpoint must be https' };
    const host = hostOf(url);
    if (isIP(host) && !this.config.outbound.allowPrivate && !isPublicAddress(host)) return { result: 'final', status: null, reason: 'non-public address' };
    const details = generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, message.payload, {
      vapidDetails: vapid,
      TTL: PUSH_TTL_SECONDS,
      topic: message.topic,
      contentEncoding: 'aes128gcm',
    });
    return this.post(url, details.headers, details.body);
  }

  private post(url: URL, headers: Record<string, string | number>, body: Buffer): Promise<AttemptOutcome> {
    return new Promise<AttemptOutcome>((resolve) => {
      const outgoing = request(url, { method: 'POST', headers: { ...headers, 'content-length': body.length }, agent: this.agent, timeout: PUSH_TIMEOUT_MS });
      const deadline = setTimeout(() => outgoing.destroy(new Error('timed out after 5 s')), PUSH_TIMEOUT_MS);
      outgoing.on('response', (response) => {
        response.resume();
        response.on('end', () => {
          clearTimeout(deadline);
          resolve(outcomeOf(response.statusCode ?? 0));
        });
        response.on('error', () => undefined);
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error('timed out after 5 s')));
      outgoing.on('error', (error) => {
        clearTimeout(deadline);
        const final = error instanceof NonPublicAddressError;
        resolve({ result: final ? 'final' : 'retry', status: null, reason: final ? 'non-public address' : error.message });
      });
      outgoing.end(body);
    });
  }
}
