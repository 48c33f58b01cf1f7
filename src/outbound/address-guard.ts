import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { BlockList, isIP, LookupFunction } from 'node:net';

export interface OutboundReach {
  allowPrivate: boolean;
  allowHttp: boolean;
}

/** Loopback, private, link-local, unique-local, shared, documentation, multicast and reserved ranges. */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 127], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32], ['2002::', 16],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) NON_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** Whether an address is on the public internet (an IPv4-mapped IPv6 address is judged as its IPv4). */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return !NON_PUBLIC.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return false;
  return !NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why a webhook URL may not be registered (its scheme or form), or null; the addresses are checked by `resolvesPublicly`. */
export function urlProblem(raw: string, reach: OutboundReach): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute URL';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && reach.allowHttp)) return 'url must be https';
  if (url.username || url.password) return 'url must not carry credentials';
  return null;
}

/** The host of a URL without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Whether every address the host resolves to now is public (or private ones are allowed); false when it does not resolve. */
export async function resolvesPublicly(url: URL, reach: OutboundReach): Promise<boolean> {
  if (reach.allowPrivate) return true;
  const host = hostOf(url);
  if (isIP(host)) return isPublicAddress(host);
  const addresses = await new Promise<LookupAddress[]>((resolve) => dnsLookup(host, { all: true }, (error, found) => resolve(error ? [] : found)));
  return addresses.length > 0 && addresses.every(({ address }) => isPublicAddress(address));
}

/** Thrown (through the socket) when the address actually connected to is not public. */
export class NonPublicAddressError extends Error {}

/**
 * A `lookup` for http.request that refuses non-public addresses at connection time: the address
 * checked is the one the socket connects to, so DNS rebinding between registration and delivery
 * cannot reach inside. (An IP literal host skips lookup: the sender checks those itself.)
 */
export function guardedLookup(reach: OutboundReach): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, '', 0);
      const addresses = found;
      const allowed = reach.allowPrivate ? addresses : addresses.filter(({ address }) => isPublicAddress(address));
      if (allowed.length === 0) return callback(new NonPublicAddressError(`${hostname} resolves to a non-public address`), '', 0);
      // Node asks for all addresses (autoSelectFamily) or for one.
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    });
  };
}
