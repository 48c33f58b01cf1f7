import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('categories')
@Index(['userId', 'nameKey'], { unique: true })
export class Category {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** Lower-cased name: one user cannot have "Health" and "health". */
  @Column({ name: 'name_key', type: 'varchar', length: 50 })
  nameKey: string;

  @Column({ type: 'varchar', length: 7, nullable: true })
  color: string | null;

  @Column({ type: 'integer', default: 0 })
  position: number;

  /** The user's sync revision of this row's last change (src/sync). */
  @Column({ type: 'integer', default: 0 })
  revision: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
