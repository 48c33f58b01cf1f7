import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { RecordStatus } from '../habits/habit-schedule';

/** One habit on one calendar date: at most one per (habit, date). */
@Entity('habit_records')
@Index(['habitId', 'date'], { unique: true })
@Index(['userId', 'date'])
export class HabitRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'habit_id', type: 'integer' })
  habitId: number;

  /** Owner, denormalised so that range queries need no join. */
  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  /** Calendar date YYYY-MM-DD in the user's time zone. */
  @Column({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'varchar', length: 10 })
  status: RecordStatus;

  @Column({ type: 'double precision' })
  value: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** The user's sync revision of this row's last change (src/sync). */
  @Column({ type: 'integer', default: 0 })
  revision: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
