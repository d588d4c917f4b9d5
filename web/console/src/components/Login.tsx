// The login screen.
import { useState } from 'preact/hooks';
import { login } from '../actions/session';
import { errorText } from '../actions/toast';
import { t } from '../i18n';
import { ApiError } from '../api/client';

export function Login() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await login(email, password);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.code === 'unauthorized')) setError(t('login.failed'));
      else if (err instanceof ApiError && err.code === 'rate_limited') setError(t('login.rateLimited'));
      else setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <form class="login-card" onSubmit={submit}>
        <div class="brand brand-lg">{t('app.title')}</div>
        <h1>{t('login.title')}</h1>
        <label>
          <span>{t('login.email')}</span>
          <input
            data-testid="login-email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label>
          <span>{t('login.password')}</span>
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && (
          <div class="form-error" role="alert" data-testid="login-error">
            {error}
          </div>
        )}
        <button class="btn btn-primary" type="submit" data-testid="login-submit" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
