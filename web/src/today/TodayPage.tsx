// The day at a glance: today's appointments per practitioner (in the
// clinic's today, not the workstation's), with arrived / no-show /
// completed; plans flagged for review, sessions missed, open side effects
// and evaluations due.
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { AdverseEvent, Appointment, Clinic, MoveRequest, NoShowResult, Page, Plan, Practitioner, Progress } from '../api/types';
import { GRADES, OUTCOME_LABELS, TYPE_LABELS, gradeTone } from '../adverse/labels';
import { EVALUATION } from '../outcomes/labels';
import { NoShowDialog, OfferAlert, Refusal } from '../appointments/dialogs';
import { APPOINTMENT_LABELS, APPOINTMENT_TONES, appointmentLabel, appointmentName } from '../appointments/labels';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button, LinkButton } from '../ui/Button';
import { addDays, inZone, isoWeekday } from '../ui/dates';
import { Alert, Badge, EmptyState, errorMessage } from '../ui/feedback';
import { Card, PageHeader } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';

/** How far back no-shows are looked for to find sessions missed and not booked again. */
const LOOKBACK_DAYS = 90;

interface Attention {
  plan: Plan;
  patientName: string;
}

interface TodayData {
  clinic: Clinic;
  today: string;
  practitioners: Practitioner[];
  appointments: Appointment[];
  /** Active plans flagged for review (GET /plans?needs_review=true). */
  flagged: Attention[];
  /** Plans with a recent no-show, for the sessions missed. */
  attention: Attention[];
  /** Side effects not resolved or not reviewed (clinical roles only). */
  events: AdverseEvent[] | null;
  /** Appointments to come on a day off entered after they were booked. */
  toMove: Appointment[];
  /** Patients' requests from the portal to move a session. */
  asked: MoveRequest[];
}

async function loadToday(signal: AbortSignal, clinical: boolean): Promise<TodayData> {
  const clinic = await api.get<Clinic>('/clinic', undefined, signal);
  const today = clinic.today || inZone(clinic.now || new Date().toISOString(), clinic.timezone).date;
  const [practitioners, appointments, recent, flagged, events, toMove, passed, asked] = await Promise.all([
    api.get<Page<Practitioner>>('/practitioners', undefined, signal),
    api.get<Page<Appointment>>('/appointments', { from: today, to: today, include_cancelled: false }, signal),
    api.get<Page<Appointment>>('/appointments', { from: addDays(today, -LOOKBACK_DAYS), to: today, include_cancelled: false, limit: 5000 }, signal),
    api.get<Page<Plan & { patient_name: string }>>('/plans', { needs_review: true }, signal),
    clinical ? api.get<Page<AdverseEvent>>('/adverse-events/open', undefined, signal) : Promise.resolve(null),
    api.get<Page<Appointment>>('/appointments/to-move', undefined, signal),
    api.get<Page<Plan & { patient_name: string }>>('/plans', { window_passed: true }, signal),
    api.get<Page<MoveRequest>>('/move-requests', undefined, signal),
  ]);
  // Sessions missed and not booked again: the plans of recent no-shows.
  const names = new Map<string, string>();
  const planIds: string[] = [];
  for (const a of recent.items) {
    if (a.status !== 'no_show') continue;
    names.set(a.plan_id, a.patient_name || '');
    if (!planIds.includes(a.plan_id)) planIds.push(a.plan_id);
  }
  const known = new Map(flagged.items.map((p) => [p.id, p as Plan]));
  const plans = await Promise.all(
    planIds.slice(0, 50).map((id) => known.get(id) || api.get<Plan>(`/plans/${id}`, undefined, signal)),
  );
  const attention = plans
    .filter((p) => p.status === 'active' && p.sessions.some((s) => s.status === 'missed'))
    .map((plan) => ({ plan, patientName: names.get(plan.id) || 'Patient' }));
  // And courses with a session whose window passed unbooked (never booked, or
  // missed longer ago than the no-shows looked at): they need a revision.
  for (const plan of passed.items) {
    if (!attention.some((a) => a.plan.id === plan.id)) attention.push({ plan, patientName: plan.patient_name });
  }
  return {
    clinic,
    today,
    practitioners: practitioners.items,
    appointments: appointments.items,
    flagged: flagged.items.map((p) => ({ plan: p, patientName: p.patient_name })),
    attention,
    events: events ? events.items : null,
    toMove: toMove.items,
    asked: asked.items,
  };
}

