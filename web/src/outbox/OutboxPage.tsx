// Set-up › Outbox: the emails anagen queued (appointment and aftercare
// reminders, portal invitations), what was sent, what is waiting or failed,
// and "send now".
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { OutboxMessage, Page } from '../api/types';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { Alert, Badge, EmptyState, errorMessage } from '../ui/feedback';
import { SelectField } from '../ui/fields';
import { humanize } from '../ui/format';
import { Card } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';

const STATUS_TONES: Record<string, 'success' | 'warning' | 'danger' | 'info' | 'neutral'> = {
  sent: 'success',
  pending: 'info',
  held: 'warning',
  failed: 'danger',
  sending: 'warning',
};

export function OutboxPage() {
  const { fmt } = useSession();
  const notify = useToast();
  const [status, setStatus] = useState('');
  const state = useAsync((signal) => api.get<Page<OutboxMessage>>('/outbox', { status }, signal), [status]);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const r = await api.post<Record<string, unknown>>('/outbox/run', {});
      setResult(r);
      notify('The outbox ran.');
      state.reload();
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Card
      title="Outbox"
      actions={<Button small busy={running} onClick={run}>Send now</Button>}
    >
      <div class="stack">
        <p class="muted">
          Reminders and invitations wait here until the mail server accepts them; a failed attempt is retried later (1, 2, 4 … minutes), a refusal is
          marked failed. A reminder for an appointment left on a day off is held until the appointment is moved (or the day off taken back).
          “Send now” queues the reminders due and sends what is waiting at once.
        </p>
        {error !== null && <Alert tone="danger" title="Could not run the outbox">{errorMessage(error)}</Alert>}
        {result && (
          <Alert tone="success" title="Outbox run">
            <p data-testid="outbox-result">
              {Object.entries(result).map(([k, v]) => `${humanize(k)}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' · ')}
            </p>
          </Alert>
        )}
        <div class="filters">
          <SelectField
            label="Show"
            name="status"
            value={status}
            onValue={setStatus}
            options={[
              { value: '', label: 'All messages' },
              { value: 'pending', label: 'Waiting' },
              { value: 'held', label: 'Held' },
              { value: 'sent', label: 'Sent' },
              { value: 'failed', label: 'Failed' },
            ]}
          />
        </div>
        <Async state={state} loading="Loading messages…">
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState title={status ? `No ${status === 'pending' ? 'waiting' : status} message.` : 'The outbox is empty.'}>
                Messages appear here when reminders come due or a patient is invited to the portal.
              </EmptyState>
            ) : (
              <div class="table-wrap">
                <table class="table table--stack" data-testid="outbox">
                  <thead>
                    <tr>
                      <th scope="col">Message</th>
                      <th scope="col">To</th>
                      <th scope="col">Status</th>
                      <th scope="col" class="num">Attempts</th>
                      <th scope="col">When</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((m) => (
                      <tr key={m.id} data-status={m.status} data-kind={m.kind}>
                        <td class="cell-title">
                          <span class="strong">{m.subject}</span>
                          <span class="muted small"> · {humanize(m.kind)}</span>
                          {m.patient_id && <> · <a class="small" href={`/patients/${m.patient_id}`}>patient</a></>}
                          {m.last_error && <p class={`small ${m.status === 'held' || m.status === 'skipped' ? 'muted' : 'text-danger'}`}>{m.last_error}</p>}
                        </td>
                        <td data-label="To">{m.recipient}</td>
                        <td data-label="Status"><Badge tone={STATUS_TONES[m.status] || 'neutral'}>{humanize(m.status === 'pending' ? 'waiting' : m.status)}</Badge></td>
                        <td data-label="Attempts" class="num">{m.attempts}</td>
                        <td data-label="When" class="small">
                          {m.sent_at ? (
                            <>sent {fmt.dateTime(m.sent_at)}</>
                          ) : m.next_attempt_at ? (
                            <>{m.status === 'held' ? 'looked at again' : 'next try'} {fmt.dateTime(m.next_attempt_at)}</>
                          ) : (
                            <>due {fmt.dateTime(m.due_at)}</>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Async>
      </div>
    </Card>
  );
}
