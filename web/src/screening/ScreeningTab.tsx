// A patient's screening: the current outcome with its findings (and the
// override for a `review`), a new screening, and the history.
import { Fragment, type Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Page, Question, QuestionList, Screening } from '../api/types';
import { useSession } from '../session/session';
import { useStaffNames } from '../users/staffNames';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { Alert, EmptyState, FormError } from '../ui/feedback';
import { TextAreaField } from '../ui/fields';
import { Card } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';
import { useFormSubmit } from '../ui/useFormSubmit';
import { FindingSeverity, OutcomeBadge } from './badges';
import { ScreeningForm, choiceLabel } from './ScreeningForm';

export function ScreeningTab({ patientId, sex, onChanged }: { patientId: string; sex: string; onChanged: () => void }) {
  const { can } = useSession();
  const state = useAsync(
    async (signal) => {
      const [questions, history] = await Promise.all([
        api.get<QuestionList>('/screening/questions', undefined, signal),
        api.get<Page<Screening>>(`/patients/${patientId}/screenings`, undefined, signal),
      ]);
      return { questions: questions.items, history: history.items };
    },
    [patientId],
  );
  const [formOpen, setFormOpen] = useState(false);
  const [justRecorded, setJustRecorded] = useState<string | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (justRecorded) resultRef.current?.focus();
  }, [justRecorded]);

  const replace = (s: Screening) => {
    if (!state.data) return;
    const others = state.data.history.filter((h) => h.id !== s.id).map((h) => (s.current ? { ...h, current: false } : h));
    state.setData({ ...state.data, history: [s, ...others] });
    onChanged();
  };

  return (
    <Async state={state} loading="Loading screenings…">
      {({ questions, history }) => {
        const current = history.find((h) => h.current) || null;
        const writer = can('clinical:write');
        return (
          <div class="stack-lg">
            {formOpen ? (
              <Card title="New screening">
                <ScreeningForm
                  patientId={patientId}
                  sex={sex}
                  questions={questions}
                  onCancel={() => setFormOpen(false)}
                  onDone={(s) => {
                    setFormOpen(false);
                    replace(s);
                    setJustRecorded(s.id);
                  }}
                />
              </Card>
            ) : current ? (
              <CurrentScreening
                screening={current}
                questions={questions}
                headingRef={resultRef}
                fresh={justRecorded === current.id}
                onOverridden={(s) => {
                  setJustRecorded(null);
                  replace(s);
                }}
                actions={writer && <Button variant="secondary" small onClick={() => setFormOpen(true)}>New screening</Button>}
              />
            ) : (
              <Card title="Screening">
                <EmptyState
                  title={history.length ? 'No current screening.' : 'Not screened yet.'}
                  action={writer && <Button onClick={() => setFormOpen(true)}>Start screening</Button>}
                >
                  {history.length
                    ? 'The last screening has expired. Screen the patient again before planning a course.'
                    : 'Screen the patient for contraindications before planning a course.'}
                </EmptyState>
              </Card>
            )}
            <History history={history} questions={questions} />
          </div>
        );
      }}
    </Async>
  );
}

const OUTCOME_HEADINGS = {
  eligible: 'Eligible for treatment',
  review: 'Needs a clinician’s review',
  ineligible: 'Not eligible for treatment',
};

function CurrentScreening(props: {
  screening: Screening;
  questions: Question[];
  headingRef: Ref<HTMLHeadingElement>;
  fresh: boolean;
  onOverridden: (s: Screening) => void;
  actions: preact.ComponentChildren;
}) {
  const { screening: s } = props;
  const { fmt, can } = useSession();
  const name = useStaffNames();
  const cleared = s.outcome === 'review' && s.override;
  const tone = s.outcome === 'eligible' || cleared ? 'success' : s.outcome === 'review' ? 'warning' : 'danger';
  return (
    <Card title="Current screening" actions={props.actions} class="current-screening">
      {props.fresh && <Alert tone="success">Screening recorded.</Alert>}
      <div class={`outcome outcome--${tone}`} data-testid="screening-outcome">
        <h3 ref={props.headingRef} tabIndex={-1} class="outcome-title">
          {cleared ? 'Cleared for treatment by a clinician' : OUTCOME_HEADINGS[s.outcome]}
        </h3>
        <p class="outcome-meta">
          <OutcomeBadge screening={s} />
          <span>Screened {fmt.dateTime(s.screened_at)} by {name(s.screened_by)}</span>
          <span>Valid until {fmt.date(s.expires_on)}</span>
        </p>
      </div>
      <h4 class="subheading">Findings</h4>
      <Findings screening={s} />
      {s.override ? (
        <div class="override" data-testid="screening-override">
          <h4 class="subheading">Clinician override</h4>
          <blockquote>{s.override.reason}</blockquote>
          <p class="muted small">
            Recorded {fmt.dateTime(s.override.at)} by {name(s.override.by)}
          </p>
        </div>
      ) : (
        s.outcome === 'review' && can('clinical:write') && <OverrideForm screening={s} onDone={props.onOverridden} />
      )}
      {s.outcome === 'ineligible' && (
        <p class="muted small">An absolute contraindication cannot be overridden. Refer the patient to their doctor.</p>
      )}
    </Card>
  );
}

