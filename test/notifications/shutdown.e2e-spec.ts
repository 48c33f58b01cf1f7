import { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { startTestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { WebPushService } from '../support/web-push-service';
import { until } from './notifications-support';

const OUTBOUND_TO_TESTS = { OUTBOUND_ALLOW_PRIVATE: 'true' };

describe.each(['sqlite', 'postgres'] as const)('the notification sender at shutdown on %s', (kind) => {
  it('waits for the push in flight and records it before the app closes', async () => {
    const database = await createTestDatabase(kind);
    const push = await WebPushService.start();
    try {
      const first = await startTestApp({ database, env: OUTBOUND_TO_TESTS });
      const api = new ApiClient(first.app);
      const session = await api.register();
      push.vapidKey = (await api.as(session).get('/api/notifications/vapid-key')).body.publicKey as string;
      expect((await api.as(session).post('/api/notifications/push', push.subscribe())).status).toBe(201);
      let release = () => undefined as void;
      push.hold = new Promise<void>((resolve) => (release = resolve));
      await api.as(session).post('/api/notifications/test');
      await until(() => push.received.length === 1);
      const closed = first.close();
      release();
      await closed;
      const second = await startTestApp({ database, env: OUTBOUND_TO_TESTS });
      const rows = await second.app.get(DataSource).query<Array<{ status: string; lease_owner: string | null }>>(`SELECT status, lease_owner FROM notification_deliveries WHERE user_id = ${session.userId}`);
      expect(rows).toEqual([{ status: 'sent', lease_owner: null }]);
      await second.close();
    } finally {
      push.hold = null;
      await push.close();
      await database.drop();
    }
  });
});
