import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../common/http/bearer-token';
import { CachePrefetch, CacheReadPlan } from '../cache/cache-prefetch';
import { AuthUser } from '../common/auth/auth-user';
import { IS_PUBLIC_KEY } from '../common/decorators/public.decorator';
import { OncePerRequest } from '../common/http/once-per-request';
import { RouteMetadata } from '../common/http/route-metadata';
import { RequestWithPrincipal } from '../common/http/request-principal';
import { AccessTokenService } from './access-token.service';
import { looksLikePersonalToken } from './personal-tokens/personal-token-secret';
import { PersonalTokenResolver } from './personal-tokens/personal-token-resolver';
import { ResolvedSession, SessionResolver } from './session-resolver';

type BearerRequest = RequestWithPrincipal & Pick<FastifyRequest, 'headers' | 'method' | 'url' | 'routeOptions'>;

const BAD_TOKEN = 'Missing, invalid or expired access token';
const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Global guard, deny by default: every route needs a valid, unrevoked bearer token unless @Public():
 * a session's access token (a JWT) or a personal access token (`hat_…`), which is refused on
 * /api/auth/* and, with scope `read`, on every method but GET (403).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: RouteMetadata,
    private readonly tokens: AccessTokenService,
    private readonly sessions: SessionResolver,
    private readonly personalTokens: PersonalTokenResolver,
    private readonly cachePrefetch: CachePrefetch,
  ) {}

  private readonly once = new OncePerRequest();

  /** Once per request (see OncePerRequest): a cache hit answered early has run this guard before Nest does. */
  canActivate(context: ExecutionContext): Promise<boolean> {
    return this.once.decide(context, () => this.authenticate(context));
  }

  private async authenticate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<BearerRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new UnauthorizedException(BAD_TOKEN);
    const session = looksLikePersonalToken(token)
      ? await this.personalTokens.resolve(token, this.cachePrefetch.planFor(context))
      : await this.sessionOf(token, this.cachePrefetch.planFor(context));
    if (!session) throw new UnauthorizedException(BAD_TOKEN);
    if (session.principal.personalToken) refuseOutOfScope(session.principal, request);
    request.user = session.principal;
    request.cacheGeneration = session.generation;
    request.cachePrefetch = session.prefetched;
    return true;
  }

  private async sessionOf(token: string, plan: CacheReadPlan | null): Promise<ResolvedSession | null> {
    const claims = this.tokens.verify(token);
    if (!claims) return null;
    const session = await this.sessions.resolve(claims, plan);
    if (!session) throw new UnauthorizedException('This access token has been revoked');
    return session;
  }
}

/** A personal access token may not mint tokens, end sessions or change the password; `read` only reads. */
function refuseOutOfScope(principal: AuthUser, request: BearerRequest): void {
  const route = request.routeOptions?.url ?? request.url;
  if (route === '/api/auth' || route.startsWith('/api/auth/')) throw new ForbiddenException('Personal access tokens may not use /api/auth routes');
  if (principal.personalToken?.scope === 'read' && !READ_METHODS.has(request.method)) {
    throw new ForbiddenException('This personal access token has scope read: it may only GET');
  }
}
