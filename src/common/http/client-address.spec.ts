import { clientAddress } from './client-address';

describe('clientAddress', () => {
  // Fastify's request.ips: the TCP peer, then X-Forwarded-For from right to left.
  const viaTwoProxies = { ip: '6.6.6.6', ips: ['10.0.0.2', '10.0.0.1', '203.0.113.7', '6.6.6.6'] };

  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress(viaTwoProxies, 0)).toBe('10.0.0.2');
  });

  it('takes the address the outermost trusted proxy saw, never what the client wrote before it', () => {
    expect(clientAddress(viaTwoProxies, 2)).toBe('203.0.113.7');
  });

  it('stops at the last address when fewer proxies than trusted were passed', () => {
    expect(clientAddress({ ip: '10.0.0.2', ips: ['10.0.0.2'] }, 3)).toBe('10.0.0.2');
    expect(clientAddress({ ip: '10.0.0.2' }, 1)).toBe('10.0.0.2');
  });

  it('counts IPv6 clients per /64 and IPv4-mapped addresses as IPv4', () => {
    expect(clientAddress({ ip: '2001:db8:1:2:3:4:5:6' }, 0)).toBe(clientAddress({ ip: '2001:db8:1:2:ffff::1' }, 0));
    expect(clientAddress({ ip: '::ffff:127.0.0.1' }, 0)).toBe('127.0.0.1');
  });
});
