import { useMemo, useRef, useState, type FormEvent } from 'react';
import { session } from '../api/session';
import type { Session, User } from '../api/types';
import { Failure, Loading } from '../components/states';
import { useExport, useImport } from '../hooks/use-portability';
import { useChangePassword, useDeleteAccount, useEndSession, useProfile, useSessions, useSignOutOthers, useUpdateProfile } from '../hooks/use-profile';
import { field } from '../components/form-field';
import { AccessTokens } from '../components/access-tokens';
import { ChangeWebhooks } from '../components/change-webhooks';
import { NotificationSettings } from '../components/notification-settings';

/** Profile, password, notifications, sessions, access tokens, webhooks, export and import, account deletion. */
export function SettingsScreen() {
  const profile = useProfile();
  return (
    <>
      <h1>Settings</h1>
      {profile.error ? <Failure error={profile.error} retry={() => void profile.refetch()} /> : !profile.data ? <Loading what="your profile" /> : <Profile user={profile.data} />}
      <Password />
      <NotificationSettings />
      <Sessions />
      <AccessTokens />
      <ChangeWebhooks />
      <Portability />
      <DeleteAccount />
    </>
  );
}

function Profile({ user }: { user: User }) {
  const update = useUpdateProfile();
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const options = zones.includes(user.timezone) ? zones : [user.timezone, ...zones];
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update.mutate({ displayName: field(form, 'displayName').trim() || null, timezone: field(form, 'timezone'), dayStartHour: Number(form.get('dayStartHour')) });
  };
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <p className="meta">Signed in as {user.email}</p>
      <form onSubmit={submit}>
        <label htmlFor="display-name">Display name</label>
        <input id="display-name" name="displayName" maxLength={100} defaultValue={user.displayName ?? ''} />
        <label htmlFor="timezone">Time zone</label>
        <select id="timezone" name="timezone" defaultValue={user.timezone}>
          {options.map((zone) => (
            <option key={zone}>{zone}</option>
          ))}
        </select>
        <label htmlFor="day-start">Day starts at</label>
        <select id="day-start" name="dayStartHour" defaultValue={user.dayStartHour} aria-describedby="day-start-hint">
          {Array.from({ length: 24 }, (_, hour) => (
            <option key={hour} value={hour}>
              {String(hour).padStart(2, '0')}:00
            </option>
          ))}
        </select>
        <p id="day-start-hint" className="hint">
          Night owls: check-ins before this hour count for the day before.
        </p>
        <Outcome error={update.error} done={update.isSuccess && 'Profile saved.'} />
        <button type="submit" disabled={update.isPending}>
          Save
        </button>
      </form>
    </section>
  );
}

function Password() {
  const change = useChangePassword();
  const form = useRef<HTMLFormElement>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    change.mutate({ currentPassword: field(data, 'currentPassword'), newPassword: field(data, 'newPassword') }, { onSuccess: () => form.current?.reset() });
  };
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form ref={form} onSubmit={submit}>
        <label htmlFor="current-password">Current password</label>
        <input id="current-password" name="currentPassword" type="password" autoComplete="current-password" required />
        <label htmlFor="new-password">New password</label>
        <input id="new-password" name="newPassword" type="password" autoComplete="new-password" minLength={8} maxLength={128} required />
        <Outcome error={change.error} done={change.isSuccess && 'Password changed; your other sessions were signed out.'} />
        <button type="submit" disabled={change.isPending}>
          Change password
        </button>
      </form>
    </section>
  );
}

function Sessions() {
  const sessions = useSessions();
  const end = useEndSession();
  const others = useSignOutOthers();
  const rest = (sessions.data ?? []).filter((item) => !item.current);
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      {sessions.error ? (
        <Failure error={sessions.error} retry={() => void sessions.refetch()} />
      ) : !sessions.data ? (
        <Loading what="your sessions" />
      ) : (
        <>
          <ul className="sessions">
            {sessions.data.map((item) => (
              <SessionRow key={item.id} item={item} onEnd={() => end.mutate(item.id)} />
            ))}
          </ul>
          {rest.length === 0 && <p className="meta">No other device is signed in.</p>}
          <Outcome error={end.error ?? others.error} done={others.isSuccess && 'Every other session is signed out.'} />
          <button type="button" className="secondary" disabled={rest.length === 0 || others.isPending} onClick={() => others.mutate(rest.map((item) => item.id))}>
            Sign out others
          </button>
        </>
      )}
    </section>
  );
}

