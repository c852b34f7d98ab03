// A patient's course: the active plan (timeline, booking, per-session
// actions, review flag), prescribing a new one, earlier plans, and the
// patient's calendar link.
import { api } from '../api/client';
import type { Appointment, Clinic, MoveRequest, Page, Patient, Plan, Practitioner, SessionRecord } from '../api/types';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Alert, EmptyState } from '../ui/feedback';
import { Card } from '../ui/Page';
import { useAsync } from '../ui/useAsync';
import { CalendarLinkCard } from './CalendarLink';
import { PlanPanel } from './PlanPanel';
import { PrescribeCard } from './PrescribeCard';
import { EarlierPlans } from './Timeline';

export interface CourseData {
  plans: Plan[];
  practitioners: Practitioner[];
  /** Every appointment of the patient, cancelled and no-shows included. */
  history: Appointment[];
  today: string;
  /** The charted sessions (clinical roles only), by appointment. */
  records: Map<string, SessionRecord>;
}

export function CourseTab({ patient, onChanged }: { patient: Patient; onChanged?: () => void }) {
  const { can } = useSession();
  const state = useAsync<CourseData>(
    async (signal) => {
      const [plans, practitioners, history, toMove, clinic, records, asked] = await Promise.all([
        api.get<Page<Plan>>(`/patients/${patient.id}/plans`, undefined, signal),
        api.get<Page<Practitioner>>('/practitioners', undefined, signal),
        api.get<Page<Appointment>>('/appointments', { patient_id: patient.id, include_cancelled: true }, signal),
        api.get<Page<Appointment>>('/appointments/to-move', { patient_id: patient.id }, signal),
        api.get<Clinic>('/clinic', undefined, signal),
        can('clinical:read')
          ? api.get<Page<SessionRecord>>(`/patients/${patient.id}/sessions`, undefined, signal)
          : Promise.resolve({ items: [] as SessionRecord[] }),
        api.get<Page<MoveRequest>>('/move-requests', { patient_id: patient.id }, signal),
      ]);
      const sorted = [...plans.items].sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
      return {
        plans: sorted,
        practitioners: practitioners.items,
        // A session booked on a day off entered since says so, to be moved.
        // And one the patient asked, in the portal, to move says what they asked.
        history: history.items.map((a) => ({
          ...a,
          day_off: toMove.items.find((m) => m.id === a.id)?.day_off,
          move_request: asked.items.find((r) => r.appointment.id === a.id)?.message,
        })),
        today: clinic.today || '',
        records: new Map(records.items.map((r) => [r.appointment_id, r])),
      };
    },
    [patient.id],
  );
  const changed = () => {
    state.reload();
    onChanged?.();
  };

  return (
    <Async state={state} loading="Loading the course…">
      {(data) => {
        const active = data.plans.find((p) => p.status === 'active') || null;
        const shown = active || data.plans[0] || null;
        const earlier = data.plans.filter((p) => p !== shown);
        const prescriber = can('clinical:write');
        return (
          <div class="stack-lg">
            {!active && prescriber && <PrescribeCard patient={patient} hasEarlier={data.plans.length > 0} today={data.today} onCreated={changed} />}
            {active && !patient.email && (
              <Alert tone="info" title="No email on file" class="no-email">
                <p>
                  This patient gets no reminders of sessions or aftercare by email. Add an email on the{' '}
                  <a href={`/patients/${patient.id}`}>Details</a> tab, or remind them by phone.
                </p>
              </Alert>
            )}
            {shown ? (
              <PlanPanel key={shown.id} plan={shown} data={data} onChanged={changed} />
            ) : (
              !prescriber && (
                <Card title="Course">
                  <EmptyState title="No course prescribed yet.">
                    A clinician prescribes the course once the patient is screened and assessed; it can then be booked here.
                  </EmptyState>
                </Card>
              )
            )}
            {earlier.length > 0 && <EarlierPlans plans={earlier} data={data} />}
            {can('scheduling:write') && <CalendarLinkCard patient={patient} />}
          </div>
        );
      }}
    </Async>
  );
}
