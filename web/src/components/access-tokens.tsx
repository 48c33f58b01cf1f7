import { useRef, useState, type FormEvent } from 'react';
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
      <h2 id="tokens-title">Access tokens</h2>
      <p className="hint">For scripts and home automation: send one as <code>Authorization: Bearer hat_…</code>. A token cannot change your password or sign anyone out.</p>
      <form ref={form} onSubmit={submit}>
        <label htmlFor="token-name">Name</label>
        <input id="token-name" name="name" required minLength={1} maxLength={50} placeholder="Home Assistant" />
        <label htmlFor="token-scope">Access</label>
        <select id="token-scope" name="scope" defaultValue="read">
          <option value="read">Read only</option>
          <option value="write">Read and write</option>
        </select>
        <label htmlFor="token-days">Expires after (days, empty: never)</label>
        <input id="token-days" name="expiresInDays" type="number" min={1} max={366} />
        {create.error && (
          <p className="error" role="alert">
            {create.error.message}
          </p>
        )}
        <button type="submit" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {secret && <ShownOnce label="Your new token" value={secret} onDone={() => setSecret(null)} />}
      {tokens.error ? (
        <Failure error={tokens.error} retry={() => void tokens.refetch()} />
      ) : !tokens.data ? (
        <Loading what="your tokens" />
      ) : tokens.data.length === 0 ? (
        <p className="meta">No access tokens.</p>
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
  const lastUse = token.lastUsedAt ? `last used ${new Date(token.lastUsedAt).toLocaleString()}` : 'never used';
  const ends = token.expiresAt ? `expires ${new Date(token.expiresAt).toLocaleDateString()}` : 'no expiry';
  return (
    <li>
      <span>
        <strong>{token.name}</strong>
        <span className="meta">
          {' '}
          · {token.scope === 'write' ? 'read and write' : 'read only'} · {lastUse} · {ends}
        </span>
      </span>
      <button type="button" className="secondary" onClick={onRevoke} aria-label={`Revoke token ${token.name}`}>
        Revoke
      </button>
    </li>
  );
}

/** A secret the server shows once: selectable, copyable, then dismissed. */
export function ShownOnce({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="shown-once">
      <p>
        <strong>{label}</strong> (copy it now: it is not shown again)
      </p>
      <input readOnly value={value} aria-label={label} onFocus={(event) => event.currentTarget.select()} />
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true))}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
