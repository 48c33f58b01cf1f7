import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { guardedLookup, hostOf, isPublicAddress, NonPublicAddressError } from './address-guard';
import { webhookHeaders } from './standard-webhooks';

/** API.md § Webhooks: 5 s per attempt. */
export const WEBHOOK_TIMEOUT_MS = 5000;

/** One attempt's outcome: `retry` for a network error, 408, 429 or 5xx; `final` for any other refusal. */
export type AttemptOutcome = { result: 'sent'; status: number } | { result: 'retry' | 'final'; status: number | null; reason: string };

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
  constructor(private readonly config: AppConfig) {}

  async post({ url, key, id, body, timestampSeconds }: SignedPost): Promise<AttemptOutcome> {
    const target = new URL(url);
    const reach = this.config.outbound;
    if (target.protocol !== 'https:' && !(target.protocol === 'http:' && reach.allowHttp)) return { result: 'final', status: null, reason: 'url must be https' };
    const host = hostOf(target);
    if (isIP(host) && !reach.allowPrivate && !isPublicAddress(host)) return { result: 'final', status: null, reason: 'non-public address' };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<AttemptOutcome>((resolve) => {
      const outgoing = send(target, { method: 'POST', headers: { ...webhookHeaders(key, id, timestampSeconds, body), 'user-agent': 'habit-tracker-webhooks' }, lookup: guardedLookup(reach), timeout: WEBHOOK_TIMEOUT_MS });
      const deadline = setTimeout(() => outgoing.destroy(new Error('timed out after 5 s')), WEBHOOK_TIMEOUT_MS);
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

export function outcomeOf(status: number): AttemptOutcome {
  if (status >= 200 && status < 300) return { result: 'sent', status };
  const retry = status === 408 || status === 429 || status >= 500;
  return { result: retry ? 'retry' : 'final', status, reason: `HTTP ${status}` };
}
