import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A browser's Web Push subscription (API.md § Reminders and notifications); instants are epoch ms. */
@Entity('push_channels')
export class PushChannel {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 2048 })
  endpoint: string;

  /** The subscription's P-256 public key, base64url (65 bytes). */
  @Column({ type: 'varchar', length: 100 })
  p256dh: string;

  /** The subscription's auth secret, base64url (16 bytes). */
  @Column({ type: 'varchar', length: 50 })
  auth: string;

  @Column({ name: 'created_at', type: 'double precision' })
  createdAt: number;

  @Column({ name: 'last_success_at', type: 'double precision', nullable: true })
  lastSuccessAt: number | null;

  /** Failed attempts since the last success. */
  @Column({ type: 'integer', default: 0 })
  failures: number;
}
