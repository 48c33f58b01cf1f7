import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../i18n';
import { field } from './form-field';
import { Failure, Loading } from './states';
import { useAccessTokens, useCreateAccessToken, useRevokeAccessToken, type AccessToken } from '../hooks/use-automation';

/** Settings › Access tokens: create (name, scope, lifetime), copy the secret once, list with last use, revoke. */
export function AccessTokens() {
  const tokens = useAccessTokens();
  const create = useCreateAccessToken();
  const revoke = useRevokeAccessToken();
  const form = useRef<HTMLFormElement>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const { t } = useTranslation();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const days = field(data, 'expiresInDays');
    const scope = field(data, 'scope') === 'write' ? 'write' : 'read';
    create.mutate(
      { name: field(data, 'name').trim(), scope, ...(days ? { expiresInDays: Number(days) } : {}) },
      {
        onSuccess: (created) => {
          setSecret(created.secret);
          form.current?.reset();
        },
      },
    );
  };
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('tokens.title')}</h2>
      <p className="hint">{t('tokens.hint')}</p>
      <form ref={form} onSubmit={submit}>
        <label htmlFor="token-name">{t('tokens.name')}</label>
        <input id="token-name" name="name" required minLength={1} maxLength={50} placeholder="Home Assistant" />
        <label htmlFor="token-scope">{t('tokens.access')}</label>
        <select id="token-scope" name="scope" defaultValue="read">
          <option value="read">{t('tokens.read')}</option>
          <option value="write">{t('tokens.write')}</option>
        </select>
        <label htmlFor="token-days">{t('tokens.expires')}</label>
        <input id="token-days" name="expiresInDays" type="number" min={1} max={366} />
        {create.error && (
          <p className="error" role="alert">
            {create.error.message}
          </p>
        )}
        <button type="submit" disabled={create.isPending}>
          {t('tokens.create')}
        </button>
      </form>
      {secret && <ShownOnce label={t('tokens.yourNew')} value={secret} onDone={() => setSecret(null)} />}
      {tokens.error ? (
        <Failure error={tokens.error} retry={() => void tokens.refetch()} />
      ) : !tokens.data ? (
        <Loading what={t('tokens.loading')} />
      ) : tokens.data.length === 0 ? (
        <p className="meta">{t('tokens.none')}</p>
      ) : (
        <ul className="sessions">
          {tokens.data.map((token) => (
            <TokenRow key={token.id} token={token} onRevoke={() => revoke.mutate(token.id)} />
          ))}
        </ul>
      )}
      {revoke.error && (
        <p className="error" role="alert">
          {revoke.error.message}
        </p>
      )}
    </section>
  );
}

function TokenRow({ token, onRevoke }: { token: AccessToken; onRevoke: () => void }) {
  const { t } = useTranslation();
  const lastUse = token.lastUsedAt ? t('tokens.lastUsed', { when: formatInstant(token.lastUsedAt) }) : t('tokens.neverUsed');
  const ends = token.expiresAt ? t('tokens.expiresOn', { when: formatInstant(token.expiresAt, true) }) : t('tokens.noExpiry');
  return (
    <li>
      <span>
        <strong>{token.name}</strong>
        <span className="meta">
          {' '}
          · {token.scope === 'write' ? t('tokens.scopeWrite') : t('tokens.scopeRead')} · {lastUse} · {ends}
        </span>
      </span>
      <button type="button" className="secondary" onClick={onRevoke} aria-label={t('tokens.revokeName', { name: token.name })}>
        {t('tokens.revoke')}
      </button>
    </li>
  );
}

/** A secret the server shows once: selectable, copyable, then dismissed. */
export function ShownOnce({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const { t } = useTranslation();
  return (
    <div role="status" className="shown-once">
      <p>
        <strong>{label}</strong> {t('tokens.shownOnce')}
      </p>
      <input readOnly value={value} aria-label={label} onFocus={(event) => event.currentTarget.select()} />
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true))}>
          {copied ? t('tokens.copied') : t('tokens.copy')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('tokens.done')}
        </button>
      </div>
    </div>
  );
}
