import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { ROLES_KEY } from '../common/decorators/roles.decorator';
import { RequestWithPrincipal } from '../common/http/request-principal';
import { RouteMetadata } from '../common/http/route-metadata';
import { UserRole } from '../common/auth/auth-user';

/** Runs after JwtAuthGuard: a route marked @Roles(...) answers 403 to other roles. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: RouteMetadata) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles || roles.length === 0) return true;
    const user = context.switchToHttp().getRequest<RequestWithPrincipal>().user;
    if (user && roles.includes(user.role)) return true;
    throw new ForbiddenException('This route is for administrators');
  }
}
