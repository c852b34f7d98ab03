// One plan: what it is, how far it has got, the review flag, the actions
// on the whole course (book, revise, stop, clear review) and the timeline
// with each session's actions.
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Appointment, NoShowResult, Plan, PlannedSession } from '../api/types';
import {
  BookEvaluationDialog,
  BookSessionDialog,
  CancelDialog,
  NoShowDialog,
  OfferAlert,
  RescheduleDialog,
  Refusal,
} from '../appointments/dialogs';
import { PLAN_LABELS, PLAN_TONES, bookable } from '../appointments/labels';
import { SEVERITY_LABELS } from '../assessment/labels';
import { useSession } from '../session/session';
import { useStaffNames } from '../users/staffNames';
import { Button } from '../ui/Button';
import { Alert, Badge } from '../ui/feedback';
import { useToast } from '../ui/toast';
import { BookCourse } from './BookCourse';
import type { CourseData } from './CourseTab';
import { EvaluationVisits, suggestedEvaluation } from './EvaluationVisits';
import { ClearReviewDialog, HoldDialog, ReviseDialog, StopDialog } from './PlanDialogs';
import { Timeline, type SessionAction } from './Timeline';

type DialogState =
  | { kind: 'book'; session: PlannedSession }
  | { kind: 'book-evaluation' }
  | { kind: 'move'; appointment: Appointment }
  | { kind: 'cancel'; appointment: Appointment }
  | { kind: 'no-show'; appointment: Appointment }
  | { kind: 'revise' }
  | { kind: 'stop' }
  | { kind: 'hold' }
  | { kind: 'clear' };