function Findings({ screening }: { screening: Screening }) {
  if (screening.findings.length === 0) return <p class="muted">No contraindication found.</p>;
  return (
    <ul class="findings">
      {screening.findings.map((f) => (
        <li key={f.code}>
          <FindingSeverity finding={f} />
          <span>{f.message}</span>
        </li>
      ))}
    </ul>
  );
}

function OverrideForm({ screening, onDone }: { screening: Screening; onDone: (s: Screening) => void }) {
  const notify = useToast();
  const [reason, setReason] = useState('');

  const { formRef, busy, error, submit, errorFor } = useFormSubmit({
    send: async () => {
      const s = await api.post<Screening>(`/patients/${screening.patient_id}/screenings/${screening.id}/override`, {
        reason: reason.trim(),
      });
      notify('Override recorded.');
      onDone(s);
    },
  });

  return (
    <form ref={formRef} class="override-form stack" onSubmit={submit} noValidate aria-labelledby="override-title">
      <h4 class="subheading" id="override-title">Override after review</h4>
      <p class="muted small">
        If, having reviewed the findings, you judge the treatment safe, record why. The override clears the patient
        for a course and is kept in the audit trail.
      </p>
      <FormError error={error} fields={['reason']} />
      <TextAreaField
        label="Reason for the override"
        name="reason"
        value={reason}
        onValue={setReason}
        rows={3}
        error={errorFor('reason')}
        hint="Your clinical judgement, in at least 10 characters."
      />
      <div class="form-actions">
        <Button type="submit" busy={busy}>Record override</Button>
      </div>
    </form>
  );
}

function History({ history, questions }: { history: Screening[]; questions: Question[] }) {
  const { fmt } = useSession();
  const [open, setOpen] = useState<string | null>(null);
  if (history.length === 0) return null;
  return (
    <Card title="History">
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Screened</th>
              <th scope="col">Outcome</th>
              <th scope="col">Findings</th>
              <th scope="col">Valid until</th>
              <th scope="col"><span class="sr-only">Answers</span></th>
            </tr>
          </thead>
          <tbody>
            {history.map((s) => (
              <Fragment key={s.id}>
                <tr>
                  <td>
                    <span class="nowrap">{fmt.dateTime(s.screened_at)}</span>
                    {s.current && <span class="tag">current</span>}
                  </td>
                  <td><OutcomeBadge screening={s} /></td>
                  <td>
                    {s.findings.length === 0 ? <span class="muted">None</span> : s.findings.map((f) => f.message).join('; ')}
                    {s.override && <div class="muted small">Override: {s.override.reason}</div>}
                  </td>
                  <td class="nowrap">{fmt.date(s.expires_on)}</td>
                  <td class="cell-actions">
                    <Button
                      variant="ghost"
                      small
                      aria-expanded={open === s.id}
                      aria-controls={`answers-${s.id}`}
                      onClick={() => setOpen(open === s.id ? null : s.id)}
                    >
                      {open === s.id ? 'Hide answers' : 'Show answers'}
                    </Button>
                  </td>
                </tr>
                {open === s.id && (
                  <tr class="answers-row" id={`answers-${s.id}`}>
                    <td colSpan={5}>
                      <Answers screening={s} questions={questions} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

/** The answers in questionnaire order; a "yes" stands out. */
function Answers({ screening, questions }: { screening: Screening; questions: Question[] }) {
  const known = questions.filter((q) => q.code in screening.answers);
  const unknown = Object.keys(screening.answers).filter((c) => !questions.some((q) => q.code === c));
  const rows = [
    ...known.map((q) => ({ code: q.code, text: q.question.replace(/\s*\([^)]*\)\s*$/, '') })),
    ...unknown.map((code) => ({ code, text: code })),
  ];
  return (
    <dl class="answers">
      {rows.map(({ code, text }) => {
        const v = screening.answers[code];
        const positive = v === true || (typeof v === 'string' && v !== 'none');
        return (
          <div key={code} class={positive ? 'is-positive' : ''} data-code={code}>
            <dt>{text}</dt>
            <dd>{typeof v === 'boolean' ? (v ? 'Yes' : 'No') : choiceLabel(v)}</dd>
          </div>
        );
      })}
    </dl>
  );
}
