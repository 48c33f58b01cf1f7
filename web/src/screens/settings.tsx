import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../i18n';
import { LanguageSwitch } from '../components/language-switch';
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
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('settings.title')}</h1>
      {profile.error ? (
        <Failure error={profile.error} retry={() => void profile.refetch()} />
      ) : !profile.data ? (
        <Loading what={t('settings.loadingProfile')} />
      ) : (
        <>
          <LanguageSwitch user={profile.data} />
          <Profile user={profile.data} />
        </>
      )}
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
  const { t } = useTranslation();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update.mutate({ displayName: field(form, 'displayName').trim() || null, timezone: field(form, 'timezone'), dayStartHour: Number(form.get('dayStartHour')) });
  };
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">{t('settings.profile')}</h2>
      <p className="meta">{t('settings.signedInAs', { email: user.email })}</p>
      <form onSubmit={submit}>
        <label htmlFor="display-name">{t('settings.displayName')}</label>
        <input id="display-name" name="displayName" maxLength={100} defaultValue={user.displayName ?? ''} />
        <label htmlFor="timezone">{t('settings.timezone')}</label>
        <select id="timezone" name="timezone" defaultValue={user.timezone}>
          {options.map((zone) => (
            <option key={zone}>{zone}</option>
          ))}
        </select>
        <label htmlFor="day-start">{t('settings.dayStart')}</label>
        <select id="day-start" name="dayStartHour" defaultValue={user.dayStartHour} aria-describedby="day-start-hint">
          {Array.from({ length: 24 }, (_, hour) => (
            <option key={hour} value={hour}>
              {String(hour).padStart(2, '0')}:00
            </option>
          ))}
        </select>
        <p id="day-start-hint" className="hint">
          {t('settings.dayStartHint')}
        </p>
        <Outcome error={update.error} done={update.isSuccess && t('settings.profileSaved')} />
        <button type="submit" disabled={update.isPending}>
          {t('settings.save')}
        </button>
      </form>
    </section>
  );
}

function Password() {
  const change = useChangePassword();
  const form = useRef<HTMLFormElement>(null);
  const { t } = useTranslation();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    change.mutate({ currentPassword: field(data, 'currentPassword'), newPassword: field(data, 'newPassword') }, { onSuccess: () => form.current?.reset() });
  };
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t('settings.password')}</h2>
      <form ref={form} onSubmit={submit}>
        <label htmlFor="current-password">{t('settings.currentPassword')}</label>
        <input id="current-password" name="currentPassword" type="password" autoComplete="current-password" required />
        <label htmlFor="new-password">{t('settings.newPassword')}</label>
        <input id="new-password" name="newPassword" type="password" autoComplete="new-password" minLength={8} maxLength={128} required />
        <Outcome error={change.error} done={change.isSuccess && t('settings.passwordChanged')} />
        <button type="submit" disabled={change.isPending}>
          {t('settings.changePassword')}
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
  const { t } = useTranslation();
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('settings.sessions')}</h2>
      {sessions.error ? (
        <Failure error={sessions.error} retry={() => void sessions.refetch()} />
      ) : !sessions.data ? (
        <Loading what={t('settings.loadingSessions')} />
      ) : (
        <>
          <ul className="sessions">
            {sessions.data.map((item) => (
              <SessionRow key={item.id} item={item} onEnd={() => end.mutate(item.id)} />
            ))}
          </ul>
          {rest.length === 0 && <p className="meta">{t('settings.noOthers')}</p>}
          <Outcome error={end.error ?? others.error} done={others.isSuccess && t('settings.othersOut')} />
          <button type="button" className="secondary" disabled={rest.length === 0 || others.isPending} onClick={() => others.mutate(rest.map((item) => item.id))}>
            {t('settings.signOutOthers')}
          </button>
        </>
      )}
    </section>
  );
}

function SessionRow({ item, onEnd }: { item: Session; onEnd: () => void }) {
  const { t } = useTranslation();
  const used = formatInstant(item.lastUsedAt);
  const device = describeAgent(item.userAgent, t);
  return (
    <li>
      <span>
        <strong>{item.current ? t('settings.thisDevice') : device}</strong>
        <span className="meta"> · {t('settings.sessionMeta', { used, created: formatInstant(item.createdAt, true) })}</span>
      </span>
      {!item.current && (
        <button type="button" className="secondary" onClick={onEnd} aria-label={t('settings.endSessionOf', { device, used })}>
          {t('settings.endSession')}
        </button>
      )}
    </li>
  );
}

function describeAgent(agent: string | null | undefined, t: (key: string) => string): string {
  if (!agent) return t('settings.unknownDevice');
  const browser = /(Firefox|Edg|Chrome|Safari)\/[\d.]+/.exec(agent)?.[1] ?? t('settings.browser');
  return `${browser === 'Edg' ? 'Edge' : browser} (${agent.includes('Mobile') ? t('settings.mobile') : t('settings.desktop')})`;
}

function Portability() {
  const exporter = useExport();
  const importer = useImport();
  const [file, setFile] = useState<File | null>(null);
  const summary = importer.data;
  const { t } = useTranslation();
  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">{t('settings.data')}</h2>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => exporter.mutate('json')} disabled={exporter.isPending}>
          {t('settings.exportJson')}
        </button>
        <button type="button" className="secondary" onClick={() => exporter.mutate('loop')} disabled={exporter.isPending}>
          {t('settings.exportLoop')}
        </button>
      </div>
      <Outcome error={exporter.error} done={false} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (file) importer.mutate(file);
        }}
      >
        <label htmlFor="import-file">{t('settings.importFile')}</label>
        <input id="import-file" type="file" accept=".json,.zip,application/json,application/zip" onChange={(event) => setFile(event.target.files?.[0] ?? null)} aria-describedby="import-hint" />
        <p id="import-hint" className="hint">
          {t('settings.importHint')}
        </p>
        <Outcome
          error={importer.error}
          done={
            summary &&
            t('settings.imported', {
              habitsCreated: summary.habits.created,
              habitsMerged: summary.habits.merged,
              recordsCreated: summary.records.created,
              recordsUpdated: summary.records.updated,
              recordsUnchanged: summary.records.unchanged,
            })
          }
        />
        <button type="submit" disabled={!file || importer.isPending}>
          {t('settings.import')}
        </button>
      </form>
    </section>
  );
}

function DeleteAccount() {
  const remove = useDeleteAccount();
  const dialog = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  const { t } = useTranslation();
  return (
    <section aria-labelledby="delete-title">
      <h2 id="delete-title">{t('settings.deleteAccount')}</h2>
      <p>{t('settings.deleteHint')}</p>
      <button type="button" className="danger" onClick={() => dialog.current?.showModal()}>
        {t('settings.deleteAccount')}
      </button>
      <dialog ref={dialog} aria-labelledby="delete-confirm-title">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            remove.mutate(password, { onSuccess: () => session.signOut() });
          }}
        >
          <h2 id="delete-confirm-title">{t('settings.deleteConfirm')}</h2>
          <label htmlFor="delete-password">{t('settings.yourPassword')}</label>
          <input id="delete-password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
          <Outcome error={remove.error} done={false} />
          <div className="actions">
            <button type="submit" className="danger" disabled={remove.isPending}>
              {t('settings.deleteEverything')}
            </button>
            <button type="button" className="secondary" autoFocus onClick={() => dialog.current?.close()}>
              {t('settings.keepAccount')}
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
