import { normalizeIp } from '@nestjs/throttler';

/** What Fastify (with trustProxy) knows of a request's origin. */
export interface AddressedRequest {
  ip: string;
  /** The TCP peer first, then X-Forwarded-For from right to left (nearest proxy first). */
  ips?: string[];
}

const IPV6_SUBNET_PREFIX = 64;

/**
 * The client's address as seen by the last of `trustedHops` proxies in front of the API. With no
 * trusted proxy it is the TCP peer, and X-Forwarded-For (which any client can write) is ignored.
 * IPv6 addresses count per /64 (one customer's allocation), IPv4-mapped ones as IPv4.
 */
export function clientAddress(request: AddressedRequest, trustedHops: number): string {
  const chain = request.ips && request.ips.length > 0 ? request.ips : [request.ip];
  return normalizeIp(chain[Math.min(trustedHops, chain.length - 1)] ?? '', IPV6_SUBNET_PREFIX);
}
