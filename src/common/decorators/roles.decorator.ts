import { SetMetadata } from '@nestjs/common';
import { UserRole } from '../auth/auth-user';

export const ROLES_KEY = 'roles';

/** Restricts a controller or route to these roles (others get 403). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES_KEY, roles);
