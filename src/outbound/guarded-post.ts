import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { AppConfig } from '../config/app-config';
import { hostOf, isPublicAddress, NonPublicAddressError } from './address-guard';

/** One attempt's outcome: `retry` for a network error, 408, 429 or 5xx; `final` for any other refusal. */
export type AttemptOutcome = { result: 'sent'; status: number } | { result: 'retry' | 'final'; status: number | null; reason: string };

function outcomeOf(status: number): AttemptOutcome {
  if (status >= 200 && status < 300) return { result: 'sent', status };
  const retry = status === 408 || status === 429 || status >= 500;
  return { result: retry ? 'retry' : 'final', status, reason: `HTTP ${status}` };
}

/**
 * What is refused before any socket: a scheme other than https (http only when the operator allows
 * it and `httpAllowed`), or a literal IP that is not public (names are checked when the socket
 * connects, by the agent's guarded lookup). Null when the target may be tried.
 */
export function refusalOf(url: URL, reach: AppConfig['outbound'], httpAllowed: boolean): AttemptOutcome | null {
  const http = url.protocol === 'http:' && httpAllowed && reach.allowHttp;
  if (url.protocol !== 'https:' && !http) return { result: 'final', status: null, reason: `${httpAllowed ? 'url' : 'endpoint'} must be https` };
  const host = hostOf(url);
  if (isIP(host) && !reach.allowPrivate && !isPublicAddress(host)) return { result: 'final', status: null, reason: 'non-public address' };
  return null;
}

export interface GuardedPost {
  headers: Record<string, string | number>;
  body: string | Buffer;
  /** An agent whose lookup is the address guard's (a socket to a non-public address fails with NonPublicAddressError). */
  agent: HttpAgent | HttpsAgent;
  timeoutMs: number;
}

/** One POST with a hard deadline over the whole exchange; never rejects: the outcome says what happened. */
export function guardedPost(url: URL, { headers, body, agent, timeoutMs }: GuardedPost): Promise<AttemptOutcome> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const timedOut = () => new Error(`timed out after ${timeoutMs / 1000} s`);
  return new Promise<AttemptOutcome>((resolve) => {
    const outgoing = send(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent, timeout: timeoutMs });
    const deadline = setTimeout(() => outgoing.destroy(timedOut()), timeoutMs);
    outgoing.on('response', (response) => {
      response.resume();
      response.on('end', () => {
        clearTimeout(deadline);
        resolve(outcomeOf(response.statusCode ?? 0));
      });
      response.on('error', () => undefined);
    });
    outgoing.on('timeout', () => outgoing.destroy(timedOut()));
    outgoing.on('error', (error) => {
      clearTimeout(deadline);
      const final = error instanceof NonPublicAddressError;
      resolve({ result: final ? 'final' : 'retry', status: null, reason: final ? 'non-public address' : error.message });
    });
    outgoing.end(body);
  });
}
