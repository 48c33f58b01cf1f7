import { BadRequestException } from '@nestjs/common';
import { OutboundReach, resolvesPublicly, urlProblem } from '../outbound/address-guard';
import { webhookSecretKey } from '../outbound/standard-webhooks';

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

function base64urlBytes(value: string): number | null {
  return BASE64URL.test(value) ? Buffer.from(value.replace(/=+$/, ''), 'base64url').length : null;
}

/** Why a URL may not be registered, with the field's name, or null; an address check follows the form check. */
async function addressProblem(field: string, raw: string, reach: OutboundReach): Promise<string | null> {
  const problem = urlProblem(raw, reach);
  if (problem) return problem.replace(/^url/, field);
  if (!(await resolvesPublicly(new URL(raw), reach))) return `${field} must resolve to a public address`;
  return null;
}

/** API.md § Bad input for a push subscription: an https endpoint on a public address, keys of the right length. */
export async function checkPushInput(endpoint: string, keys: { p256dh: string; auth: string }, allowPrivate: boolean): Promise<void> {
  const problems: string[] = [];
  const problem = await addressProblem('endpoint', endpoint, { allowPrivate, allowHttp: false });
  if (problem) problems.push(problem);
  if (base64urlBytes(keys.p256dh) !== 65) problems.push('keys.p256dh must be the base64url of 65 bytes (an uncompressed P-256 point)');
  if (base64urlBytes(keys.auth) !== 16) problems.push('keys.auth must be the base64url of 16 bytes');
  if (problems.length > 0) throw new BadRequestException(problems);
}

/** API.md § Bad input for a webhook channel: an https (or allowed http) URL on a public address, a well-formed secret. */
export async function checkWebhookInput(url: string, secret: string, reach: OutboundReach): Promise<void> {
  const problems: string[] = [];
  const problem = await addressProblem('url', url, reach);
  if (problem) problems.push(problem);
  if (webhookSecretKey(secret) === null) problems.push('secret must be whsec_ followed by the base64 of 24 to 64 bytes');
  if (problems.length > 0) throw new BadRequestException(problems);
}
