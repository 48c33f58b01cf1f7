import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AdminController } from './admin.controller';
import { AdminRolesService } from './admin-roles.service';

@Module({ imports: [UsersModule], controllers: [AdminController], providers: [AdminRolesService], exports: [AdminRolesService] })
export class AdminModule {}
