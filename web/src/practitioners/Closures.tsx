// Days when nobody can be booked: clinic holidays, or one practitioner's
// time off. A list with removal, and a form to add a day or a range.
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Appointment, Page, TimeOff } from '../api/types';
import { appointmentName } from '../appointments/labels';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { Alert, EmptyState, FormError } from '../ui/feedback';
import { TextField } from '../ui/fields';
import { blankFields } from '../ui/required';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';
import { useFormSubmit } from '../ui/useFormSubmit';

export function Closures(props: {
  /** `/clinic/holidays` or `/practitioners/{id}/time-off`. */
  path: string;
  noun: string;
  empty: string;
  reasonPlaceholder: string;
  today?: string;
}) {
  const { fmt, can } = useSession();
  const notify = useToast();
  const state = useAsync((signal) => api.get<Page<TimeOff>>(props.path, undefined, signal), [props.path]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [removing, setRemoving] = useState<string | null>(null);
  // Removing reopens the days to booking: asked once before it is done.
  const [confirming, setConfirming] = useState<TimeOff | null>(null);
  // The appointments still booked in what was just added, until they are moved.
  const [toMove, setToMove] = useState<{ range: string; items: Appointment[] } | null>(null);
  const writer = can('scheduling:write');

  const { formRef, busy, error, setError, submit: add, errorFor } = useFormSubmit({
    check: () => blankFields({ from }, { from: 'Choose the first day.' }),
    send: async () => {
      const body: Record<string, string> = { from };
      if (to) body.to = to;
      if (reason.trim()) body.reason = reason.trim();
      const added = await api.post<TimeOff>(props.path, body);
      state.setData({ items: [...(state.data?.items || []), added] });
      const left = added.to_move?.length || 0;
      setToMove(left ? { range: fmt.dateRange(added.from, added.to), items: added.to_move! } : null);
      notify(
        `${props.noun} added: ${fmt.dateRange(added.from, added.to)}.` +
          (left ? ` ${left} appointment${left === 1 ? ' is' : 's are'} still booked then: move ${left === 1 ? 'it' : 'them'} from the patients' courses.` : ''),
      );
      setFrom('');
      setTo('');
      setReason('');
    },
    stays: true,
  });

  const remove = async (t: TimeOff) => {
    setConfirming(null);
    setRemoving(t.id);
    setError(null);
    try {
      await api.del(`${props.path}/${t.id}`);
      state.setData({ items: (state.data?.items || []).filter((x) => x.id !== t.id) });
      notify(`${props.noun} removed: ${fmt.dateRange(t.from, t.to)}.`);
    } catch (err) {
      setError(err);
    } finally {
      setRemoving(null);
    }
  };

  return (
    <div class="stack">
      <Async state={state} loading="Loading…">
        {(page) => {
          const items = [...page.items].sort((a, b) => (a.from < b.from ? -1 : 1));
          return items.length === 0 ? (
            <EmptyState title={props.empty} />
          ) : (
            <div class="table-wrap">
              <table class="table table--dense">
                <thead>
                  <tr>
                    <th scope="col">Dates</th>
                    <th scope="col">Days</th>
                    <th scope="col">Reason</th>
                    <th scope="col"><span class="sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((t) => {
                    const days = Math.round((Date.parse(t.to) - Date.parse(t.from)) / 86_400_000) + 1;
                    const past = props.today ? t.to < props.today : false;
                    return (
                      <tr key={t.id} class={past ? 'is-inactive' : ''}>
                        <td class="nowrap strong">{t.from === t.to ? fmt.weekdayDate(t.from) : fmt.dateRange(t.from, t.to)}</td>
                        <td>{days}</td>
                        <td>{t.reason || <span class="muted">—</span>}</td>
                        <td class="cell-actions">
                          {writer && (
                            <Button small variant="ghost" busy={removing === t.id} onClick={() => setConfirming(t)} aria-label={`Remove ${fmt.dateRange(t.from, t.to)}`}>
                              Remove
                            </Button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          );
        }}
      </Async>
      {toMove && (
        <Alert tone="warning" title={`${toMove.items.length} appointment${toMove.items.length === 1 ? ' is' : 's are'} still booked on ${toMove.range}`}>
          <p>Nothing new is booked then, but these stay until someone moves them (they wait on Today's "To move" list, and their reminders are held):</p>
          <ul class="plain-list" data-testid="to-move">
            {toMove.items.map((a) => (
              <li key={a.id}>
                <a href={`/patients/${a.patient_id}/course`}>{a.patient_name || 'Patient'}</a> · {fmt.when(a.start)} · {appointmentName(a).replace(/^the /, '')}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {writer && (
        <form ref={formRef} onSubmit={add} noValidate class="closure-form" aria-label={`Add ${props.noun.toLowerCase()}`}>
          <FormError error={error} fields={['from', 'to', 'reason']} />
          <div class="closure-fields">
            <TextField label="From" name="from" type="date" value={from} onValue={setFrom} error={errorFor('from')} />
            <TextField label="To" name="to" type="date" optional value={to} onValue={setTo} error={errorFor('to')} hint="Blank for one day." />
            <TextField label="Reason" name="reason" optional value={reason} onValue={setReason} placeholder={props.reasonPlaceholder} error={errorFor('reason')} />
            <div class="closure-submit">
              <Button type="submit" busy={busy}>Add</Button>
            </div>
          </div>
        </form>
      )}
      {confirming && (
        <Dialog title={`Remove ${props.noun.toLowerCase()} ${fmt.dateRange(confirming.from, confirming.to)}?`} onClose={() => setConfirming(null)}>
          <p>Those days can be booked again{confirming.reason ? ` (${confirming.reason})` : ''}.</p>
          <div class="form-actions">
            <Button variant="danger" onClick={() => remove(confirming)}>Remove</Button>
            <Button variant="secondary" onClick={() => setConfirming(null)}>Keep it</Button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
