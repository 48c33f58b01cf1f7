import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { ROLES_KEY } from '../common/decorators/roles.decorator';
import { RequestWithPrincipal } from '../common/http/request-principal';
import { RouteMetadata } from '../common/http/route-metadata';
import { UserRole } from '../common/auth/auth-user';
import { UsersRepository } from '../users/users.repository';
import { SessionResolver } from './session-resolver';

/**
 * Runs after JwtAuthGuard: a route marked @Roles(...) answers 403 to other roles. The role is read
 * from the database on every such request (admin routes are few and rare), not from the remembered
 * principal: an operator's revocation (`npm run admin -- revoke`) holds at once on every instance,
 * for tokens already issued, whether or not Redis carried the news.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: RouteMetadata,
    private readonly users: UsersRepository,
    private readonly resolver: SessionResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles || roles.length === 0) return true;
    const principal = context.switchToHttp().getRequest<RequestWithPrincipal>().user;
    const user = principal ? await this.users.findById(principal.id) : null;
    if (user && roles.includes(this.resolver.roleOf(user))) return true;
    throw new ForbiddenException('This route is for administrators');
  }
}
