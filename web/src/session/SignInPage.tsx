import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import type { LoginResponse } from '../api/types';
import { Button } from '../ui/Button';
import { Alert, errorMessage } from '../ui/feedback';
import { TextField } from '../ui/fields';
import { useTitle } from '../ui/Page';
import { Logo } from '../shell/Logo';

/** The sign-in form; calls onSignedIn once the server accepted the password. */
export function SignInPage(props: { notice?: string; portal?: boolean; onSignedIn: () => Promise<void> }) {
  useTitle(props.portal ? 'Sign in to your portal' : 'Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const passwordRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // `autofocus` only works on a page's first load, not after signing out.
  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input[name="email"]')?.focus();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setError(new Error('Enter your email and password.'));
      return;
    }
    setBusy(true);
    try {
      await api.post<LoginResponse>('/auth/login', { email: email.trim(), password });
      await props.onSignedIn();
    } catch (err) {
      setError(err);
      setBusy(false);
      passwordRef.current?.querySelector('input')?.select();
    }
  };

  const throttled = error instanceof ApiError && error.status === 429;
  return (
    <div class="signin">
      <main class="signin-card" aria-labelledby="signin-title">
        <div class="signin-brand">
          <Logo />
          <span class="brand-name">anagen</span>
        </div>
        <h1 id="signin-title">Sign in</h1>
        <p class="muted">
          {props.portal ? 'Your patient portal: your sessions, aftercare and progress.' : "Staff access to the clinic's mesotherapy courses."}
        </p>
        {props.notice && !error && <Alert tone="info">{props.notice}</Alert>}
        {error !== null && (
          <Alert tone={throttled ? 'warning' : 'danger'} title={throttled ? 'Sign-in paused' : undefined}>
            {errorMessage(error)}
          </Alert>
        )}
        <form ref={formRef} onSubmit={submit} noValidate class="stack">
          <TextField label="Email" name="email" type="email" autoComplete="username" value={email} onValue={setEmail} />
          <div ref={passwordRef}>
            <TextField label="Password" name="password" type="password" autoComplete="current-password" value={password} onValue={setPassword} />
          </div>
          <Button type="submit" busy={busy} class="btn--block">
            Sign in
          </Button>
        </form>
        <p class="signin-foot">
          {props.portal
            ? 'No account yet? The clinic sends you an invitation by email; its link lets you choose your password.'
            : "First start? The server printed the administrator's email and password in its terminal."}
        </p>
      </main>
    </div>
  );
}
