import { ApiProperty } from '@nestjs/swagger';
import { UserRole } from '../auth/auth-user';
import { User } from './user.entity';

export class UserResponse {
  @ApiProperty() id: number;
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
  @ApiProperty({ example: 'Europe/Paris' }) timezone: string;
  @ApiProperty({ enum: ['user', 'admin'] }) role: UserRole;
  @ApiProperty() createdAt: string;
}

export function toUserResponse(user: User, role: UserRole): UserResponse {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    timezone: user.timezone,
    role,
    createdAt: user.createdAt.toISOString(),
  };
}