function SessionRow({ item, onEnd }: { item: Session; onEnd: () => void }) {
  return (
    <li>
      <span>
        <strong>{item.current ? 'This device' : describeAgent(item.userAgent)}</strong>
        <span className="meta">
          {' '}
          · last used {new Date(item.lastUsedAt).toLocaleString()} · signed in {new Date(item.createdAt).toLocaleDateString()}
        </span>
      </span>
      {!item.current && (
        <button type="button" className="secondary" onClick={onEnd} aria-label={`End session of ${describeAgent(item.userAgent)}, last used ${new Date(item.lastUsedAt).toLocaleString()}`}>
          End session
        </button>
      )}
    </li>
  );
}

function describeAgent(agent: string | null | undefined): string {
  if (!agent) return 'Unknown device';
  const browser = /(Firefox|Edg|Chrome|Safari)\/[\d.]+/.exec(agent)?.[1] ?? 'Browser';
  return `${browser === 'Edg' ? 'Edge' : browser} (${agent.includes('Mobile') ? 'mobile' : 'desktop'})`;
}

function Portability() {
  const exporter = useExport();
  const importer = useImport();
  const [file, setFile] = useState<File | null>(null);
  const summary = importer.data;
  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => exporter.mutate('json')} disabled={exporter.isPending}>
          Export JSON
        </button>
        <button type="button" className="secondary" onClick={() => exporter.mutate('loop')} disabled={exporter.isPending}>
          Export Loop
        </button>
      </div>
      <Outcome error={exporter.error} done={false} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (file) importer.mutate(file);
        }}
      >
        <label htmlFor="import-file">Import file</label>
        <input id="import-file" type="file" accept=".json,.zip,application/json,application/zip" onChange={(event) => setFile(event.target.files?.[0] ?? null)} aria-describedby="import-hint" />
        <p id="import-hint" className="hint">
          This app's JSON export, or Loop Habit Tracker's CSV export (.zip). Habits with the same name are merged.
        </p>
        <Outcome
          error={importer.error}
          done={
            summary &&
            `Imported: ${summary.habits.created} new and ${summary.habits.merged} merged habits, ${summary.records.created} new and ${summary.records.updated} updated check-ins (${summary.records.unchanged} unchanged).`
          }
        />
        <button type="submit" disabled={!file || importer.isPending}>
          Import
        </button>
      </form>
    </section>
  );
}

function DeleteAccount() {
  const remove = useDeleteAccount();
  const dialog = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  return (
    <section aria-labelledby="delete-title">
      <h2 id="delete-title">Delete account</h2>
      <p>Deletes your account, every habit and every check-in. Export first to keep a copy.</p>
      <button type="button" className="danger" onClick={() => dialog.current?.showModal()}>
        Delete account
      </button>
      <dialog ref={dialog} aria-labelledby="delete-confirm-title">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            remove.mutate(password, { onSuccess: () => session.signOut() });
          }}
        >
          <h2 id="delete-confirm-title">Delete your account for good?</h2>
          <label htmlFor="delete-password">Your password</label>
          <input id="delete-password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
          <Outcome error={remove.error} done={false} />
          <div className="actions">
            <button type="submit" className="danger" disabled={remove.isPending}>
              Delete everything
            </button>
            <button type="button" className="secondary" autoFocus onClick={() => dialog.current?.close()}>
              Keep my account
            </button>
          </div>
        </form>
      </dialog>
    </section>
  );
}

function Outcome({ error, done }: { error: Error | null; done: string | false | undefined | null }) {
  if (error)
    return (
      <p className="error" role="alert">
        {error.message}
      </p>
    );
  return done ? (
    <p className="success" role="status">
      {done}
    </p>
  ) : null;
}
