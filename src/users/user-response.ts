import { ApiProperty } from '@nestjs/swagger';
import { Locale, LOCALES } from '../common/i18n/locale';
import { UserRole } from '../common/auth/auth-user';
import { User } from './user.entity';

export class UserResponse {
  @ApiProperty() id: number;
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
  @ApiProperty({ example: 'Europe/Paris' }) timezone: string;
  @ApiProperty({ minimum: 0, maximum: 23, description: '"Today" starts this many hours after midnight' }) dayStartHour: number;
  @ApiProperty({ enum: LOCALES, description: 'The language of texts the server writes for this person (reminders)' }) locale: Locale;
  @ApiProperty({ enum: ['user', 'admin'] }) role: UserRole;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export function toUserResponse(user: User, role: UserRole): UserResponse {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    timezone: user.timezone,
    dayStartHour: user.dayStartHour,
    locale: user.locale,
    role,
    createdAt: user.createdAt.toISOString(),
  };
}
