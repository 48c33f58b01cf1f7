import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../i18n';
import { ShownOnce } from './access-tokens';
import { field } from './form-field';
import { Failure, Loading } from './states';
import { useCreateWebhook, useDeleteWebhook, useWebhooks, type WebhookEvent, type WebhookSubscription } from '../hooks/use-automation';

const EVENTS: Array<{ value: WebhookEvent; label: string }> = [
  { value: 'records', label: 'webhooks.records' },
  { value: 'habits', label: 'webhooks.habits' },
  { value: 'categories', label: 'webhooks.categories' },
  { value: 'profile', label: 'webhooks.profile' },
];

/** Settings › Webhooks: subscribe a URL to event groups (secret shown once), list with last delivery and failures, delete. */
export function ChangeWebhooks() {
  const webhooks = useWebhooks();
  const create = useCreateWebhook();
  const remove = useDeleteWebhook();
  const form = useRef<HTMLFormElement>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const { t } = useTranslation();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const events = EVENTS.map((item) => item.value).filter((value) => data.get(`event-${value}`) === 'on');
    create.mutate(
      { url: field(data, 'url').trim(), events },
      {
        onSuccess: (created) => {
          setSecret(created.secret);
          form.current?.reset();
        },
      },
    );
  };
  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{t('webhooks.title')}</h2>
      <p className="hint">{t('webhooks.hint')}</p>
      <form ref={form} onSubmit={submit}>
        <label htmlFor="webhook-url">{t('webhooks.url')}</label>
        <input id="webhook-url" name="url" type="url" required maxLength={2048} placeholder="https://homeassistant.local/api/webhook/habits" />
        <fieldset>
          <legend>{t('webhooks.sendChanges')}</legend>
          {EVENTS.map((item) => (
            <label key={item.value} className="inline">
              <input type="checkbox" name={`event-${item.value}`} defaultChecked={item.value === 'records'} /> {t(item.label)}
            </label>
          ))}
        </fieldset>
        {create.error && (
          <p className="error" role="alert">
            {create.error.message}
          </p>
        )}
        <button type="submit" disabled={create.isPending}>
          {t('webhooks.add')}
        </button>
      </form>
      {secret && <ShownOnce label={t('webhooks.secret')} value={secret} onDone={() => setSecret(null)} />}
      {webhooks.error ? (
        <Failure error={webhooks.error} retry={() => void webhooks.refetch()} />
      ) : !webhooks.data ? (
        <Loading what={t('webhooks.loading')} />
      ) : webhooks.data.length === 0 ? (
        <p className="meta">{t('webhooks.none')}</p>
      ) : (
        <ul className="sessions">
          {webhooks.data.map((webhook) => (
            <WebhookRow key={webhook.id} webhook={webhook} onDelete={() => remove.mutate(webhook.id)} />
          ))}
        </ul>
      )}
      {remove.error && (
        <p className="error" role="alert">
          {remove.error.message}
        </p>
      )}
    </section>
  );
}

function WebhookRow({ webhook, onDelete }: { webhook: WebhookSubscription; onDelete: () => void }) {
  const { t } = useTranslation();
  const delivered = webhook.lastSuccessAt ? t('webhooks.lastDelivered', { when: formatInstant(webhook.lastSuccessAt) }) : t('webhooks.nothingDelivered');
  const state = webhook.disabledAt
    ? t('webhooks.disabled', { when: formatInstant(webhook.disabledAt) })
    : webhook.failures > 0
      ? t('webhooks.failures', { count: webhook.failures })
      : t('webhooks.noFailures');
  return (
    <li>
      <span>
        <strong>{webhook.url}</strong>
        <span className="meta">
          {' '}
          · {webhook.events.map((event) => t(`webhooks.${event}`)).join(', ')} · {delivered} · {state}
        </span>
      </span>
      <button type="button" className="secondary" onClick={onDelete} aria-label={t('webhooks.deleteUrl', { url: webhook.url })}>
        {t('webhooks.delete')}
      </button>
    </li>
  );
}
