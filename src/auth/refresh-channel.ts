import { createParamDecorator, ExecutionContext } from '@nestjs/common';
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
 * it to the service, which decides what to send.
 */
export class RefreshChannel {
  constructor(
    private readonly request: FastifyRequest,
    private readonly reply: FastifyReply,
  ) {}

  get userAgent(): string | undefined {
    return this.request.headers['user-agent'];
  }

  /** The token of the body, else the cookie's. */
  presented(bodyToken: string | undefined): string | undefined {
    return bodyToken ?? this.request.cookies?.[REFRESH_COOKIE];
  }

  /** The answer to send: with the header, the refresh token goes into the cookie instead of the body. */
  deliver(tokens: Required<TokenPairResponse>): TokenPairResponse {
    if (this.request.headers[REFRESH_COOKIE_HEADER] !== '1') return tokens;
    const { refreshToken, ...rest } = tokens;
    void this.reply.setCookie(REFRESH_COOKIE, refreshToken, { ...COOKIE_OPTIONS, maxAge: tokens.refreshExpiresIn });
    return rest;
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
