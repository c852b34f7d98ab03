// Prescribing a course: the assessment it follows from, the start date and
// the protocol, with a preview of the months and sessions it will give.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Assessment, Page, Patient, Plan, Protocol, Screening } from '../api/types';
import { SEVERITY_LABELS, diagnosisLabel } from '../assessment/labels';
import { every, phaseLabel } from '../appointments/labels';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button, LinkButton } from '../ui/Button';
import { isDate } from '../ui/dates';
import { humanize } from '../ui/format';
import { Alert, EmptyState, FormError, Spinner, errorMessage } from '../ui/feedback';
import { SelectField, TextField } from '../ui/fields';
import { Card } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';
import { useFormSubmit } from '../ui/useFormSubmit';

/** Sessions per phase name, in phase order: [["induction", 4], ...]. */
function countByPhase(sessions: { phase: string }[]): [string, number][] {
  const out: [string, number][] = [];
  for (const s of sessions) {
    const last = out[out.length - 1];
    if (last && last[0] === s.phase) last[1] += 1;
    else out.push([s.phase, 1]);
  }
  return out;
}

/**
 * The plan the server would make (POST .../plans?dry_run=true): the same
 * checks and schedule, nothing saved. Asked again a moment after the
 * choices stop changing.
 */
function usePlanPreview(patientId: string, body: Record<string, unknown> | null): { plan: Plan | null; error: unknown; loading: boolean } {
  const [state, setState] = useState<{ plan: Plan | null; error: unknown; loading: boolean }>({ plan: null, error: null, loading: false });
  const key = body ? JSON.stringify(body) : '';
  useEffect(() => {
    if (!body) {
      setState({ plan: null, error: null, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    const timer = window.setTimeout(() => {
      api.post<Plan>(`/patients/${patientId}/plans`, body, { dry_run: true }).then(
        (plan) => live && setState({ plan, error: null, loading: false }),
        (error) => live && setState({ plan: null, error, loading: false }),
      );
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [patientId, key]);
  return state;
}

export function PrescribeCard(props: { patient: Patient; hasEarlier: boolean; today: string; onCreated: (p: Plan) => void }) {
  const { patient } = props;
  const state = useAsync(
    async (signal) => {
      const [assessments, protocols, screenings] = await Promise.all([
        api.get<Page<Assessment>>(`/patients/${patient.id}/assessments`, undefined, signal),
        api.get<Page<Protocol>>('/protocols', undefined, signal),
        api.get<Page<Screening>>(`/patients/${patient.id}/screenings`, undefined, signal),
      ]);
      const screening = screenings.items.find((s) => s.current) || null;
      return { assessments: assessments.items, protocols: protocols.items.filter((p) => p.active), screening };
    },
    [patient.id],
  );
  return (
    <Card title={props.hasEarlier ? 'Prescribe a new course' : 'Prescribe a course'}>
      <Async state={state} loading="Loading assessments and protocols…">
        {({ assessments, protocols, screening }) =>
          // Screening comes first: a refused patient has no assessment to go to.
          !screening?.clears_treatment ? (
            <EmptyState
              title={!screening ? 'No current screening.' : screening.outcome === 'ineligible' ? 'Not eligible at screening.' : 'The screening needs a clinician’s review.'}
              action={<LinkButton href={`/patients/${patient.id}/screening`} variant="secondary">Go to the screening</LinkButton>}
            >
              {!screening
                ? 'A course is prescribed after a screening that clears the treatment: screen the patient (again, if the last one has expired) first.'
                : screening.outcome === 'ineligible'
                  ? 'A contraindication rules the treatment out: no course can be prescribed.'
                  : 'A relative contraindication must be reviewed (and the treatment allowed) before a course is prescribed.'}
            </EmptyState>
          ) : assessments.length === 0 ? (
            <EmptyState
              title="Not assessed yet."
              action={<LinkButton href={`/patients/${patient.id}/assessment`} variant="secondary">Go to the assessment</LinkButton>}
            >
              A course follows from an assessment: record the diagnosis and grade first.
            </EmptyState>
          ) : (
            <PrescribeForm {...props} assessments={assessments} protocols={protocols} />
          )
        }
      </Async>
    </Card>
  );
}

function PrescribeForm(props: {
  patient: Patient;
  today: string;
  assessments: Assessment[];
  protocols: Protocol[];
  onCreated: (p: Plan) => void;
}) {
  const { fmt } = useSession();
  const notify = useToast();
  const latest = props.assessments[0];
  const [assessmentId, setAssessmentId] = useState(latest.candidate ? latest.id : props.assessments.find((a) => a.candidate)?.id || latest.id);
  const [start, setStart] = useState(props.today);
  const [protocolId, setProtocolId] = useState(props.protocols[0]?.id || '');
  const assessment = props.assessments.find((a) => a.id === assessmentId);
  const protocol = props.protocols.find((p) => p.id === protocolId);

  const { formRef, busy, error, submit, errorFor } = useFormSubmit({
    send: async () => {
      const body: Record<string, unknown> = { assessment_id: assessmentId, start_date: start };
      if (protocolId) body.protocol_id = protocolId;
      const plan = await api.post<Plan>(`/patients/${props.patient.id}/plans`, body);
      notify(`Course prescribed: ${plan.sessions.length} sessions over ${plan.months} months.`);
      props.onCreated(plan);
    },
  });

  const previewBody = assessment && isDate(start) ? { assessment_id: assessmentId, start_date: start, ...(protocolId ? { protocol_id: protocolId } : {}) } : null;
  const preview = usePlanPreview(props.patient.id, previewBody);
  const plan = preview.plan;

  return (
    <form ref={formRef} onSubmit={submit} noValidate class="stack" aria-label="Prescribe a course">
      <FormError error={error} fields={['assessment_id', 'start_date', 'protocol_id']} />
      <div class="form-grid form-grid--3">
        <SelectField
          label="Assessment"
          name="assessment_id"
          value={assessmentId}
          onValue={setAssessmentId}
          options={props.assessments.map((a) => ({
            value: a.id,
            label: `${fmt.day(a.assessed_at)}: ${humanize(a.scale)} ${a.grade}, ${SEVERITY_LABELS[a.severity].toLowerCase()}${a.candidate ? '' : ' (not a candidate)'}`,
          }))}
          error={errorFor('assessment_id')}
          hint={assessment ? `${diagnosisLabel(assessment.diagnosis)}; the grade sets the course length.` : undefined}
        />
        <TextField
          label="First session"
          name="start_date"
          type="date"
          value={start}
          onValue={setStart}
          error={errorFor('start_date')}
          hint={isDate(start) && start < props.today ? 'In the past: the sessions whose window has already passed cannot be booked (the timeline marks them). Start today unless they were done elsewhere.' : undefined}
        />
        <SelectField
          label="Protocol"
          name="protocol_id"
          value={protocolId}
          onValue={setProtocolId}
          options={props.protocols.map((p) => ({ value: p.id, label: p.name }))}
          error={errorFor('protocol_id')}
        />
      </div>
      {assessment && !assessment.candidate && (
        <Alert tone="danger">This assessment says the patient is not a candidate: {assessment.reasons[0]}</Alert>
      )}
      {previewBody && (
        <div class="preview" data-testid="plan-preview" aria-live="polite" aria-busy={preview.loading}>
          {plan && assessment ? (
            <>
              <p class="preview-head">
                <strong>{plan.months} months</strong>, {fmt.courseDates(plan.start_date, plan.end_date)} ·{' '}
                <strong>{plan.sessions.length} sessions</strong> of {plan.session_minutes} minutes
                {preview.loading && <> <Spinner /></>}
              </p>
              <ul class="preview-phases">
                {countByPhase(plan.sessions).map(([name, n]) => {
                  const ph = plan.protocol.phases.find((p) => p.name === name);
                  return (
                    <li key={name}>
                      <span class="strong">{phaseLabel(name)}</span>: {n} {n === 1 ? 'session' : 'sessions'}
                      {ph && `, ${every(ph.interval_days)}`}
                    </li>
                  );
                })}
              </ul>
              <p class="muted small">
                {protocol?.description} For a {SEVERITY_LABELS[assessment.severity].toLowerCase()} grade this protocol runs {plan.months} months.
                Preview: the plan is made when you prescribe it.
              </p>
            </>
          ) : preview.error ? (
            <p class="preview-refusal" role="status"><strong>It cannot be prescribed as it is:</strong> {errorMessage(preview.error)}</p>
          ) : (
            <p class="muted"><Spinner /> Working out the sessions…</p>
          )}
        </div>
      )}
      <div class="form-actions">
        <Button type="submit" busy={busy}>Prescribe the course</Button>
      </div>
    </form>
  );
}
