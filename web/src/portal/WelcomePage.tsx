// The invitation link's page (/portal/welcome?token=...): the patient picks a
// password, which creates their portal account and signs them in.
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import type { InvitationInfo } from '../api/types';
import { Logo } from '../shell/Logo';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { Alert, errorMessage } from '../ui/feedback';
import { TextField } from '../ui/fields';
import { useTitle } from '../ui/Page';
import { useAsync } from '../ui/useAsync';
import { useFormSubmit } from '../ui/useFormSubmit';

export function WelcomePage({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  useTitle('Welcome');
  const { query } = useLocation();
  const token = query.token || '';
  const info = useAsync(
    async (signal) => {
      if (!token) throw new ApiError(404, { detail: 'This address has no invitation in it. Open the link from the clinic’s email again.' });
      return api.get<InvitationInfo>(`/portal/invitations/${encodeURIComponent(token)}`, undefined, signal);
    },
    [token],
  );
  return (
    <div class="signin portal-welcome">
      <main class="signin-card" aria-labelledby="welcome-title">
        <div class="signin-brand">
          <Logo />
          <span class="brand-name">anagen</span>
        </div>
        {info.error ? (
          <>
            <h1 id="welcome-title">This link does not work any more</h1>
            <Alert tone="warning">{errorMessage(info.error)}</Alert>
            <p class="muted small">Invitation links work once, for 7 days. Already set your password? <a href="/portal">Sign in to your portal</a>.</p>
          </>
        ) : (
          <Async state={info} loading="Checking your invitation…">
            {(inv) => <SetPassword token={token} info={inv} onSignedIn={onSignedIn} />}
          </Async>
        )}
      </main>
    </div>
  );
}

function SetPassword(props: { token: string; info: InvitationInfo; onSignedIn: () => Promise<void> }) {
  const { route } = useLocation();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const { formRef, busy, error, blank: local, submit } = useFormSubmit({
    check: () => {
      const problems: Record<string, string> = {};
      if ([...password].length < 10) problems.password = 'Use at least 10 characters.';
      else if (again !== password) problems.again = 'The two passwords are not the same.';
      return problems;
    },
    send: async () => {
      await api.post('/portal/accept', { token: props.token, password });
      await props.onSignedIn();
      route('/portal', true);
    },
  });
  const apiErr = error instanceof ApiError ? error : null;
  return (
    <>
      <h1 id="welcome-title">{props.info.reset ? `A new password, ${props.info.given_name}` : `Welcome, ${props.info.given_name}`}</h1>
      <p class="muted">
        {props.info.reset
          ? `Choose a new password for your patient portal at ${props.info.clinic}. Your old password stops working.`
          : `${props.info.clinic} invites you to your patient portal: your sessions, your aftercare and your progress. Choose a password to finish.`}
      </p>
      {apiErr?.fieldMessage('token') && <Alert tone="warning">{apiErr.fieldMessage('token')}</Alert>}
      {error !== null && !apiErr?.errors.length && <Alert tone="danger">{errorMessage(error)}</Alert>}
      <form ref={formRef} onSubmit={submit} noValidate class="stack" aria-label="Choose your password">
        <div class="field">
          <span class="field-label">Your email (to sign in)</span>
          <span class="static-value" data-testid="invited-email">{props.info.email}</span>
        </div>
        <input type="email" name="username" value={props.info.email} autoComplete="username" hidden readOnly />
        <TextField
          label={props.info.reset ? 'Choose a new password' : 'Choose a password'}
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onValue={setPassword}
          hint="At least 10 characters. A few words you will remember work well."
          error={local.password || apiErr?.fieldMessage('password')}
        />
        <TextField label="Type it again" name="again" type="password" autoComplete="new-password" value={again} onValue={setAgain} error={local.again} />
        <Button type="submit" busy={busy} class="btn--block">Open my portal</Button>
      </form>
    </>
  );
}
