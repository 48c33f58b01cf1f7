import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../i18n';
import { ShownOnce } from './access-tokens';
import { field } from './form-field';
import { Failure, Loading } from './states';
import { currentEndpoint, pushSupport, subscribeThisDevice } from '../api/push';
import { fetchVapidKey, useChannels, useCreateWebhookChannel, useDeliveries, useRegisterPush, useRemoveChannel, useSendTest, type Channels } from '../hooks/use-notifications';

/** Settings › Notifications: this device's Web Push, webhook channels (ntfy, Gotify, Home Assistant…), a test, recent deliveries. */
export function NotificationSettings() {
  const { t } = useTranslation();
  const channels = useChannels();
  const test = useSendTest();
  return (
    <section aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t('notifications.title')}</h2>
      <ThisDevice />
      {channels.error ? (
        <Failure error={channels.error} retry={() => void channels.refetch()} />
      ) : !channels.data ? (
        <Loading what={t('notifications.loading')} />
      ) : (
        <ChannelList channels={channels.data} />
      )}
      <WebhookChannelForm />
      <p>
        <button type="button" className="secondary" onClick={() => test.mutate()} disabled={test.isPending}>
          {t('notifications.sendTest')}
        </button>{' '}
        {test.isSuccess && <span role="status">{t('notifications.testSent')}</span>}
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
  const { t } = useTranslation();
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
      setError(failure instanceof Error ? failure.message : t('notifications.couldNot'));
    }
  };
  if (support === 'unsupported') return <p className="meta">{t('notifications.unsupported')}</p>;
  return (
    <div>
      <h3>{t('notifications.thisDevice')}</h3>
      {support === 'denied' ? (
        <p className="meta">{t('notifications.blocked')}</p>
      ) : (
        <button type="button" onClick={() => void turnOn()} disabled={register.isPending}>
          {endpoint ? t('notifications.registerAgain') : t('notifications.turnOn')}
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
  const { t } = useTranslation();
  const remove = useRemoveChannel();
  const rows = [
    ...channels.push.map((channel) => ({ kind: 'push' as const, id: channel.id, name: t('notifications.browserAt', { origin: channel.endpointOrigin }), channel })),
    ...channels.webhooks.map((channel) => ({ kind: 'webhook' as const, id: channel.id, name: channel.url, channel })),
  ];
  if (rows.length === 0) return <p className="meta">{t('notifications.none')}</p>;
  return (
    <>
      <ul className="sessions">
        {rows.map(({ kind, id, name, channel }) => (
          <li key={`${kind}-${id}`}>
            <span>
              <strong>{name}</strong>
              <span className="meta">
                {' '}
                · {channel.lastSuccessAt ? t('notifications.lastDelivered', { when: formatInstant(channel.lastSuccessAt) }) : t('notifications.nothingDelivered')}
                {channel.failures > 0 && ` · ${t('notifications.failures', { count: channel.failures })}`}
              </span>
            </span>
            <button type="button" className="secondary" onClick={() => remove.mutate({ kind, id })} aria-label={t('notifications.removeLabel', { name })}>
              {t('notifications.remove')}
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
  const { t } = useTranslation();
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
        <label htmlFor="reminder-webhook-url">{t('notifications.webhookUrl')}</label>
        <input id="reminder-webhook-url" name="url" type="url" required maxLength={2048} placeholder="https://ntfy.example.org/my-habits" />
        {create.error && (
          <p className="error" role="alert">
            {create.error.message}
          </p>
        )}
        <button type="submit" disabled={create.isPending}>
          {t('notifications.addWebhook')}
        </button>
      </form>
      {secret && <ShownOnce label={t('notifications.secret')} value={secret} onDone={() => setSecret(null)} />}
    </>
  );
}

function RecentDeliveries() {
  const { t } = useTranslation();
  const deliveries = useDeliveries();
  if (!deliveries.data || deliveries.data.length === 0) return null;
  return (
    <details>
      <summary>{t('notifications.recent')}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('notifications.when')}</th>
            <th scope="col">{t('notifications.what')}</th>
            <th scope="col">{t('notifications.status')}</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data.map((delivery) => (
            <tr key={delivery.id}>
              <td>{formatInstant(delivery.at)}</td>
              <td>
                {t(`notifications.kind_${delivery.kind}`)}
                {delivery.date ? ` · ${delivery.date}` : ''}
              </td>
              <td>
                {t(`notifications.status_${delivery.status}`)}
                {delivery.reason ? ` (${delivery.reason})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
