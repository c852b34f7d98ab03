// The visits at which a course's results are measured against baseline
// (domain.md section 5: results show 3 to 5 months in): booked like a
// session but with no window, charted as outcome measurements, then marked
// done.
import type { Appointment, Plan } from '../api/types';
import { APPOINTMENT_LABELS, APPOINTMENT_TONES } from '../appointments/labels';
import { useSession } from '../session/session';
import { Button, LinkButton } from '../ui/Button';
import { addMonths, maxDate } from '../ui/dates';
import { Badge } from '../ui/feedback';
import type { CourseData } from './CourseTab';

export type VisitAction = 'move' | 'cancel' | 'no-show' | 'complete';

/**
 * Where the next evaluation visit's day starts: 3 months after the last
 * visit done (or the course's first day); after a missed one, today.
 */
export function suggestedEvaluation(plan: Plan, today: string): string {
  const last = plan.evaluations[plan.evaluations.length - 1];
  if (last && last.status === 'no_show') return today;
  const done = plan.evaluations.filter((a) => a.status === 'completed').pop();
  return maxDate(addMonths(done ? done.start.slice(0, 10) : plan.start_date, 3), today);
}

export function EvaluationVisits(props: {
  plan: Plan;
  data: CourseData;
  onBook?: () => void;
  act: (kind: VisitAction, a: Appointment) => void;
  busyId?: string | null;
}) {
  const { plan } = props;
  const { can, fmt } = useSession();
  const writer = can('scheduling:write');
  const name = (id: string) => props.data.practitioners.find((p) => p.id === id)?.name || 'Practitioner';
  return (
    <section class="evaluations" aria-labelledby={`evaluations-${plan.id}`} data-testid="evaluations">
      <div class="evaluations-head">
        <h3 class="evaluations-title" id={`evaluations-${plan.id}`}>Evaluation visits</h3>
        {writer && props.onBook && plan.status !== 'stopped' && !plan.booking_hold && (
          <Button small variant="secondary" onClick={props.onBook}>Book an evaluation visit</Button>
        )}
      </div>
      {plan.evaluations.length === 0 ? (
        <p class="muted small">
          None booked. Results show 3 to 5 months in: book a visit to photograph the marked site and measure the hair against baseline
          (around {fmt.weekdayDate(suggestedEvaluation(plan, props.data.today))}).
        </p>
      ) : (
        <ul class="evaluation-list">
          {plan.evaluations.map((a) => {
            const open = a.status === 'booked' || a.status === 'arrived';
            // Done and missed from its day on (clinic time), as the server allows.
            const onDay = a.start.slice(0, 10) <= props.data.today;
            const busy = props.busyId === a.id + 'complete';
            // Left on a day off, or the patient asked in the portal to move it.
            const listed = props.data.history.find((h) => h.id === a.id);
            return (
              <li key={a.id} data-appointment={a.id} class="evaluation-item">
                <span>
                  <strong>{fmt.when(a.start)}</strong> · {name(a.practitioner_id)}{' '}
                  <Badge tone={APPOINTMENT_TONES[a.status]}>{APPOINTMENT_LABELS[a.status]}</Badge>
                  {listed?.day_off && <> <Badge tone="danger">{listed.day_off}</Badge></>}
                  {listed?.move_request && <span class="small muted"> · the patient asked to move it: “{listed.move_request}”</span>}
                </span>
                {open && (
                  <span class="row-actions">
                    {can('clinical:write') && (
                      <LinkButton small variant="secondary" href={`/patients/${plan.patient_id}/outcomes`}>Measure</LinkButton>
                    )}
                    {can('clinical:write') && onDay && (
                      <Button small variant="secondary" busy={busy} onClick={() => props.act('complete', a)} aria-label={`Evaluation visit of ${fmt.when(a.start)} done`}>Done</Button>
                    )}
                    {writer && (
                      <>
                        {a.status === 'booked' && <Button small variant="ghost" onClick={() => props.act('move', a)} aria-label={`Move the evaluation visit of ${fmt.when(a.start)}`}>Move</Button>}
                        {onDay && <Button small variant="ghost" onClick={() => props.act('no-show', a)} aria-label={`The patient did not come to the evaluation visit of ${fmt.when(a.start)}`}>No-show</Button>}
                        <Button small variant="ghost" onClick={() => props.act('cancel', a)} aria-label={`Cancel the evaluation visit of ${fmt.when(a.start)}`}>Cancel</Button>
                      </>
                    )}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
