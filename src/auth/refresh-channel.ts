import { createParamDecorator, ExecutionContext, HttpStatus } from '@nestjs/common';
// The plugin's type augmentation: request.cookies, reply.setCookie/clearCookie (registered in app.setup.ts).
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenPairResponse } from './dto/token-pair.response';

/** API.md § Sessions: browser clients keep the refresh token in this cookie, out of JavaScript's reach. */
export const REFRESH_COOKIE = '__Host-refresh';
export const REFRESH_COOKIE_HEADER = 'x-refresh-cookie';
const COOKIE_OPTIONS = { httpOnly: true, secure: true, sameSite: 'strict', path: '/' } as const;

/**
 * How a refresh token travels for one request: in the JSON body, or (with `X-Refresh-Cookie: 1`)
 * as the `__Host-refresh` cookie. Controllers get one through `@RefreshTokenChannel()` and hand
 * it to the service, which decides what to send (RefreshCookiePolicy decides whether the cookie may be used).
 */
export class RefreshChannel {
  constructor(
    private readonly request: FastifyRequest,
    private readonly reply: FastifyReply,
  ) {}

  get userAgent(): string | undefined {
    return this.request.headers['user-agent'];
  }

  /** The client asked for the cookie (`X-Refresh-Cookie: 1`). */
  get cookieRequested(): boolean {
    return this.request.headers[REFRESH_COOKIE_HEADER] === '1';
  }

  /** The `__Host-refresh` cookie the request carries, if any. */
  get cookieToken(): string | undefined {
    const value = this.request.cookies?.[REFRESH_COOKIE];
    return value === undefined || value === '' ? undefined : value;
  }

  /** The request's `Origin` header (browsers send it on every cross-origin and on same-origin POST requests). */
  get origin(): string | undefined {
    const origin = this.request.headers.origin;
    return typeof origin === 'string' ? origin : undefined;
  }

  /** The origin this request was addressed to: its scheme and `Host` header. */
  get requestOrigin(): string | undefined {
    const host = this.request.headers.host;
    return host === undefined ? undefined : `${this.request.protocol}://${host}`;
  }

  /** The answer to send: with the header, the refresh token goes into the cookie instead of the body. */
  deliver(tokens: Required<TokenPairResponse>): TokenPairResponse {
    if (!this.cookieRequested) return tokens;
    const { refreshToken, ...rest } = tokens;
    void this.reply.setCookie(REFRESH_COOKIE, refreshToken, { ...COOKIE_OPTIONS, maxAge: tokens.refreshExpiresIn });
    return rest;
  }

  /** Nothing to refresh (a signed-out browser): 204 with no body. */
  nothing(): void {
    void this.reply.status(HttpStatus.NO_CONTENT);
  }

  /** Logout, logout-all and account deletion: the browser forgets the cookie. */
  clear(): void {
    void this.reply.clearCookie(REFRESH_COOKIE, COOKIE_OPTIONS);
  }
}

export const RefreshTokenChannel = createParamDecorator((_data: unknown, context: ExecutionContext): RefreshChannel => {
  const http = context.switchToHttp();
  return new RefreshChannel(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
});
