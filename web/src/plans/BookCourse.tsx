// "Book the whole course": one practitioner, the patient's preferred
// weekdays and time range; the server books every unbooked session inside
// its window and says why any could not be booked.
import { useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import type { BookResult, Plan, PlannedSession, Practitioner } from '../api/types';
import { usualPractitioner } from '../appointments/dialogs';
import { bookable } from '../appointments/labels';
import { useSession } from '../session/session';
import { Button } from '../ui/Button';
import { WEEKDAYS, fromMinutes } from '../ui/dates';

/** 06:00 to 22:00 every quarter of an hour, on the clinic's 24-hour clock. */
const TIMES = Array.from({ length: 65 }, (_, i) => fromMinutes(6 * 60 + i * 15)).map((t) => ({ value: t, label: t }));
import { Alert, FormError } from '../ui/feedback';
import { SelectField, focusFirstInvalid } from '../ui/fields';

export function BookCourse(props: {
  plan: Plan;
  practitioners: Practitioner[];
  onBooked: () => void;
  onBook: (s: PlannedSession) => void;
  onClose: () => void;
}) {
  const { plan } = props;
  const { fmt, clinic } = useSession();
  const [practitionerId, setPractitionerId] = useState(usualPractitioner(plan, props.practitioners));
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [blank, setBlank] = useState(false);
  const [result, setResult] = useState<BookResult | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // Sessions whose window has passed wait for the plan's revision.
  const toBook = plan.sessions.filter((s) => bookable(s, clinic.today || ''));
  const practitioner = props.practitioners.find((p) => p.id === practitionerId);
  const working = new Set(practitioner?.working_hours.map((h) => h.weekday) || []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!practitionerId) {
      setBlank(true);
      return;
    }
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const body: Record<string, unknown> = { practitioner_id: practitionerId };
      if (weekdays.length) body.weekdays = [...weekdays].sort();
      if (from) body.from = from;
      if (to) body.to = to;
      const r = await api.post<BookResult>(`/plans/${plan.id}/book`, body);
      setResult(r);
      setBusy(false);
      props.onBooked();
    } catch (err) {
      setError(err);
      setBusy(false);
      focusFirstInvalid(formRef.current);
    }
  };

  const errorFor = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  const weekdayError = error instanceof ApiError ? error.errors.find((x) => x.field.startsWith('weekdays'))?.message : undefined;
  const toggle = (d: number, on: boolean) => setWeekdays((w) => (on ? [...w, d] : w.filter((x) => x !== d)));

  return (
    <section class="book-course" aria-labelledby="book-course-title" aria-busy={busy}>
      <div class="book-course-head">
        <h3 id="book-course-title">Book the whole course</h3>
        <Button variant="ghost" small onClick={props.onClose}>Close</Button>
      </div>
      {result ? (
        <BookingResult result={result} plan={plan} onBook={(n) => {
          const s = plan.sessions.find((x) => x.number === n);
          if (s) props.onBook(s);
        }} />
      ) : (
        <form ref={formRef} onSubmit={submit} noValidate class="stack">
          <p class="muted">
            anagen books each of the {toBook.length} unbooked {toBook.length === 1 ? 'session' : 'sessions'} inside its window, as close to its
            target date as it can, keeping the same day of the week and time when possible.
          </p>
          <FormError error={error} fields={['practitioner_id', 'weekdays', 'from', 'to']} />
          <div class="form-grid form-grid--3">
            <SelectField
              label="Practitioner"
              name="practitioner_id"
              value={practitionerId}
              onValue={(v) => { setPractitionerId(v); setBlank(false); }}
              options={props.practitioners.filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))}
              placeholder={practitionerId ? undefined : 'Choose…'}
              error={blank ? 'Choose who will do the sessions.' : errorFor('practitioner_id')}
            />
            <SelectField label="From" name="from" optional value={from} onValue={setFrom} options={TIMES} placeholder="Any time" error={errorFor('from')} hint="The earliest start the patient can make." />
            <SelectField label="To" name="to" optional value={to} onValue={setTo} options={TIMES} placeholder="Any time" error={errorFor('to')} hint="When the session must be over." />
          </div>
          <fieldset class={`field weekday-picker${weekdayError ? ' field--invalid' : ''}`} data-field="weekdays">
            <legend class="field-label">Days the patient can come <span class="field-optional">(optional)</span></legend>
            <div class="weekday-options">
              {WEEKDAYS.map((d) => (
                <label key={d.value} class={`weekday-option${weekdays.includes(d.value) ? ' is-checked' : ''}${practitioner && !working.has(d.value) ? ' is-off' : ''}`}>
                  <input type="checkbox" name="weekdays" value={d.value} checked={weekdays.includes(d.value)} onChange={(e) => toggle(d.value, (e.currentTarget as HTMLInputElement).checked)} />
                  <span aria-hidden="true">{d.short}</span>
                  <span class="sr-only">{d.long}</span>
                </label>
              ))}
            </div>
            <p class="field-hint">
              None ticked: any day{practitioner ? ` ${practitioner.name} works` : ''}.
              {practitioner && working.size > 0 && ` Greyed days are outside ${practitioner.name}'s hours.`}
            </p>
            {weekdayError && <p class="field-error">{weekdayError}</p>}
          </fieldset>
          {busy ? (
            <div class="booking-progress" role="status" aria-live="polite">
              <div class="progress-indeterminate" role="progressbar" aria-label="Booking the course" aria-valuetext="Booking" />
              <p>
                Booking {toBook.length} sessions{practitioner ? ` with ${practitioner.name}` : ''}: finding a free slot in each session's window…
              </p>
            </div>
          ) : (
            <div class="form-actions">
              <Button type="submit" busy={busy}>Book {toBook.length} {toBook.length === 1 ? 'session' : 'sessions'}</Button>
              <Button variant="secondary" onClick={props.onClose}>Cancel</Button>
            </div>
          )}
        </form>
      )}
      {result && <p class="small muted">Times are in the clinic's time zone ({fmt.timeZone.replace(/_/g, ' ')}).</p>}
    </section>
  );
}

