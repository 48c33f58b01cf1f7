import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A key the server generated once and keeps (the VAPID key pair, as JSON), shared by every instance. */
@Entity('server_keys')
export class ServerKey {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'text' })
  value: string;

  @Column({ name: 'created_at', type: 'double precision' })
  createdAt: number;
}
