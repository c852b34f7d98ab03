// The actions on one appointment or session, each in a dialog: book one
// session at a chosen slot, reschedule (with the cascade choice), cancel
// with a reason, confirm a no-show; and the slot offered after a no-show.
import type { ComponentChildren } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import type { Appointment, MoveResult, NoShowResult, Plan, PlannedSession, Practitioner, SlotOffer } from '../api/types';
import { useSession } from '../session/session';
import { Button } from '../ui/Button';
import { addDays, daysBetween, fromMinutes, inZone, localStart, maxDate, toMinutes } from '../ui/dates';
import { Dialog } from '../ui/Dialog';
import { Alert, errorMessage } from '../ui/feedback';
import { RadioGroup, TextAreaField, focusFirstInvalid } from '../ui/fields';
import { useToast } from '../ui/toast';
import { appointmentLabel, appointmentName } from './labels';
import { SlotPicker, type Slot } from './SlotPicker';

/** The server's refusal, with one line per session it named (a cascade that cannot move). */
export function Refusal({ error }: { error: unknown }) {
  if (!error) return null;
  const sessions = error instanceof ApiError ? error.errors.filter((e) => /^session \d+$/.test(e.field)) : [];
  return (
    <Alert tone="danger" title={error instanceof ApiError && error.status === 409 ? 'Not possible' : undefined}>
      <p>{errorMessage(error)}</p>
      {sessions.length > 1 && (
        <ul>
          {sessions.map((e) => (
            <li key={e.field}>
              Session {e.field.slice(8)}: {(error as ApiError).fieldMessage(e.field)}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

function useErrorFor(error: unknown) {
  return (field: string) => (error instanceof ApiError ? error.fieldMessage(field) : undefined);
}

/** The practitioner who had the latest appointment of the plan, else the first active one. */
export function usualPractitioner(plan: Plan | null, practitioners: Practitioner[]): string {
  const last = plan?.sessions
    .map((s) => s.appointment)
    .filter((a): a is Appointment => !!a)
    .pop();
  if (last && practitioners.some((p) => p.id === last.practitioner_id && p.active)) return last.practitioner_id;
  return practitioners.find((p) => p.active)?.id || '';
}

/**
 * Books one appointment of the plan at a slot the receptionist picks with
 * the patient: a session (in its window) or an evaluation visit (any day
 * from today).
 */
function BookDialog(props: {
  plan: Plan;
  practitioners: Practitioner[];
  title: string;
  intro: ComponentChildren;
  /** The day the picker starts at, and the days it allows. */
  date: string;
  min: string;
  max?: string;
  minutes: number;
  what: string;
  /** What the request books besides the slot (session_number, or kind). */
  body: Record<string, unknown>;
  booked: (start: string) => string;
  submitLabel: string;
  /** Why nothing can be booked, shown instead of allowing it. */
  blocked?: string;
  onClose: () => void;
  onBooked: (a: Appointment) => void;
}) {
  const { plan } = props;
  const notify = useToast();
  const [slot, setSlot] = useState<Slot>({ practitionerId: usualPractitioner(plan, props.practitioners), date: props.date, time: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!slot.practitionerId || !slot.date || !slot.time) {
      setError(new Error('Choose the practitioner, the day and a free time.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const a = await api.post<Appointment>('/appointments', {
        plan_id: plan.id,
        ...props.body,
        practitioner_id: slot.practitionerId,
        start: localStart(slot.date, slot.time),
      });
      notify(props.booked(a.start));
      props.onBooked(a);
    } catch (err) {
      setError(err);
      setBusy(false);
      focusFirstInvalid(formRef.current);
    }
  };

  return (
    <Dialog title={props.title} onClose={props.onClose} wide intro={props.intro}>
      <form ref={formRef} onSubmit={submit} noValidate class="stack">
        <Refusal error={error} />
        {props.blocked && <Alert tone="warning">{props.blocked}</Alert>}
        <SlotPicker
          practitioners={props.practitioners}
          value={slot}
          onValue={setSlot}
          minutes={props.minutes}
          what={props.what}
          patientId={plan.patient_id}
          min={props.min}
          max={props.max}
          errorFor={useErrorFor(error)}
        />
        <div class="form-actions">
          <Button type="submit" busy={busy} disabled={!!props.blocked}>{props.submitLabel}</Button>
          <Button variant="secondary" onClick={props.onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}

export function BookSessionDialog(props: {
  plan: Plan;
  session: PlannedSession;
  practitioners: Practitioner[];
  today: string;
  onClose: () => void;
  onBooked: (a: Appointment) => void;
}) {
  const { plan, session } = props;
  const { fmt } = useSession();
  const min = maxDate(session.earliest, props.today);
  return (
    <BookDialog
      plan={plan}
      practitioners={props.practitioners}
      title={`Book session ${session.number}`}
      intro={<p>Target {fmt.weekdayDate(session.target_date)}; it can be done between {fmt.dateRange(session.earliest, session.latest)}.</p>}
      date={maxDate(session.target_date, min)}
      min={min}
      max={session.latest}
      minutes={plan.session_minutes}
      what="session"
      body={{ session_number: session.number }}
      booked={(start) => `Session ${session.number} booked for ${fmt.when(start)}.`}
      submitLabel={`Book session ${session.number}`}
      blocked={min > session.latest ? "This session's window has passed. Ask a clinician to revise the plan." : undefined}
      onClose={props.onClose}
      onBooked={props.onBooked}
    />
  );
}

/** How long an evaluation visit is booked for (the server's default). */
export const EVALUATION_MINUTES = 30;

/**
 * Books the visit at which the course's results are measured: any day from
 * today, with any practitioner; `suggested` is where the day starts.
 */
export function BookEvaluationDialog(props: {
  plan: Plan;
  practitioners: Practitioner[];
  today: string;
  suggested: string;
  onClose: () => void;
  onBooked: (a: Appointment) => void;
}) {
  const { fmt } = useSession();
  return (
    <BookDialog
      plan={props.plan}
      practitioners={props.practitioners}
      title="Book an evaluation visit"
      intro={
        <p>
          {EVALUATION_MINUTES} minutes to photograph the marked site and measure the hair against baseline; nothing is injected. Results show 3 to 5
          months into a course.
        </p>
      }
      date={maxDate(props.suggested, props.today)}
      min={props.today}
      minutes={EVALUATION_MINUTES}
      what="visit"
      body={{ kind: 'evaluation' }}
      booked={(start) => `Evaluation visit booked for ${fmt.when(start)}.`}
      submitLabel="Book the evaluation visit"
      onClose={props.onClose}
      onBooked={props.onBooked}
    />
  );
}

/** "2 days later", "1 hour earlier", "3 days and 30 minutes later". */
export function shiftWords(days: number, minutes: number): string {
  const span = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const time = (m: number) => {
    const a = Math.abs(m);
    if (a % 60 === 0) return span(a / 60, 'hour');
    if (a > 60) return `${span(Math.floor(a / 60), 'hour')} ${span(a % 60, 'minute')}`;
    return span(a, 'minute');
  };
  if (days === 0 && minutes === 0) return 'not at all';
  if (minutes === 0) return `${span(Math.abs(days), 'day')} ${days > 0 ? 'later' : 'earlier'}`;
  if (days === 0) return `${time(minutes)} ${minutes > 0 ? 'later' : 'earlier'} in the day`;
  return `${span(Math.abs(days), 'day')} ${days > 0 ? 'later' : 'earlier'}, and ${time(minutes)} ${minutes > 0 ? 'later' : 'earlier'} in the day`;
}

/**
 * The cascade choice in plain words, with what would happen to each later
 * booked session of the plan.
 */
export function CascadeChoice(props: {
  plan: Plan | null;
  appointment: Appointment;
  to: { date: string; time: string };
  cascade: boolean;
  onCascade: (v: boolean) => void;
  error?: string;
}) {
  const { fmt, clinic } = useSession();
  const { plan, appointment } = props;
  const session = plan?.sessions.find((s) => s.number === appointment.session_number);
  const from = inZone(appointment.start, clinic.timezone);
  const days = props.to.date ? daysBetween(from.date, props.to.date) : 0;
  const minutes = props.to.time ? toMinutes(props.to.time) - from.minutes : 0;
  const later = (plan?.sessions || []).filter(
    (s) => s.number > (appointment.session_number ?? Infinity) && s.appointment && (s.appointment.status === 'booked' || s.appointment.status === 'arrived'),
  );
  const windowText = session ? fmt.dateRange(session.earliest, session.latest) : null;
  return (
    <div class="cascade">
      <RadioGroup
        label="What about the later sessions?"
        name="cascade"
        variant="stacked"
        value={props.cascade ? 'yes' : 'no'}
        onValue={(v) => props.onCascade(v === 'yes')}
        error={props.error}
        choices={[
          {
            value: 'no',
            label: `Move only session ${appointment.session_number}`,
            note: `The later sessions stay where they are. Session ${appointment.session_number} must stay inside its window${windowText ? ` (${windowText})` : ''}, so that the gaps between sessions stay as prescribed.`,
          },
          {
            value: 'yes',
            label: `Move session ${appointment.session_number} and every later session (cascade)`,
            note: `Every later booked session moves by the same amount${days || minutes ? ` (${shiftWords(days, minutes)})` : ''}, so the spacing the protocol prescribes is kept. Each one is checked against working hours, holidays and other bookings: if any one cannot move, nothing moves.`,
          },
        ]}
      />
      {props.cascade && later.length > 0 && (days !== 0 || minutes !== 0) && (
        <div class="cascade-preview">
          <p class="subheading">With cascade</p>
          <ul class="plain-list" data-testid="cascade-preview">
            {later.map((s) => {
              const at = inZone(s.appointment!.start, clinic.timezone);
              const total = at.minutes + minutes;
              const date = addDays(at.date, days + Math.floor(total / 1440));
              const time = fromMinutes(((total % 1440) + 1440) % 1440);
              return (
                <li key={s.number}>
                  Session {s.number}: {fmt.weekdayDate(at.date)}, {at.time} → <strong>{fmt.weekdayDate(date)}, {time}</strong>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {props.cascade && later.length === 0 && plan && (
        <p class="muted small">No later session is booked yet: only session {appointment.session_number} moves (and the later sessions' dates shift with it).</p>
      )}
    </div>
  );
}

export function RescheduleDialog(props: {
  appointment: Appointment;
  plan: Plan | null;
  practitioners: Practitioner[];
  today: string;
  /** Set when the move was already chosen (a drag in the calendar). */
  to?: { date: string; time: string };
  onClose: () => void;
  onMoved: (r: MoveResult) => void;
  /** Called when the server refuses the move (the calendar puts the event back). */
  onRefused?: () => void;
}) {
  const { appointment: a, plan } = props;
  const { fmt, clinic } = useSession();
  const notify = useToast();
  const at = useMemo(() => inZone(a.start, clinic.timezone), [a.start]);
  const session = plan?.sessions.find((s) => s.number === a.session_number);
  const [slot, setSlot] = useState<Slot>({
    practitionerId: a.practitioner_id,
    date: props.to?.date || at.date,
    time: props.to?.time || at.time,
  });
  const [cascade, setCascade] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const errorFor = useErrorFor(error);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!slot.date || !slot.time) {
      setError(new Error('Choose the day and a free time.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { start: localStart(slot.date, slot.time), cascade, expected_start: a.start };
      if (!cascade && slot.practitionerId !== a.practitioner_id) body.practitioner_id = slot.practitionerId;
      const r = await api.patch<MoveResult>(`/appointments/${a.id}`, body);
      const others = r.moved.length - 1;
      notify(`${appointmentLabel(a)} moved to ${fmt.when(r.start)}${others > 0 ? `, and ${others} later ${others === 1 ? 'session' : 'sessions'} with it` : ''}.`);
      props.onMoved(r);
    } catch (err) {
      setError(err);
      setBusy(false);
      props.onRefused?.();
      focusFirstInvalid(formRef.current);
    }
  };

  return (
    <Dialog
      title={`Reschedule ${appointmentName(a)}`}
      onClose={props.onClose}
      wide
      intro={
        <p>
          {a.patient_name ? `${a.patient_name}’s ${a.kind === 'evaluation' ? 'evaluation visit' : 'session'}, now ` : 'Now '}
          {fmt.when(a.start)}.
          {session && <> Its window is {fmt.dateRange(session.earliest, session.latest)}.</>}
        </p>
      }
    >
      <form ref={formRef} onSubmit={submit} noValidate class="stack">
        <Refusal error={error} />
        {props.to ? (
          <p class="move-summary">
            Move to <strong>{fmt.weekdayDate(slot.date)}, {slot.time}</strong>
          </p>
        ) : (
          <SlotPicker
            practitioners={props.practitioners}
            value={slot}
            onValue={(v) => {
              // A refusal was about the slot left: a new choice clears it.
              setSlot(v);
              setError(null);
            }}
            minutes={Math.round((new Date(a.end).getTime() - new Date(a.start).getTime()) / 60000)}
            what={a.kind === 'evaluation' ? 'visit' : 'session'}
            patientId={a.patient_id}
            keep={slot.practitionerId === a.practitioner_id ? { date: at.date, time: at.time } : undefined}
            min={maxDate(session?.earliest || props.today, props.today)}
            max={cascade ? undefined : session?.latest}
            lockPractitioner={cascade}
            dateHint={cascade ? 'With cascade the session may leave its window: the later ones follow it.' : undefined}
            errorFor={errorFor}
          />
        )}
        {a.kind !== 'evaluation' && <CascadeChoice
          plan={plan}
          appointment={a}
          to={slot}
          cascade={cascade}
          onCascade={(v) => {
            setCascade(v);
            setError(null);
            // A cascade keeps the course with its practitioner: the field is
            // locked, so it shows (and the free times are) theirs.
            if (v) setSlot((x) => ({ ...x, practitionerId: a.practitioner_id }));
          }}
          error={errorFor('cascade')}
        />}
        <div class="form-actions">
          <Button type="submit" busy={busy}>{cascade ? 'Move with later sessions' : `Move ${appointmentName(a).replace(/^the /, '')}`}</Button>
          <Button variant="secondary" onClick={props.onClose}>{props.to ? 'Put it back' : 'Cancel'}</Button>
        </div>
      </form>
    </Dialog>
  );
}

export function CancelDialog(props: { appointment: Appointment; onClose: () => void; onCancelled: (a: Appointment) => void }) {
  const { appointment: a } = props;
  const { fmt } = useSession();
  const notify = useToast();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [blank, setBlank] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!reason.trim()) {
      setBlank(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<Appointment>(`/appointments/${a.id}/cancel`, { reason: reason.trim() });
      notify(
        a.kind === 'evaluation'
          ? `The evaluation visit on ${fmt.when(a.start)} is cancelled.`
          : `Session ${a.session_number} on ${fmt.when(a.start)} is cancelled; the session can be booked again.`,
      );
      props.onCancelled(r);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Cancel ${appointmentName(a)}`}
      onClose={props.onClose}
      intro={
        <p>
          {fmt.when(a.start)}.{' '}
          {a.kind === 'evaluation' ? 'Book another evaluation visit when the patient can come.' : 'The session stays in the plan, unbooked, so it can be booked again.'}
        </p>
      }
    >
      <form onSubmit={submit} noValidate class="stack">
        {error !== null && <Refusal error={error} />}
        <TextAreaField
          label="Reason"
          name="reason"
          value={reason}
          onValue={(v) => { setReason(v); setBlank(false); }}
          rows={2}
          placeholder="e.g. The patient is travelling that week."
          error={blank ? 'Say why the appointment is cancelled.' : useErrorFor(error)('reason')}
        />
        <div class="form-actions">
          <Button type="submit" variant="danger" busy={busy}>Cancel the appointment</Button>
          <Button variant="secondary" onClick={props.onClose}>Keep it</Button>
        </div>
      </form>
    </Dialog>
  );
}

export function NoShowDialog(props: { appointment: Appointment; onClose: () => void; onDone: (r: NoShowResult) => void }) {
  const { appointment: a } = props;
  const { fmt } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      props.onDone(await api.post<NoShowResult>(`/appointments/${a.id}/no-show`));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Mark ${appointmentName(a)} as a no-show`} onClose={props.onClose}>
      <div class="stack">
        <Refusal error={error} />
        <p>
          {a.patient_name ? `${a.patient_name} did` : 'The patient did'} not come on {fmt.when(a.start)}.{' '}
          {a.kind === 'evaluation'
            ? 'The visit is recorded as missed; book another evaluation visit when the patient can come.'
            : "The session becomes missed, the course is flagged for a clinician's review, and anagen offers the first free slot left in the session's window."}
        </p>
        <div class="form-actions">
          <Button variant="danger" busy={busy} onClick={confirm}>Mark as no-show</Button>
          <Button variant="secondary" onClick={props.onClose}>Go back</Button>
        </div>
      </div>
    </Dialog>
  );
}

/** After a no-show: the slot the server offers, booked in one click. */
export function OfferAlert(props: {
  offer: SlotOffer | null;
  planId: string;
  practitioners: Practitioner[];
  onBooked: (a: Appointment) => void;
  onDismiss: () => void;
  children?: ComponentChildren;
}) {
  const { fmt } = useSession();
  const notify = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { offer } = props;
  const who = offer && props.practitioners.find((p) => p.id === offer.practitioner_id)?.name;
  const book = async () => {
    if (!offer) return;
    setBusy(true);
    setError(null);
    try {
      const a = await api.post<Appointment>('/appointments', {
        plan_id: props.planId,
        session_number: offer.session_number,
        practitioner_id: offer.practitioner_id,
        start: offer.start,
      });
      notify(`Session ${a.session_number} booked again for ${fmt.when(a.start)}.`);
      props.onBooked(a);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <div class="offer" data-testid="no-show-offer" role="status">
      {offer ? (
        <>
          <div>
            <p class="offer-title">Recorded as a no-show. First free slot for session {offer.session_number}:</p>
            <p class="offer-slot">
              {fmt.when(offer.start)}–{fmt.time(offer.end)}
              {who && <> with {who}</>}
            </p>
            {props.children}
          </div>
          <div class="offer-actions">
            <Button small busy={busy} onClick={book}>Book this</Button>
            <Button small variant="ghost" onClick={props.onDismiss}>Not now</Button>
          </div>
        </>
      ) : (
        <>
          <p class="offer-title">Recorded as a no-show. No free slot is left in the session's window; book it by hand or ask a clinician to revise the plan.</p>
          <div class="offer-actions">
            <Button small variant="ghost" onClick={props.onDismiss}>Dismiss</Button>
          </div>
        </>
      )}
      {error !== null && <Refusal error={error} />}
    </div>
  );
}
