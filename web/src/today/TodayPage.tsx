// The day at a glance: today's appointments per practitioner (in the
// clinic's today, not the workstation's), with arrived / no-show /
// completed; plans flagged for review and sessions missed.
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Appointment, Clinic, NoShowResult, Page, Plan, Practitioner } from '../api/types';
import { NoShowDialog, OfferAlert, Refusal } from '../appointments/dialogs';
import { APPOINTMENT_LABELS, APPOINTMENT_TONES } from '../appointments/labels';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button, LinkButton } from '../ui/Button';
import { addDays, inZone, isoWeekday } from '../ui/dates';
import { Badge, EmptyState } from '../ui/feedback';
import { Card, PageHeader } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';

/** How far back no-shows are looked for to find flagged plans (see the API note in the README). */
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
  attention: Attention[];
}

async function loadToday(signal: AbortSignal): Promise<TodayData> {
  const clinic = await api.get<Clinic>('/clinic', undefined, signal);
  const today = clinic.today || inZone(clinic.now || new Date().toISOString(), clinic.timezone).date;
  const [practitioners, appointments, recent] = await Promise.all([
    api.get<Page<Practitioner>>('/practitioners', undefined, signal),
    api.get<Page<Appointment>>('/appointments', { from: today, to: today, include_cancelled: false }, signal),
    api.get<Page<Appointment>>('/appointments', { from: addDays(today, -LOOKBACK_DAYS), to: today, include_cancelled: false, limit: 5000 }, signal),
  ]);
  // No endpoint lists flagged plans: a plan is flagged by a no-show, so
  // the plans of recent no-shows are the ones to look at.
  const names = new Map<string, string>();
  const planIds: string[] = [];
  for (const a of recent.items) {
    if (a.status !== 'no_show') continue;
    names.set(a.plan_id, a.patient_name || '');
    if (!planIds.includes(a.plan_id)) planIds.push(a.plan_id);
  }
  const plans = await Promise.all(planIds.slice(0, 50).map((id) => api.get<Plan>(`/plans/${id}`, undefined, signal)));
  const attention = plans
    .filter((p) => p.status === 'active' && (p.needs_review || p.sessions.some((s) => s.status === 'missed')))
    .map((plan) => ({ plan, patientName: names.get(plan.id) || 'Patient' }));
  return { clinic, today, practitioners: practitioners.items, appointments: appointments.items, attention };
}

export function TodayPage() {
  const { clinic, fmt } = useSession();
  const state = useAsync(loadToday, []);
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
  const flagged = data.attention.filter((x) => x.plan.needs_review);
  const missed = data.attention.flatMap((x) =>
    x.plan.sessions.filter((s) => s.status === 'missed').map((s) => ({ ...x, session: s })),
  );
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
        <Card title={`Flagged for review${flagged.length ? ` (${flagged.length})` : ''}`}>
          {flagged.length === 0 ? (
            <p class="muted">No course is waiting for a clinician's review.</p>
          ) : (
            <ul class="attention-list" data-testid="flagged-plans">
              {flagged.map(({ plan, patientName }) => (
                <li key={plan.id}>
                  <a href={`/patients/${plan.patient_id}/course`} class="strong">{patientName}</a>
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
        <p class="muted small">Flags and missed sessions come from no-shows of the last {LOOKBACK_DAYS} days.</p>
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
          <p class="small">{offer.name}, session {offer.result.session_number}</p>
        </OfferAlert>
      )}
      {appointments.length === 0 ? (
        <p class="muted">No appointments today.</p>
      ) : (
        <div class="table-wrap">
          <table class="table day-table" aria-label={`${p.name}'s appointments today`}>
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
                return (
                  <tr key={a.id} data-appointment={a.id}>
                    <td class="nowrap strong">{fmt.time(a.start)}–{fmt.time(a.end)}</td>
                    <td><a href={`/patients/${a.patient_id}/course`}>{a.patient_name}</a></td>
                    <td>{a.session_number}</td>
                    <td><Badge tone={APPOINTMENT_TONES[a.status]}>{APPOINTMENT_LABELS[a.status]}</Badge></td>
                    <td class="cell-actions">
                      <div class="row-actions">
                      {writer && a.status === 'booked' && (
                        <Button small variant="secondary" busy={busy === a.id + 'arrive'} onClick={() => quick(a, 'arrive', `${a.patient_name} has arrived.`)} aria-label={`${a.patient_name} arrived`}>
                          Arrived
                        </Button>
                      )}
                      {can('clinical:write') && open && (
                        <Button small variant="secondary" busy={busy === a.id + 'complete'} onClick={() => quick(a, 'complete', `${a.patient_name}'s session ${a.session_number} is done.`)} aria-label={`${a.patient_name}'s session completed`}>
                          Completed
                        </Button>
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
            setOffer({ result: r, name: noShow.patient_name || 'Patient' });
            setNoShow(null);
            props.onChanged();
          }}
        />
      )}
    </Card>
  );
}