export function PlanPanel({ plan, data, onChanged }: { plan: Plan; data: CourseData; onChanged: () => void }) {
  const { can, fmt } = useSession();
  const name = useStaffNames();
  const notify = useToast();
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [booking, setBooking] = useState(false);
  const [offer, setOffer] = useState<NoShowResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const active = plan.status === 'active';
  const count = (st: string) => plan.sessions.filter((s) => s.status === st).length;
  // A skipped session's dose was planned again (or the course stopped).
  const total = plan.sessions.filter((s) => s.status !== 'skipped').length;
  const done = count('done');
  const missed = count('missed') + count('skipped');
  const toBook = plan.sessions.filter((s) => bookable(s, data.today));
  const close = () => setDialog(null);
  const after = () => {
    setDialog(null);
    onChanged();
  };

  const quick = async (appointment: Appointment, path: 'arrive' | 'complete', message: string) => {
    setBusyId(appointment.id + path);
    setError(null);
    try {
      await api.post(`/appointments/${appointment.id}/${path}`);
      notify(message);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusyId(null);
    }
  };

  const act: SessionAction = (kind, session) => {
    const a = session.appointment;
    switch (kind) {
      case 'book':
        return setDialog({ kind: 'book', session });
      case 'move':
        return a && setDialog({ kind: 'move', appointment: a });
      case 'cancel':
        return a && setDialog({ kind: 'cancel', appointment: a });
      case 'no-show':
        return a && setDialog({ kind: 'no-show', appointment: a });
      case 'arrive':
        return a && quick(a, 'arrive', `Session ${a.session_number}: the patient has arrived.`);
      case 'complete':
        return a && quick(a, 'complete', `Session ${a.session_number} is done.`);
    }
  };

  return (
    <section class="card plan" aria-labelledby={`plan-${plan.id}`} data-testid="plan">
      <div class="plan-head">
        <div class="plan-title-row">
          <h2 class="card-title" id={`plan-${plan.id}`}>
            {plan.protocol.name} <span class="muted plan-version">v{plan.protocol.version}</span>
          </h2>
          <Badge tone={PLAN_TONES[plan.status]}>{PLAN_LABELS[plan.status]}</Badge>
        </div>
        <dl class="plan-facts">
          <div><dt>Course</dt><dd>{plan.months} months</dd></div>
          <div><dt>Dates</dt><dd>{fmt.courseDates(plan.start_date, plan.end_date)}</dd></div>
          <div><dt>Grade</dt><dd>{SEVERITY_LABELS[plan.severity] || plan.severity}</dd></div>
          <div><dt>Sessions</dt><dd>{plan.session_minutes} minutes each</dd></div>
          <div><dt>Prescribed</dt><dd>{fmt.date(plan.created_at.slice(0, 10))} by {name(plan.created_by)}</dd></div>
        </dl>
        <div class="plan-progress">
          <div class="progress-track" aria-hidden="true">
            <span class="progress-done" style={{ width: `${total ? (done / total) * 100 : 0}%` }} />
            <span class="progress-booked" style={{ width: `${total ? (count('booked') / total) * 100 : 0}%` }} />
          </div>
          <p class="small" data-testid="plan-counts">
            <strong>{done} of {total} done</strong> · {count('booked')} booked · {count('planned')} not booked
            {missed > 0 && <> · <span class="text-danger">{missed} missed</span></>}
            {count('cancelled') > 0 && <> · {count('cancelled')} cancelled</>}
          </p>
        </div>
        {active && (
          <div class="plan-actions">
            {can('scheduling:write') && toBook.length > 0 && !booking && (
              <Button onClick={() => setBooking(true)} disabled={plan.booking_hold} title={plan.booking_hold ? 'Bookings are on hold until a clinician clears the review' : undefined}>
                Book the whole course
              </Button>
            )}
            {can('clinical:write') && (
              <>
                <Button variant="secondary" onClick={() => setDialog({ kind: 'revise' })}>Revise the plan</Button>
                {!plan.booking_hold && <Button variant="secondary" onClick={() => setDialog({ kind: 'hold' })}>Put on hold</Button>}
                <Button variant="secondary" onClick={() => setDialog({ kind: 'stop' })}>Stop the course</Button>
              </>
            )}
          </div>
        )}
      </div>

      <div class="card-body">
        {active && plan.needs_review && (
          <div class="review-flag" role="alert" data-testid="review-flag">
            <div>
              <p class="review-flag-title">
                Flagged for a clinician's review
                {plan.booking_hold && <Badge tone="danger">Bookings on hold</Badge>}
              </p>
              <p>{plan.review_reason || 'The plan needs a clinician to look at it.'}</p>
              {plan.booking_hold && (
                <p class="small" data-testid="booking-hold">
                  No session can be booked until a clinician clears the review{count('booked') > 0 ? '; the sessions already booked stay' : ''}.
                </p>
              )}
            </div>
            {can('clinical:write') && (
              <Button variant="secondary" small onClick={() => setDialog({ kind: 'clear' })}>Clear review</Button>
            )}
          </div>
        )}
        {plan.status === 'stopped' && (
          <Alert tone="info" title="This course was stopped">{plan.stop_reason}</Alert>
        )}
        {plan.status === 'completed' && <Alert tone="success">Every session of this course is done.</Alert>}
        {error !== null && <Refusal error={error} />}
        {offer && (
          <OfferAlert
            offer={offer.offer}
            planId={plan.id}
            practitioners={data.practitioners}
            onBooked={() => { setOffer(null); onChanged(); }}
            onDismiss={() => setOffer(null)}
          />
        )}
        {booking && (
          <BookCourse
            plan={plan}
            practitioners={data.practitioners}
            onBook={(s) => setDialog({ kind: 'book', session: s })}
            onBooked={onChanged}
            onClose={() => setBooking(false)}
          />
        )}
        <Timeline plan={plan} data={data} act={active ? act : undefined} busyId={busyId} />
        <EvaluationVisits
          plan={plan}
          data={data}
          busyId={busyId}
          onBook={() => setDialog({ kind: 'book-evaluation' })}
          act={(kind, a) => (kind === 'complete' ? quick(a, 'complete', 'The evaluation visit is done.') : setDialog({ kind, appointment: a }))}
        />
      </div>

      {dialog?.kind === 'book' && (
        <BookSessionDialog plan={plan} session={dialog.session} practitioners={data.practitioners} today={data.today} onClose={close} onBooked={after} />
      )}
      {dialog?.kind === 'book-evaluation' && (
        <BookEvaluationDialog
          plan={plan}
          practitioners={data.practitioners}
          today={data.today}
          suggested={suggestedEvaluation(plan, data.today)}
          onClose={close}
          onBooked={after}
        />
      )}
      {dialog?.kind === 'move' && (
        <RescheduleDialog appointment={dialog.appointment} plan={plan} practitioners={data.practitioners} today={data.today} onClose={close} onMoved={after} />
      )}
      {dialog?.kind === 'cancel' && <CancelDialog appointment={dialog.appointment} onClose={close} onCancelled={after} />}
      {dialog?.kind === 'no-show' && (
        <NoShowDialog
          appointment={dialog.appointment}
          onClose={close}
          onDone={(r) => {
            // A missed evaluation visit has no window to offer a slot in.
            if (r.kind !== 'evaluation') setOffer(r);
            else notify('The evaluation visit is recorded as missed.');
            after();
          }}
        />
      )}
      {dialog?.kind === 'revise' && <ReviseDialog plan={plan} onClose={close} onDone={after} />}
      {dialog?.kind === 'stop' && <StopDialog plan={plan} onClose={close} onDone={after} />}
      {dialog?.kind === 'hold' && <HoldDialog plan={plan} onClose={close} onDone={after} />}
      {dialog?.kind === 'clear' && <ClearReviewDialog plan={plan} onClose={close} onDone={after} />}
    </section>
  );
}
