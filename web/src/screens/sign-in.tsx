import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createAccount, signIn } from '../api/client';
import { field } from '../components/form-field';

/** Sign in, or create an account and sign in: one form, two buttons. */
export function SignInScreen() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const email = field(form, 'email');
    const password = field(form, 'password');
    setBusy(true);
    setError(null);
    const failure = submitter?.value === 'create' ? await createAccount(email, password, field(form, 'name')) : await signIn(email, password);
    setBusy(false);
    setError(failure);
  };

  return (
    <main id="main" className="sign-in">
      <h1>{t('app.name')}</h1>
      <p>{t('signIn.intro')}</p>
      <form onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <label htmlFor="email">{t('signIn.email')}</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
        <label htmlFor="password">{t('signIn.password')}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" minLength={8} maxLength={128} required />
        <label htmlFor="name">{t('signIn.name')}</label>
        <input id="name" name="name" autoComplete="name" maxLength={100} aria-describedby="name-hint" />
        <p id="name-hint" className="hint">
          {t('signIn.nameHint')}
        </p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" name="action" value="signin" disabled={busy}>
            {t('signIn.signIn')}
          </button>
          <button type="submit" name="action" value="create" className="secondary" disabled={busy}>
            {t('signIn.create')}
          </button>
        </div>
      </form>
    </main>
  );
}