export function TodayPage() {
  const { clinic, fmt, can } = useSession();
  const clinical = can('clinical:read');
  const state = useAsync((signal) => loadToday(signal, clinical), []);
  const today = state.data?.today;
  return (
    <div class="page">
      <PageHeader
        title="Today"
        subtitle={`${today ? `${fmt.weekdayDate(today)} · ` : ''}${clinic.name} · times in ${clinic.timezone.replace(/_/g, ' ')}`}
        actions={<LinkButton href="/calendar" variant="secondary">Open the calendar</LinkButton>}
      />
      <Async state={state} loading="Loading today…">
        {(data) => <TodayScreen data={data} onChanged={state.reload} />}
      </Async>
    </div>
  );
}

function TodayScreen({ data, onChanged }: { data: TodayData; onChanged: () => void }) {
  const weekday = isoWeekday(data.today);
  const columns = data.practitioners
    .map((p) => ({ practitioner: p, appointments: data.appointments.filter((a) => a.practitioner_id === p.id) }))
    .filter((c) => c.appointments.length > 0 || (c.practitioner.active && c.practitioner.working_hours.some((h) => h.weekday === weekday)));
  const { can, fmt } = useSession();
  const flagged = data.flagged;
  const missed = data.attention.flatMap((x) =>
    x.plan.sessions
      .filter((s) => s.status === 'missed' || (s.status === 'planned' && s.latest < data.today))
      .map((s) => ({ ...x, session: s })),
  ).sort((a, b) => (a.session.latest < b.session.latest ? -1 : a.session.latest > b.session.latest ? 1 : 0));
  return (
    <div class="today">
      <div class="today-main stack-lg">
        {data.practitioners.length === 0 ? (
          <Card title="Appointments">
            <EmptyState title="No practitioners yet." action={<LinkButton href="/setup/practitioners" variant="secondary">Set up practitioners</LinkButton>}>
              Appointments appear here once practitioners and their hours are set up and courses are booked.
            </EmptyState>
          </Card>
        ) : columns.length === 0 ? (
          <Card title="Appointments">
            <EmptyState title="Nobody works today.">No practitioner has working hours or appointments today.</EmptyState>
          </Card>
        ) : (
          columns.map((c) => (
            <PractitionerDay key={c.practitioner.id} practitioner={c.practitioner} appointments={c.appointments} data={data} onChanged={onChanged} />
          ))
        )}
      </div>
      <aside class="today-side stack-lg" aria-label="Needs attention">
        {data.toMove.length > 0 && (
          <Card title={`To move (${data.toMove.length})`}>
            <p class="small muted">Booked before a day off was entered: call the patient and move the session. No reminder goes out meanwhile.</p>
            <ul class="attention-list" data-testid="to-move">
              {data.toMove.map((a) => (
                <li key={a.id}>
                  <a href={`/patients/${a.patient_id}/course`} class="strong">{a.patient_name}</a>
                  <p class="small">
                    {appointmentLabel(a)}, {fmt.when(a.start)} <Badge tone="danger">{a.day_off}</Badge>
                  </p>
                </li>
              ))}
            </ul>
          </Card>
        )}
        {data.asked.length > 0 && <AskedToMove requests={data.asked} onChanged={onChanged} />}
        <Card title={`Flagged for review${flagged.length ? ` (${flagged.length})` : ''}`}>
          {flagged.length === 0 ? (
            <p class="muted">No course is waiting for a clinician's review.</p>
          ) : (
            <ul class="attention-list" data-testid="flagged-plans">
              {flagged.map(({ plan, patientName }) => (
                <li key={plan.id}>
                  <a href={`/patients/${plan.patient_id}/course`} class="strong">{patientName}</a>
                  {plan.booking_hold && <> <Badge tone="danger">Bookings on hold</Badge></>}
                  <p class="small">{plan.review_reason}</p>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={`Sessions missed${missed.length ? ` (${missed.length})` : ''}`}>
          {missed.length === 0 ? (
            <p class="muted">No missed session is waiting to be booked again.</p>
          ) : (
            <ul class="attention-list" data-testid="missed-sessions">
              {missed.map(({ plan, patientName, session }) => (
                <MissedItem key={`${plan.id}-${session.number}`} plan={plan} patientName={patientName} number={session.number} earliest={session.earliest} latest={session.latest} today={data.today} />
              ))}
            </ul>
          )}
        </Card>
        <p class="muted small">Missed sessions: no-shows of the last {LOOKBACK_DAYS} days, and sessions whose window passed without a booking.</p>
        {data.events && <OpenEvents events={data.events} />}
        {can('clinical:read') && <EvaluationsDue today={data.today} />}
      </aside>
    </div>
  );
}

function MissedItem(props: { plan: Plan; patientName: string; number: number; earliest: string; latest: string; today: string }) {
  const { fmt } = useSession();
  const passed = props.latest < props.today;
  return (
    <li>
      <a href={`/patients/${props.plan.patient_id}/course`} class="strong">{props.patientName}</a>
      <p class="small">
        Session {props.number}, window {fmt.dateRange(props.earliest, props.latest)}
        {passed ? <Badge tone="warning">Window passed</Badge> : ' · not booked again yet'}
      </p>
    </li>
  );
}

function PractitionerDay(props: { practitioner: Practitioner; appointments: Appointment[]; data: TodayData; onChanged: () => void }) {
  const { practitioner: p, appointments } = props;
  const { fmt, can } = useSession();
  const notify = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [noShow, setNoShow] = useState<Appointment | null>(null);
  const [offer, setOffer] = useState<{ result: NoShowResult; name: string } | null>(null);
  const hours = p.working_hours.filter((h) => h.weekday === isoWeekday(props.data.today)).map((h) => `${h.start}–${h.end}`);
  const writer = can('scheduling:write');
  const held = new Set(props.data.flagged.filter((f) => f.plan.booking_hold).map((f) => f.plan.id));
  const dayOff = new Map(props.data.toMove.map((a) => [a.id, a.day_off]));

  const quick = async (a: Appointment, path: 'arrive' | 'complete', message: string) => {
    setBusy(a.id + path);
    setError(null);
    try {
      await api.post(`/appointments/${a.id}/${path}`);
      notify(message);
      props.onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      title={p.name}
      actions={<span class="muted small">{hours.length ? hours.join(', ') : 'Not working today'} · {appointments.length} {appointments.length === 1 ? 'appointment' : 'appointments'}</span>}
    >
      {error !== null && <Refusal error={error} />}
      {offer && (
        <OfferAlert
          offer={offer.result.offer}
          planId={offer.result.plan_id}
          practitioners={props.data.practitioners}
          onBooked={() => { setOffer(null); props.onChanged(); }}
          onDismiss={() => setOffer(null)}
        >
          <p class="small">{offer.name}, {appointmentName(offer.result)}</p>
        </OfferAlert>
      )}
      {appointments.length === 0 ? (
        <p class="muted">No appointments today.</p>
      ) : (
        <div class="table-wrap">
          <table class="table table--stack day-table" aria-label={`${p.name}'s appointments today`}>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Patient</th>
                <th scope="col">Session</th>
                <th scope="col">Status</th>
                <th scope="col"><span class="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {appointments.map((a) => {
                const open = a.status === 'booked' || a.status === 'arrived';
                // A course on hold (pregnancy reported, a severe side effect) is
                // charted only once a clinician has cleared its review.
                const onHold = open && held.has(a.plan_id);
                return (
                  <tr key={a.id} data-appointment={a.id}>
                    <td class="nowrap strong cell-title">{fmt.time(a.start)}–{fmt.time(a.end)}</td>
                    <td data-label="Patient"><a href={`/patients/${a.patient_id}/course`}>{a.patient_name}</a></td>
                    <td data-label="Session">{a.kind === 'evaluation' ? 'Evaluation' : a.session_number}</td>
                    <td data-label="Status">
                      <Badge tone={APPOINTMENT_TONES[a.status]}>{APPOINTMENT_LABELS[a.status]}</Badge>
                      {onHold && <> <Badge tone="danger">Course on hold</Badge></>}
                      {dayOff.has(a.id) && <> <Badge tone="danger">{dayOff.get(a.id)}</Badge></>}
                    </td>
                    <td class="cell-actions">
                      <div class="row-actions">
                      {writer && a.status === 'booked' && (
                        <Button small variant="secondary" busy={busy === a.id + 'arrive'} onClick={() => quick(a, 'arrive', `${a.patient_name} has arrived.`)} aria-label={`${a.patient_name} arrived`}>
                          Arrived
                        </Button>
                      )}
                      {can('clinical:write') && open && !onHold && a.kind === 'evaluation' && (
                        // An evaluation visit injects nothing: its findings are outcome
                        // measurements, and the visit is then marked done.
                        <LinkButton small href={`/patients/${a.patient_id}/outcomes`} aria-label={`Record ${a.patient_name}'s results`}>
                          Measure
                        </LinkButton>
                      )}
                      {can('clinical:write') && open && !onHold && a.kind === 'evaluation' && (
                        <Button small variant="secondary" busy={busy === a.id + 'complete'} onClick={() => quick(a, 'complete', `${a.patient_name}'s evaluation visit is done.`)} aria-label={`${a.patient_name}'s evaluation visit done`}>
                          Done
                        </Button>
                      )}
                      {can('clinical:write') && open && !onHold && a.kind !== 'evaluation' && (
                        // Charting records the zones, lots and pain and completes the
                        // appointment; a bare "completed" would leave the lots untraced.
                        <LinkButton small href={`/patients/${a.patient_id}/chart/${a.id}`} aria-label={`Chart ${a.patient_name}'s session ${a.session_number}`}>
                          Chart
                        </LinkButton>
                      )}
                      {can('clinical:write') && onHold && (
                        <LinkButton small variant="secondary" href={`/patients/${a.patient_id}/course`} aria-label={`Review ${a.patient_name}'s course`}>
                          Review
                        </LinkButton>
                      )}
                      {writer && open && (
                        <Button small variant="ghost" onClick={() => setNoShow(a)} aria-label={`${a.patient_name} did not come`}>
                          No-show
                        </Button>
                      )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {noShow && (
        <NoShowDialog
          appointment={noShow}
          onClose={() => setNoShow(null)}
          onDone={(r) => {
            // A missed evaluation visit has no window to offer a slot in.
            if (r.kind !== 'evaluation') setOffer({ result: r, name: noShow.patient_name || 'Patient' });
            setNoShow(null);
            props.onChanged();
          }}
        />
      )}
    </Card>
  );
}

function OpenEvents({ events }: { events: AdverseEvent[] }) {
  const { fmt } = useSession();
  return (
    <Card title={`Open side effects${events.length ? ` (${events.length})` : ''}`}>
      {events.length === 0 ? (
        <p class="muted">No side effect is open or waiting for review.</p>
      ) : (
        <ul class="attention-list" data-testid="open-adverse-events">
          {events.map((e) => (
            <li key={e.id}>
              <a href={`/patients/${e.patient_id}/side-effects`} class="strong">{e.patient_name || 'Patient'}</a>{' '}
              <Badge tone={gradeTone(e.grade)} title={GRADES.find((g) => g.grade === e.grade)?.ctcae}>Grade {e.grade}</Badge>
              {!e.reviewed && <> <Badge tone="warning">Not reviewed</Badge></>}
              <p class="small">
                {TYPE_LABELS[e.type] || e.type} since {/^\d{4}-\d{2}-\d{2}$/.test(e.onset) ? fmt.date(e.onset) : fmt.dateTime(e.onset)} · {OUTCOME_LABELS[e.outcome].toLowerCase()}
                {e.reporter_role === 'patient' && ' · reported by the patient'}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

interface Due {
  patientId: string;
  name: string;
  progress: Progress;
  /** The start of the patient's next evaluation visit, when one is booked. */
  visit?: string;
}

/** How many progress reads run at once for the clinic-wide list. */
const PARALLEL = 4;

/**
 * Patients whose evaluation is due or overdue. No endpoint lists them, so
 * the patients with a session done 3 to 12 months ago (the only ones whose
 * evaluation can be due) each have their progress read.
 */
async function loadDue(today: string, signal: AbortSignal): Promise<{ due: Due[]; checked: number }> {
  const done = await api.get<Page<Appointment>>(
    '/appointments',
    { from: addDays(today, -366), to: addDays(today, -90), include_cancelled: false, limit: 5000 },
    signal,
  );
  const patients = new Map<string, string>();
  for (const a of done.items) if (a.status === 'completed' && a.kind !== 'evaluation') patients.set(a.patient_id, a.patient_name || 'Patient');
  const ids = [...patients.keys()];
  const due: Due[] = [];
  for (let i = 0; i < ids.length; i += PARALLEL) {
    const batch = await Promise.all(
      ids.slice(i, i + PARALLEL).map((id) => api.get<Progress>(`/patients/${id}/progress`, undefined, signal).then((p) => ({ patientId: id, name: patients.get(id)!, progress: p }))),
    );
    due.push(...batch.filter((d) => d.progress.evaluation === 'due' || d.progress.evaluation === 'overdue'));
  }
  due.sort((a, b) => (a.progress.evaluation === b.progress.evaluation ? a.name.localeCompare(b.name) : a.progress.evaluation === 'overdue' ? -1 : 1));
  // Which of them already have their visit booked: the desk books the others.
  if (due.length > 0) {
    const coming = await api.get<Page<Appointment>>('/appointments', { from: today, to: addDays(today, 366), include_cancelled: false, limit: 5000 }, signal);
    for (const d of due) {
      d.visit = coming.items.find((a) => a.kind === 'evaluation' && a.patient_id === d.patientId && (a.status === 'booked' || a.status === 'arrived'))?.start;
    }
  }
  return { due, checked: ids.length };
}

function EvaluationsDue({ today }: { today: string }) {
  const { fmt } = useSession();
  const state = useAsync((signal) => loadDue(today, signal), [today]);
  return (
    <Card title={`Evaluations due${state.data?.due.length ? ` (${state.data.due.length})` : ''}`}>
      <Async state={state} loading="Checking each course's progress…">
        {({ due, checked }) =>
          due.length === 0 ? (
            <p class="muted">No evaluation is due{checked ? ` (${checked} ${checked === 1 ? 'course' : 'courses'} checked)` : ''}.</p>
          ) : (
            <ul class="attention-list" data-testid="evaluations-due">
              {due.map((d) => (
                <li key={d.patientId}>
                  <a href={`/patients/${d.patientId}/outcomes`} class="strong">{d.name}</a>{' '}
                  <Badge tone={EVALUATION[d.progress.evaluation].tone}>{EVALUATION[d.progress.evaluation].label}</Badge>
                  <p class="small">First session {fmt.date(d.progress.first_session)}. {d.progress.explanation}</p>
                  <p class="small" data-testid="evaluation-visit">
                    {d.visit ? (
                      <>Evaluation visit booked for {fmt.when(d.visit)}.</>
                    ) : (
                      <a href={`/patients/${d.patientId}/course`}>No visit booked: book one on the course</a>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </Card>
  );
}

/** Patients who asked, in the portal, to move a session: move it from the course (that answers them) or mark it done. */
function AskedToMove(props: { requests: MoveRequest[]; onChanged: () => void }) {
  const { fmt } = useSession();
  const notify = useToast();
  const [error, setError] = useState<unknown>(null);
  const close = async (r: MoveRequest) => {
    setError(null);
    try {
      await api.post(`/move-requests/${r.id}/close`, {});
      notify(`${r.patient_name}'s request closed.`);
      props.onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card title={`Asked to move (${props.requests.length})`}>
      <p class="small muted">Patients asked in the portal. Moving the session on the course answers them; "Answered" closes one settled by phone.</p>
      {error !== null && <Alert tone="danger" title="Could not close the request">{errorMessage(error)}</Alert>}
      <ul class="attention-list" data-testid="asked-to-move">
        {props.requests.map((r) => (
          <li key={r.id}>
            <a href={`/patients/${r.appointment.patient_id}/course`} class="strong">{r.patient_name}</a>
            <p class="small">{appointmentLabel(r.appointment)}, {fmt.when(r.appointment.start)}</p>
            <p class="small">“{r.message}”</p>
            <Button small variant="ghost" onClick={() => close(r)} aria-label={`Answered: ${r.patient_name}, ${appointmentName(r.appointment)}`}>Answered</Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}
