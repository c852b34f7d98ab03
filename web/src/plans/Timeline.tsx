// The course as a timeline: phases in order, each with its sessions (target
// date, window, appointment, status) and, for an active plan, the actions
// each session allows.
import type { Plan, PlannedSession } from '../api/types';
import { APPOINTMENT_LABELS, APPOINTMENT_TONES, PLAN_LABELS, PLAN_TONES, SESSION_LABELS, SESSION_TONES, bookable, every, phaseLabel } from '../appointments/labels';
import { useSession } from '../session/session';
import { Button, LinkButton } from '../ui/Button';
import { inZone } from '../ui/dates';
import { Badge } from '../ui/feedback';
import { Card } from '../ui/Page';
import type { CourseData } from './CourseTab';

export type SessionActionKind = 'book' | 'move' | 'cancel' | 'arrive' | 'no-show' | 'complete';
export type SessionAction = (kind: SessionActionKind, session: PlannedSession) => void;

interface PhaseGroup {
  name: string;
  sessions: PlannedSession[];
}

function groups(plan: Plan): PhaseGroup[] {
  const out: PhaseGroup[] = [];
  for (const s of plan.sessions) {
    const last = out[out.length - 1];
    if (last && last.name === s.phase) last.sessions.push(s);
    else out.push({ name: s.phase, sessions: [s] });
  }
  return out;
}

