// The patient's calendar: a secret subscription link for their phone
// (issuing a new one stops the old one), revocation, and a download.
import { useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import type { CalendarFeed, Patient } from '../api/types';
import { Button } from '../ui/Button';
import { Alert, errorMessage } from '../ui/feedback';
import { Card } from '../ui/Page';
import { copyText } from '../ui/clipboard';
import { useToast } from '../ui/toast';

export function CalendarLinkCard({ patient }: { patient: Patient }) {
  const notify = useToast();
  const [feed, setFeed] = useState<CalendarFeed | null>(null);
  const [busy, setBusy] = useState<'issue' | 'revoke' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  // The address as this browser reaches the server (the same one the
  // patient's phone will use when the clinic publishes it).
  const url = feed ? `${location.origin}${feed.path}` : '';
  const webcal = url.replace(/^https?:/, 'webcal:');

  const issue = async () => {
    setBusy('issue');
    setError(null);
    setNote(null);
    try {
      setFeed(await api.post<CalendarFeed>(`/patients/${patient.id}/calendar-feed`));
      setCopied(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const revoke = async () => {
    setBusy('revoke');
    setError(null);
    try {
      await api.del(`/patients/${patient.id}/calendar-feed`);
      setFeed(null);
      setNote('The calendar link is revoked: calendars subscribed to it stop updating.');
      notify('Calendar link revoked.');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        setFeed(null);
        setNote('There was no live calendar link to revoke.');
      } else {
        setError(e);
      }
    } finally {
      setBusy(null);
    }
  };

  const copy = async () => {
    await copyText(url, inputRef);
    setCopied(true);
  };

  return (
    <Card title="Calendar link">
      <div class="stack">
        <p class="muted">
          A private link the patient's phone or computer calendar can subscribe to: their sessions appear and stay up to date, without
          their name. Issuing a new link stops the previous one.
        </p>
        {error !== null && <Alert tone="danger">{errorMessage(error)}</Alert>}
        {note && !feed && <Alert tone="info">{note}</Alert>}
        {feed && (
          <div class="feed" data-testid="calendar-link">
            <label class="field-label" for="calendar-link-url">Subscription link</label>
            <div class="copy-row">
              <input id="calendar-link-url" ref={inputRef} class="input mono" readOnly value={url} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
              <Button variant="secondary" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>
            </div>
            <p class="field-hint">
              Give it only to the patient. On a phone, <a href={webcal}>open it as a subscription</a>.
            </p>
          </div>
        )}
        <div class="form-actions">
          <Button variant={feed ? 'secondary' : 'primary'} busy={busy === 'issue'} onClick={issue}>
            {feed ? 'Issue a new link' : 'Issue a calendar link'}
          </Button>
          <Button variant="ghost" busy={busy === 'revoke'} onClick={revoke}>Revoke the link</Button>
          <a class="btn btn--ghost" href={`/api/v1/patients/${patient.id}/calendar.ics`} download={`sessions-${patient.family_name}.ics`}>
            Download .ics
          </a>
        </div>
      </div>
    </Card>
  );
}
