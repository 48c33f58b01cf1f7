import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { HabitKind, HabitSchedule, TargetType } from './habit-schedule';

@Entity('habits')
@Index(['userId', 'position'])
export class Habit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  /** Set to null by the database when the category is deleted. */
  @Column({ name: 'category_id', type: 'integer', nullable: true })
  categoryId: number | null;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @Column({ type: 'simple-json' })
  schedule: HabitSchedule;

  @Column({ type: 'varchar', length: 10, default: 'boolean' })
  kind: HabitKind;

  @Column({ type: 'double precision', default: 1 })
  target: number;

  /** `at_least` or `at_most` for numeric habits; null for boolean ones. */
  @Column({ name: 'target_type', type: 'varchar', length: 10, nullable: true })
  targetType: TargetType | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  unit: string | null;

  /** Calendar date YYYY-MM-DD in the user's time zone. */
  @Column({ name: 'start_date', type: 'varchar', length: 10 })
  startDate: string;

  @Column({ type: 'boolean', default: false })
  archived: boolean;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @Column({ type: 'varchar', length: 7, nullable: true })
  color: string | null;

  /** The user's sync revision of this row's last change (src/sync). */
  @Column({ type: 'integer', default: 0 })
  revision: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
