import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A webhook that receives reminders and test notifications; the secret is kept sealed (outbound/SecretBox). */
@Entity('webhook_channels')
export class WebhookChannel {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Column({ name: 'secret_sealed', type: 'varchar', length: 255 })
  secretSealed: string;

  @Column({ name: 'created_at', type: 'double precision' })
  createdAt: number;

  @Column({ name: 'last_success_at', type: 'double precision', nullable: true })
  lastSuccessAt: number | null;

  /** Failed attempts since the last success. */
  @Column({ type: 'integer', default: 0 })
  failures: number;
}
