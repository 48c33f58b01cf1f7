import { BadRequestException, ForbiddenException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { loadAppConfig } from '../config/load-app-config';
import { REFRESH_COOKIE, RefreshChannel } from './refresh-channel';
import { RefreshCookiePolicy } from './refresh-cookie-policy';

function channel(headers: Record<string, string>, cookie?: string): RefreshChannel {
  const request = { headers: { host: 'api.internal:3000', ...headers }, protocol: 'http', cookies: cookie ? { [REFRESH_COOKIE]: cookie } : {} };
  return new RefreshChannel(request as unknown as FastifyRequest, {} as FastifyReply);
}

describe('RefreshCookiePolicy', () => {
  const withPublicUrl = new RefreshCookiePolicy(loadAppConfig({ PUBLIC_URL: 'https://habits.example.org', CORS_ORIGINS: 'https://app.example.org' }));
  const cookieRequest = (origin?: string) => channel({ 'x-refresh-cookie': '1', ...(origin ? { origin } : {}) }, 'the-cookie');

  it('takes a body token whatever the cookie and the origin', () => {
    expect(withPublicUrl.presented('body-token', channel({ origin: 'https://evil.example' }, 'the-cookie'))).toBe('body-token');
  });

  it('with PUBLIC_URL, takes the cookie from PUBLIC_URL, a listed origin or no Origin, and not from the Host the request names', () => {
    expect(withPublicUrl.presented(undefined, cookieRequest('https://habits.example.org'))).toBe('the-cookie');
    expect(withPublicUrl.presented(undefined, cookieRequest('https://app.example.org'))).toBe('the-cookie');
    expect(withPublicUrl.presented(undefined, cookieRequest())).toBe('the-cookie');
    expect(() => withPublicUrl.presented(undefined, cookieRequest('http://api.internal:3000'))).toThrow(ForbiddenException);
  });

  it('refuses the cookie without X-Refresh-Cookie: 1 (403), answers nothing to refresh with it and no cookie, and 400 with neither', () => {
    expect(() => withPublicUrl.presented(undefined, channel({}, 'the-cookie'))).toThrow(ForbiddenException);
    expect(() => withPublicUrl.presented(undefined, channel({ 'x-refresh-cookie': 'true' }, 'the-cookie'))).toThrow(ForbiddenException);
    expect(withPublicUrl.presented(undefined, channel({ 'x-refresh-cookie': '1' }))).toBeUndefined();
    expect(() => withPublicUrl.presented(undefined, channel({}))).toThrow(BadRequestException);
  });
});
