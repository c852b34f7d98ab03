// A patient's aftercare: the recurring reminders with their next due day
// (mark one done) and the clinic's recommendations by theme. Shared by the
// staff record and the patient's portal.
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Aftercare, Recommendation, Reminder } from '../api/types';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { Alert, Badge, EmptyState, errorMessage } from '../ui/feedback';
import { Card } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';
import { CATEGORIES, CATEGORY_LABELS, describeRrule } from './labels';

export function AftercareView(props: { patientId: string; canMark: boolean; patient?: boolean }) {
  const state = useAsync((signal) => api.get<Aftercare>(`/patients/${props.patientId}/aftercare`, undefined, signal), [props.patientId]);
  return (
    <Async state={state} loading="Loading aftercare…">
      {(data) => (
        <div class="stack-lg">
          <RemindersCard
            patientId={props.patientId}
            reminders={data.reminders}
            course={data.course}
            canMark={props.canMark}
            patient={props.patient}
            onDone={(r) => state.setData({ ...data, reminders: data.reminders.map((x) => (x.id === r.id ? r : x)) })}
          />
          <Recommendations items={data.recommendations} patient={props.patient} />
        </div>
      )}
    </Async>
  );
}

function RemindersCard(props: { patientId: string; reminders: Reminder[]; course: boolean; canMark: boolean; patient?: boolean; onDone: (r: Reminder) => void }) {
  const { fmt, clinic } = useSession();
  const notify = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const today = clinic.today || '';

  const done = async (r: Reminder) => {
    setBusy(r.id);
    setError(null);
    try {
      const updated = await api.post<Reminder>(`/patients/${props.patientId}/aftercare/reminders/${r.id}/done`, {});
      props.onDone(updated);
      notify(`${r.title}: done. Next ${fmt.weekdayDate(updated.next_due)}.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={props.patient ? 'My aftercare checklist' : 'Reminders'}>
      {error !== null && <Alert tone="danger">{errorMessage(error)}</Alert>}
      {props.reminders.length === 0 ? (
        props.course ? (
          <EmptyState title="No reminders.">The clinic has no recurring aftercare reminders set up.</EmptyState>
        ) : (
          <EmptyState title="No reminders now.">
            {props.patient ? 'Your reminders run while your course is on.' : 'Reminders run while a course is active: none is now.'}
          </EmptyState>
        )
      ) : (
        <ul class="checklist" data-testid="reminders">
          {props.reminders.map((r) => {
            const dueToday = r.next_due === today;
            return (
              <li key={r.id} class={`check-item${r.overdue ? ' is-overdue' : ''}`} data-reminder={r.code}>
                <div class="check-item-main">
                  <p class="check-item-title">
                    {r.title}
                    {r.overdue ? <Badge tone="warning">Overdue</Badge> : dueToday ? <Badge tone="info">Due today</Badge> : null}
                  </p>
                  {r.description && <p class="small">{r.description}</p>}
                  <p class="small muted">
                    <span class="cap">{describeRrule(r.rrule)}</span> · {r.overdue ? 'due since' : 'next'} <strong data-testid="next-due">{fmt.weekdayDate(r.next_due)}</strong>
                    {r.last_done && <> · last done {fmt.date(r.last_done)}</>}
                  </p>
                </div>
                {props.canMark && (
                  <Button small variant="secondary" busy={busy === r.id} onClick={() => done(r)} aria-label={`Mark “${r.title}” done today`}>
                    Done today
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {!props.patient && (
        <p class="card-foot muted small">
          Reminders reach the patient by email on their due day (when they have an email address) and appear in their calendar link as recurring items.
        </p>
      )}
    </Card>
  );
}

function Recommendations({ items, patient }: { items: Recommendation[]; patient?: boolean }) {
  const groups = CATEGORIES.map((c) => ({ category: c, items: items.filter((i) => i.category === c) })).filter((g) => g.items.length > 0);
  return (
    <Card title={patient ? 'Looking after your hair between sessions' : 'Recommendations'}>
      {groups.length === 0 ? (
        <EmptyState title="No recommendations." />
      ) : (
        <div class="recommendations">
          {groups.map((g) => (
            <section key={g.category} class="recommendation-group" aria-label={CATEGORY_LABELS[g.category]}>
              <h3 class="subheading">{CATEGORY_LABELS[g.category]}</h3>
              <ul>
                {g.items.map((i, k) => (
                  <li key={k}>{i.text}</li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </Card>
  );
}
