import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ShownOnce } from './access-tokens';
import { field } from './form-field';
import { Failure, Loading } from './states';
import { currentEndpoint, pushSupport, subscribeThisDevice } from '../api/push';
import { fetchVapidKey, useChannels, useCreateWebhookChannel, useDeliveries, useRegisterPush, useRemoveChannel, useSendTest, type Channels } from '../hooks/use-notifications';

/** Settings › Notifications: this device's Web Push, webhook channels (ntfy, Gotify, Home Assistant…), a test, recent deliveries. */
export function NotificationSettings() {
  const channels = useChannels();
  const test = useSendTest();
  return (
    <section aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifications</h2>
      <ThisDevice />
      {channels.error ? (
        <Failure error={channels.error} retry={() => void channels.refetch()} />
      ) : !channels.data ? (
        <Loading what="your notification channels" />
      ) : (
        <ChannelList channels={channels.data} />
      )}
      <WebhookChannelForm />
      <p>
        <button type="button" className="secondary" onClick={() => test.mutate()} disabled={test.isPending}>
          Send a test
        </button>{' '}
        {test.isSuccess && <span role="status">Sent to every channel.</span>}
      </p>
      {test.error && (
        <p className="error" role="alert">
          {test.error.message}
        </p>
      )}
      <RecentDeliveries />
    </section>
  );
}

function ThisDevice() {
  const register = useRegisterPush();
  const [error, setError] = useState<string | null>(null);
  const [endpoint, setEndpoint] = useState<string | null>(null);
  useEffect(() => void currentEndpoint().then(setEndpoint, () => setEndpoint(null)), [register.isSuccess]);
  const support = pushSupport();
  const turnOn = async () => {
    setError(null);
    try {
      const subscription = await subscribeThisDevice(await fetchVapidKey());
      await register.mutateAsync({ endpoint: subscription.endpoint!, keys: { p256dh: subscription.keys!.p256dh, auth: subscription.keys!.auth } });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not turn notifications on.');
    }
  };
  if (support === 'unsupported') return <p className="meta">This browser cannot show notifications from a web app. Add a webhook below instead.</p>;
  return (
    <div>
      <h3>On this device</h3>
      {support === 'denied' ? (
        <p className="meta">Notifications are blocked for this site: allow them in the browser’s site settings.</p>
      ) : (
        <button type="button" onClick={() => void turnOn()} disabled={register.isPending}>
          {endpoint ? 'Notifications are on here: register again' : 'Turn on notifications on this device'}
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function ChannelList({ channels }: { channels: Channels }) {
  const remove = useRemoveChannel();
  const rows = [
    ...channels.push.map((channel) => ({ kind: 'push' as const, id: channel.id, name: `Browser at ${channel.endpointOrigin}`, channel })),
    ...channels.webhooks.map((channel) => ({ kind: 'webhook' as const, id: channel.id, name: channel.url, channel })),
  ];
  if (rows.length === 0) return <p className="meta">No channels yet: reminders have nowhere to go.</p>;
  return (
    <>
      <ul className="sessions">
        {rows.map(({ kind, id, name, channel }) => (
          <li key={`${kind}-${id}`}>
            <span>
              <strong>{name}</strong>
              <span className="meta">
                {' '}
                · {channel.lastSuccessAt ? `last delivered ${new Date(channel.lastSuccessAt).toLocaleString()}` : 'nothing delivered yet'}
                {channel.failures > 0 && ` · ${channel.failures} failed attempts`}
              </span>
            </span>
            <button type="button" className="secondary" onClick={() => remove.mutate({ kind, id })} aria-label={`Remove ${name}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      {remove.error && (
        <p className="error" role="alert">
          {remove.error.message}
        </p>
      )}
    </>
  );
}

function WebhookChannelForm() {
  const create = useCreateWebhookChannel();
  const form = useRef<HTMLFormElement>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const url = field(new FormData(event.currentTarget), 'url').trim();
    create.mutate({ url }, { onSuccess: (created) => (setSecret(created.secret), form.current?.reset()) });
  };
  return (
    <>
      <form ref={form} onSubmit={submit}>
        <label htmlFor="reminder-webhook-url">Send reminders to a URL</label>
        <input id="reminder-webhook-url" name="url" type="url" required maxLength={2048} placeholder="https://ntfy.example.org/my-habits" />
        {create.error && (
          <p className="error" role="alert">
            {create.error.message}
          </p>
        )}
        <button type="submit" disabled={create.isPending}>
          Add webhook
        </button>
      </form>
      {secret && <ShownOnce label="Signing secret" value={secret} onDone={() => setSecret(null)} />}
    </>
  );
}

function RecentDeliveries() {
  const deliveries = useDeliveries();
  if (!deliveries.data || deliveries.data.length === 0) return null;
  return (
    <details>
      <summary>Recent deliveries</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data.map((delivery) => (
            <tr key={delivery.id}>
              <td>{new Date(delivery.at).toLocaleString()}</td>
              <td>{delivery.kind}{delivery.date ? ` · ${delivery.date}` : ''}</td>
              <td>{delivery.status}{delivery.reason ? ` (${delivery.reason})` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
