import { useState, type FormEvent } from 'react';
import { createAccount, signIn } from '../api/client';
import { field } from '../components/form-field';

/** Sign in, or create an account and sign in: one form, two buttons. */
export function SignInScreen() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
      <h1>Habit tracker</h1>
      <p>Sign in, or create an account with your email and a password of at least 8 characters.</p>
      <form onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" minLength={8} maxLength={128} required />
        <label htmlFor="name">Name</label>
        <input id="name" name="name" autoComplete="name" maxLength={100} aria-describedby="name-hint" />
        <p id="name-hint" className="hint">
          Optional, for a new account: how the app greets you.
        </p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" name="action" value="signin" disabled={busy}>
            Sign in
          </button>
          <button type="submit" name="action" value="create" className="secondary" disabled={busy}>
            Create account
          </button>
        </div>
      </form>
    </main>
  );
}
