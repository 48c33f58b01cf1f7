import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RefreshChannel } from './refresh-channel';

/**
 * Which refresh token a `POST /api/auth/refresh` presents (API.md § Sessions). A token in the body is the
 * client's own business. The cookie is sent by the browser on its own, so a refresh by cookie must prove the
 * request came from the app: `X-Refresh-Cookie: 1` (a custom header, which no cross-origin page can send
 * without a CORS preflight) and, when the request has an `Origin`, the API's own origin or one in CORS_ORIGINS.
 * Anything else is refused before the session is looked at, so a forged request can neither read the token
 * nor spend it (which would make the victim's next refresh look like reuse and end their session).
 */
@Injectable()
export class RefreshCookiePolicy {
  private readonly allowedOrigins: ReadonlySet<string>;

  constructor(private readonly config: AppConfig) {
    this.allowedOrigins = new Set(config.corsOrigins.map(normalOrigin).filter((origin): origin is string => origin !== undefined));
  }

  /** The token to rotate; undefined when there is nothing to refresh (204); throws 400 or 403 otherwise. */
  presented(bodyToken: string | undefined, channel: RefreshChannel): string | undefined {
    if (bodyToken !== undefined) return bodyToken;
    const cookie = channel.cookieToken;
    if (cookie === undefined) {
      if (channel.cookieRequested) return undefined;
      throw new BadRequestException('refreshToken is required (in the body, or as the __Host-refresh cookie with X-Refresh-Cookie: 1)');
    }
    if (!channel.cookieRequested) throw new ForbiddenException('A refresh by cookie needs the header X-Refresh-Cookie: 1');
    if (channel.origin !== undefined && !this.mayUseCookie(channel)) throw new ForbiddenException('This origin may not refresh by cookie');
    return cookie;
  }

  private mayUseCookie(channel: RefreshChannel): boolean {
    const origin = normalOrigin(channel.origin);
    if (origin === undefined) return false;
    const own = this.config.publicUrl ?? normalOrigin(channel.requestOrigin);
    return origin === own || this.allowedOrigins.has(origin);
  }
}

/** `https://App.Example:443` and `https://app.example` are one origin; `null` and garbage are none. */
function normalOrigin(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
