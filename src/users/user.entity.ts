import { Locale } from '../common/i18n/locale';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type StoredRole = 'user' | 'admin';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  /** Stored lower-cased: emails are unique case-insensitively. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100, nullable: true })
  displayName: string | null;

  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone: string;

  /** "Today" starts this many hours after midnight in `timezone` (0..23). */
  @Column({ name: 'day_start_hour', type: 'integer', default: 0 })
  dayStartHour: number;

  /** The language of texts written for this person (reminders). */
  @Column({ type: 'varchar', length: 5, default: 'en' })
  locale: Locale;

  /** Granted by the operator (`npm run admin -- grant <email>`); ADMIN_EMAILS may add admins on top (SessionResolver.roleOf). */
  @Column({ type: 'varchar', length: 10, default: 'user' })
  role: StoredRole;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}