function BookingResult({ result, plan, onBook }: { result: BookResult; plan: Plan; onBook: (n: number) => void }) {
  const { fmt, clinic } = useSession();
  const today = clinic.today || '';
  const booked = result.appointments;
  // Sessions whose window has passed were not asked for: the plan's revision books them.
  const passed = result.unbooked.filter((u) => u.latest < today).length;
  const unbooked = result.unbooked.filter((u) => u.latest >= today);
  const all = booked.length + unbooked.length;
  return (
    <div class="stack" data-testid="booking-result">
      <Alert tone={unbooked.length || passed ? 'warning' : 'success'} title={`Booked ${booked.length} of ${all} ${all === 1 ? 'session' : 'sessions'}.`}>
        {unbooked.length > 0 && <p>{unbooked.length} could not be booked: the reasons are below. Book them by hand or with other preferences.</p>}
        {passed > 0 && <p>{passed === 1 ? '1 session whose window has passed waits' : `${passed} sessions whose window has passed wait`} for a clinician to revise the plan.</p>}
      </Alert>
      {unbooked.length > 0 && (
        <div class="table-wrap">
          <table class="table table--dense unbooked" aria-label="Sessions not booked">
            <thead>
              <tr><th scope="col">Session</th><th scope="col">Window</th><th scope="col">Why not</th><th scope="col"><span class="sr-only">Actions</span></th></tr>
            </thead>
            <tbody>
              {unbooked.map((u) => (
                <tr key={u.session_number} data-session={u.session_number}>
                  <td>{u.session_number}</td>
                  <td class="nowrap">{fmt.dateRange(u.earliest, u.latest)}</td>
                  <td>{u.reason}</td>
                  <td class="cell-actions">
                    {plan.sessions.find((s) => s.number === u.session_number)?.status === 'booked' ? (
                      <span class="muted small nowrap">Booked since</span>
                    ) : (
                      <Button small variant="secondary" onClick={() => onBook(u.session_number)} aria-label={`Book session ${u.session_number} by hand`}>Book by hand</Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {booked.length > 0 && (
        <div class="table-wrap">
          <table class="table table--dense" aria-label="Booked sessions">
            <thead>
              <tr><th scope="col">Session</th><th scope="col">Appointment</th><th scope="col">On its target date</th></tr>
            </thead>
            <tbody>
              {booked.map((a) => (
                <tr key={a.id}>
                  <td>{a.session_number}</td>
                  <td>{fmt.when(a.start)}–{fmt.time(a.end)}</td>
                  <td>{a.on_target ? 'Yes' : <span class="muted">No, inside its window</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
