// A patient's assessment: the latest result (severity, candidacy and the
// reasons), a form for a new one, and the history.
import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Assessment, GradingScale, Page, Patient } from '../api/types';
import { useSession } from '../session/session';
import { useStaffNames } from '../users/staffNames';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { Alert, Badge, EmptyState } from '../ui/feedback';
import { Card } from '../ui/Page';
import { useAsync } from '../ui/useAsync';
import { AssessmentForm } from './AssessmentForm';
import { SEVERITY_LABELS, SEVERITY_TONES, diagnosisLabel } from './labels';

export function AssessmentTab({ patient, onChanged }: { patient: Patient; onChanged: () => void }) {
  const { can } = useSession();
  const state = useAsync(
    async (signal) => {
      const [scales, history] = await Promise.all([
        api.get<{ items: GradingScale[] }>('/grading-scales', undefined, signal),
        api.get<Page<Assessment>>(`/patients/${patient.id}/assessments`, undefined, signal),
      ]);
      return { scales: scales.items, history: history.items };
    },
    [patient.id],
  );
  const [formOpen, setFormOpen] = useState(false);
  const [fresh, setFresh] = useState<string | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (fresh) resultRef.current?.focus();
  }, [fresh]);

  return (
    <Async state={state} loading="Loading assessments…">
      {({ scales, history }) => {
        const latest = history[0] || null;
        const writer = can('clinical:write');
        const scaleLabel = (s: string) => scales.find((x) => x.scale === s)?.label || s;
        return (
          <div class="stack-lg">
            {formOpen || (!latest && writer) ? (
              <Card title="New assessment">
                <AssessmentForm
                  patient={patient}
                  scales={scales}
                  onCancel={latest ? () => setFormOpen(false) : undefined}
                  onDone={(a) => {
                    state.setData({ scales, history: [a, ...history] });
                    setFormOpen(false);
                    setFresh(a.id);
                    onChanged();
                  }}
                />
              </Card>
            ) : latest ? (
              <Card
                title="Latest assessment"
                actions={writer && <Button variant="secondary" small onClick={() => setFormOpen(true)}>New assessment</Button>}
              >
                {fresh === latest.id && <Alert tone="success">Assessment recorded.</Alert>}
                <AssessmentResult assessment={latest} scaleLabel={scaleLabel} headingRef={resultRef} />
              </Card>
            ) : (
              <Card title="Assessment">
                <EmptyState title="Not assessed yet.">A clinician records the diagnosis and grade here.</EmptyState>
              </Card>
            )}
            {history.length > 0 && <History history={history} scaleLabel={scaleLabel} />}
          </div>
        );
      }}
    </Async>
  );
}

function AssessmentResult(props: {
  assessment: Assessment;
  scaleLabel: (s: string) => string;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { assessment: a } = props;
  const { fmt } = useSession();
  const name = useStaffNames();
  return (
    <div class="stack" data-testid="assessment-result">
      <div class={`outcome outcome--${a.candidate ? 'success' : 'danger'}`}>
        <h3 class="outcome-title" ref={props.headingRef} tabIndex={-1}>
          {a.candidate ? 'A candidate for a mesotherapy course' : 'Not a candidate for mesotherapy'}
        </h3>
        <p class="outcome-meta">
          <Badge tone={SEVERITY_TONES[a.severity]}>{SEVERITY_LABELS[a.severity]}</Badge>
          <span>
            {diagnosisLabel(a.diagnosis)}
            {a.icd10 && <span class="muted"> ({a.icd10})</span>}
          </span>
          <span>
            {props.scaleLabel(a.scale)} {a.grade}
          </span>
        </p>
      </div>
      <ul class="reasons">
        {a.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <dl class="details details--compact">
        <div><dt>Roots retained</dt><dd>{a.roots_retained ? 'Yes' : 'No'}</dd></div>
        <div><dt>Pull test</dt><dd>{a.pull_test_hairs ?? <span class="muted">Not done</span>}</dd></div>
        <div><dt>Shedding count</dt><dd>{a.shedding_count ?? <span class="muted">Not counted</span>}</dd></div>
        <div><dt>Assessed</dt><dd>{fmt.dateTime(a.assessed_at)} by {name(a.assessed_by)}</dd></div>
        {a.notes && <div class="details-wide"><dt>Notes</dt><dd class="prewrap">{a.notes}</dd></div>}
      </dl>
    </div>
  );
}

function History({ history, scaleLabel }: { history: Assessment[]; scaleLabel: (s: string) => string }) {
  const { fmt } = useSession();
  return (
    <Card title="History">
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Assessed</th>
              <th scope="col">Diagnosis</th>
              <th scope="col">Grade</th>
              <th scope="col">Severity</th>
              <th scope="col">Candidate</th>
              <th scope="col">Pull test</th>
              <th scope="col">Shedding</th>
            </tr>
          </thead>
          <tbody>
            {history.map((a) => (
              <tr key={a.id}>
                <td>{fmt.dateTime(a.assessed_at)}</td>
                <td>{diagnosisLabel(a.diagnosis)}</td>
                <td>{scaleLabel(a.scale)} {a.grade}</td>
                <td><Badge tone={SEVERITY_TONES[a.severity]}>{SEVERITY_LABELS[a.severity]}</Badge></td>
                <td>{a.candidate ? 'Yes' : 'No'}</td>
                <td>{a.pull_test_hairs ?? '—'}</td>
                <td>{a.shedding_count ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
