import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { CachePrefetch } from '../cache/cache-prefetch';
import { IS_PUBLIC_KEY } from '../common/decorators/public.decorator';
import { RouteMetadata } from '../common/http/route-metadata';
import { RequestWithPrincipal } from '../common/http/request-principal';
import { AccessTokenService } from './access-token.service';
import { SessionResolver } from './session-resolver';

interface BearerRequest extends RequestWithPrincipal {
  headers: Record<string, string | string[] | undefined>;
}

/** RFC 9110 §11.1: the scheme is case-insensitive (`Bearer`, `bearer`, `BEARER`). */
const BEARER = /^Bearer +([A-Za-z0-9_\-.]+)$/i;

/** Global guard, deny by default: every route needs a valid, unrevoked bearer token unless @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: RouteMetadata,
    private readonly tokens: AccessTokenService,
    private readonly sessions: SessionResolver,
    private readonly cachePrefetch: CachePrefetch,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<BearerRequest>();
    const token = bearerToken(request.headers.authorization);
    const claims = token ? this.tokens.verify(token) : null;
    if (!claims) throw new UnauthorizedException('Missing, invalid or expired access token');
    const session = await this.sessions.resolve(claims, this.cachePrefetch.planFor(context));
    if (!session) throw new UnauthorizedException('This access token has been revoked');
    request.user = session.principal;
    request.cacheGeneration = session.generation;
    request.cachePrefetch = session.prefetched;
    return true;
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  return BEARER.exec(header)?.[1] ?? null;
}
