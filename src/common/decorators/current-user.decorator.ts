import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { requestPrincipal } from '../http/request-principal';

/** The verified principal of the request (set by the global JWT guard). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  return requestPrincipal(context.switchToHttp().getRequest());
});
