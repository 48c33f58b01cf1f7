import { useRef, useState, type FormEvent } from 'react';
import { ShownOnce } from './access-tokens';
import { field } from './form-field';
import { Failure, Loading } from './states';
import { useCreateWebhook, useDeleteWebhook, useWebhooks, type WebhookEvent, type WebhookSubscription } from '../hooks/use-automation';

const EVENTS: Array<{ value: WebhookEvent; label: string }> = [
  { value: 'records', label: 'Check-ins' },
  { value: 'habits', label: 'Habits' },
  { value: 'categories', label: 'Categories' },
  { value: 'profile', label: 'Profile' },
];

/** Settings › Webhooks: subscribe a URL to event groups (secret shown once), list with last delivery and failures, delete. */
export function ChangeWebhooks() {
  const webhooks = useWebhooks();
  const create = useCreateWebhook();
  const remove = useDeleteWebhook();
  const form = useRef<HTMLFormElement>(null);
  const [secret, setSecret] = useState<string | null>(null);
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
      <h2 id="webhooks-title">Webhooks</h2>
      <p className="hint">Each change is sent to the URL as a signed POST (Standard Webhooks), in order.</p>
      <form ref={form} onSubmit={submit}>
        <label htmlFor="webhook-url">URL</label>
        <input id="webhook-url" name="url" type="url" required maxLength={2048} placeholder="https://homeassistant.local/api/webhook/habits" />
        <fieldset>
          <legend>Send changes of</legend>
          {EVENTS.map((item) => (
            <label key={item.value} className="inline">
              <input type="checkbox" name={`event-${item.value}`} defaultChecked={item.value === 'records'} /> {item.label}
            </label>
          ))}
        </fieldset>
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
      {webhooks.error ? (
        <Failure error={webhooks.error} retry={() => void webhooks.refetch()} />
      ) : !webhooks.data ? (
        <Loading what="your webhooks" />
      ) : webhooks.data.length === 0 ? (
        <p className="meta">No webhooks.</p>
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
  const delivered = webhook.lastSuccessAt ? `last delivered ${new Date(webhook.lastSuccessAt).toLocaleString()}` : 'nothing delivered yet';
  const state = webhook.disabledAt
    ? `disabled ${new Date(webhook.disabledAt).toLocaleString()} after a day of failures: delete it and add it again`
    : webhook.failures > 0
      ? `${webhook.failures} failed attempts since the last success`
      : 'no failures';
  return (
    <li>
      <span>
        <strong>{webhook.url}</strong>
        <span className="meta">
          {' '}
          · {webhook.events.join(', ')} · {delivered} · {state}
        </span>
      </span>
      <button type="button" className="secondary" onClick={onDelete} aria-label={`Delete webhook ${webhook.url}`}>
        Delete
      </button>
    </li>
  );
}
