// Staff invite a patient to the portal: a one-time link, emailed through the
// outbox and shown here to hand over in person (copyable).
import { useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import type { Invitation, Patient } from '../api/types';
import { useSession } from '../session/session';
import { Button } from '../ui/Button';
import { Alert, errorMessage } from '../ui/feedback';
import { Card } from '../ui/Page';
import { useToast } from '../ui/toast';

export function PortalInviteCard({ patient }: { patient: Patient }) {
  const { fmt } = useSession();
  const notify = useToast();
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [copied, setCopied] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const invite = async () => {
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      const inv = await api.post<Invitation>(`/patients/${patient.id}/invite`, {});
      setInvitation(inv);
      notify(inv.reset ? `A link to choose a new password was emailed to ${inv.email}.` : `Invitation emailed to ${inv.email}.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!invitation?.link) return;
    try {
      await navigator.clipboard.writeText(invitation.link);
    } catch {
      inputRef.current?.select();
      document.execCommand?.('copy');
    }
    setCopied(true);
  };

  const noEmail = error instanceof ApiError && error.status === 422 && !!error.fieldMessage('email');
  const exists = error instanceof ApiError && error.status === 409;
  return (
    <Card title="Patient portal">
      <div class="stack" data-field="email">
        <p class="muted">
          The portal lets the patient see their upcoming sessions, subscribe their calendar, tick off their aftercare, follow their progress, log
          shedding counts and report a side effect. The invitation is a one-time link, valid for 7 days. A patient who already has an account
          and forgot their password gets a link to choose a new one the same way.
        </p>
        {noEmail && (
          <Alert tone="warning" title="No email address">
            <p>The patient has no email address: add one to their details first (Edit details).</p>
          </Alert>
        )}
        {exists && (
          <Alert tone="info" title="Already has an account">
            <p>{errorMessage(error)} The patient signs in to the portal with it.</p>
          </Alert>
        )}
        {error !== null && !noEmail && !exists && <Alert tone="danger">{errorMessage(error)}</Alert>}
        {invitation && (
          <div class="invite" data-testid="invitation">
            {invitation.reset ? (
              <p>
                The patient already has an account: a link to choose a new password was emailed to <strong>{invitation.email}</strong>, valid until{' '}
                {fmt.dateTime(invitation.expires_at)}. It goes to the patient only; their old password works until they use it.
              </p>
            ) : (
              <>
                <p>
                  Sent to <strong>{invitation.email}</strong>; valid until {fmt.dateTime(invitation.expires_at)}. You can also give the link in person:
                </p>
                <div class="copy-row">
                  <label class="sr-only" for="invitation-link">Invitation link</label>
                  <input id="invitation-link" ref={inputRef} class="input mono" readOnly value={invitation.link} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
                  <Button small variant="secondary" onClick={copy}>{copied ? 'Copied' : 'Copy link'}</Button>
                </div>
              </>
            )}
          </div>
        )}
        <div class="form-actions">
          <Button variant={invitation ? 'secondary' : 'primary'} busy={busy} onClick={invite}>
            {invitation ? 'Send a new invitation' : 'Invite to the portal'}
          </Button>
        </div>
      </div>
    </Card>
  );
}

/**
 * For staff who do not invite (a receptionist): whether the patient has a
 * portal account, and who helps them into it, for the patient on the phone.
 */
export function PortalStatusCard({ patient }: { patient: Patient }) {
  return (
    <Card title="Patient portal">
      <p data-testid="portal-status">
        {patient.portal_account
          ? 'Has a portal account, signing in with the email above. A patient who forgot the password asks a clinician, who sends a link to choose a new one.'
          : 'No portal account yet. A clinician sends the invitation.'}
      </p>
    </Card>
  );
}