export function Timeline(props: { plan: Plan; data: CourseData; act?: SessionAction; busyId?: string | null }) {
  const { plan } = props;
  if (plan.sessions.length === 0) return <p class="muted">This plan has no sessions.</p>;
  return (
    <div class="timeline" data-testid="timeline">
      {groups(plan).map((g, i) => {
        const phase = plan.protocol.phases.find((p) => p.name === g.name);
        return (
          <section key={`${g.name}-${i}`} class="phase" aria-label={`${phaseLabel(g.name)} phase`}>
            <h3 class="phase-title">
              {phaseLabel(g.name)}
              {phase && (
                <span class="phase-rule">
                  {every(phase.interval_days)} · {g.sessions.length} {g.sessions.length === 1 ? 'session' : 'sessions'} · window ±{phase.tolerance_days} {phase.tolerance_days === 1 ? 'day' : 'days'}
                </span>
              )}
            </h3>
            <ol class="sessions">
              {g.sessions.map((s) => (
                <SessionRow key={s.number} session={s} plan={plan} data={props.data} act={props.act} busyId={props.busyId} />
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}

function SessionRow(props: { session: PlannedSession; plan: Plan; data: CourseData; act?: SessionAction; busyId?: string | null }) {
  const { session: s, data, act } = props;
  const { fmt, can, clinic } = useSession();
  const a = s.appointment;
  const who = (id: string) => data.practitioners.find((p) => p.id === id)?.name || 'a practitioner';
  // Earlier attempts at this session: no-shows and cancellations.
  const past = data.history.filter(
    (h) => h.plan_id === props.plan.id && h.session_number === s.number && h.id !== a?.id && (h.status === 'no_show' || h.status === 'cancelled'),
  );
  const onOrBeforeToday = a ? inZone(a.start, clinic.timezone).date <= data.today : false;
  const label = `session ${s.number}`;
  const overdue = (s.status === 'planned' || s.status === 'missed') && !bookable(s, data.today);
  const writer = can('scheduling:write');
  const record = a ? data.records.get(a.id) : undefined;
  const dayOff = a ? data.history.find((h) => h.id === a.id)?.day_off : undefined;
  const asked = a ? data.history.find((h) => h.id === a.id)?.move_request : undefined;

  return (
    <li class={`session session--${s.status}`} data-session={s.number} data-status={s.status}>
      <span class="session-dot" aria-hidden="true">{s.number}</span>
      <div class="session-main">
        <div class="session-head">
          <span class="session-name">Session {s.number}</span>
          <Badge tone={SESSION_TONES[s.status]}>{SESSION_LABELS[s.status]}</Badge>
          {a && a.status === 'arrived' && <Badge tone={APPOINTMENT_TONES.arrived}>{APPOINTMENT_LABELS.arrived}</Badge>}
          {overdue && <Badge tone="warning">Window passed</Badge>}
          {dayOff && a?.status === 'booked' && <Badge tone="danger">{`${dayOff}: move it`}</Badge>}
          {asked && a?.status === 'booked' && <Badge tone="warning" title={asked}>The patient asked to move it</Badge>}
        </div>
        <p class="session-when">
          <span title="Target date">Target {fmt.weekdayDate(s.target_date)}</span>
          <span class="muted"> · window {fmt.dateRange(s.earliest, s.latest)}</span>
        </p>
        {a && (
          <p class="session-appointment" data-testid="appointment">
            {fmt.when(a.start)}–{fmt.time(a.end)} <span class="muted">with {who(a.practitioner_id)}</span>
            {record && (
              <>
                {' · '}
                <a href={`/patients/${props.plan.patient_id}/sessions/${record.id}`} aria-label={`Record of session ${s.number}`}>Record</a>
                <span class="muted small"> (pain {record.pain_score}/10)</span>
              </>
            )}
          </p>
        )}
        {past.map((h) => (
          <p key={h.id} class="session-past small">
            <Badge tone={APPOINTMENT_TONES[h.status]}>{APPOINTMENT_LABELS[h.status]}</Badge> {fmt.when(h.start)}
            {h.note && <span class="muted"> — {h.note}</span>}
          </p>
        ))}
      </div>
      {act && (
        <div class="session-actions">
          {writer && bookable(s, data.today) && (
            <Button small variant="secondary" onClick={() => act('book', s)} aria-label={`Book ${label}`} disabled={props.plan.booking_hold}>Book</Button>
          )}
          {writer && overdue && (
            <span class="muted small">{can('clinical:write') ? 'Revise the plan to book it' : 'A clinician revises the plan to book it'}</span>
          )}
          {writer && a && a.status === 'booked' && (
            <Button small variant="secondary" onClick={() => act('move', s)} aria-label={`Reschedule ${label}`}>Reschedule</Button>
          )}
          {writer && a && a.status === 'booked' && onOrBeforeToday && (
            <Button small variant="secondary" busy={props.busyId === a.id + 'arrive'} onClick={() => act('arrive', s)} aria-label={`Arrived for ${label}`}>Arrived</Button>
          )}
          {can('clinical:write') && a && (a.status === 'booked' || a.status === 'arrived') && onOrBeforeToday && (
            <LinkButton small href={`/patients/${props.plan.patient_id}/chart/${a.id}`} aria-label={`Chart ${label}`}>Chart session</LinkButton>
          )}
          {can('clinical:write') && a && (a.status === 'booked' || a.status === 'arrived') && onOrBeforeToday && (
            <Button small variant="ghost" busy={props.busyId === a.id + 'complete'} onClick={() => act('complete', s)} aria-label={`Completed ${label}`} title="Mark done without charting (a session recorded elsewhere)">Completed</Button>
          )}
          {writer && a && (a.status === 'booked' || a.status === 'arrived') && onOrBeforeToday && (
            <Button small variant="ghost" onClick={() => act('no-show', s)} aria-label={`No-show for ${label}`}>No-show</Button>
          )}
          {writer && a && (a.status === 'booked' || a.status === 'arrived') && (
            <Button small variant="ghost" onClick={() => act('cancel', s)} aria-label={`Cancel ${label}`}>Cancel</Button>
          )}
        </div>
      )}
    </li>
  );
}

/** Stopped or completed plans, folded. */
export function EarlierPlans({ plans, data }: { plans: Plan[]; data: CourseData }) {
  const { fmt } = useSession();
  return (
    <Card title="Earlier courses">
      <div class="stack">
        {plans.map((p) => (
          <details key={p.id} class="earlier-plan">
            <summary>
              <span class="strong">{p.protocol.name}</span> <Badge tone={PLAN_TONES[p.status]}>{PLAN_LABELS[p.status]}</Badge>{' '}
              <span class="muted">{fmt.courseDates(p.start_date, p.end_date)} · {p.sessions.filter((s) => s.status === 'done').length} sessions done</span>
              {p.stop_reason && <span class="muted"> · stopped: {p.stop_reason}</span>}
            </summary>
            <Timeline plan={p} data={data} />
          </details>
        ))}
      </div>
    </Card>
  );
}

