// The contraindication questions as a form. Every question needs an answer:
// an unasked question must not read as "no".
import { useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import type { AnswerValue, Question, Screening } from '../api/types';
import { Button } from '../ui/Button';
import { Alert, FormError } from '../ui/feedback';
import { RadioGroup, focusFirstInvalid, type Choice } from '../ui/fields';

const CHOICE_LABELS: Record<string, string> = {
  none: 'No',
  controlled: 'Yes, controlled',
  insulin_dependent: 'Yes, insulin-dependent',
  uncontrolled: 'Yes, uncontrolled',
};

export function choiceLabel(value: string): string {
  return CHOICE_LABELS[value] || value.replace(/_/g, ' ');
}

/** "Do you have diabetes? (none, controlled, ...)" -> without the list in brackets. */
function questionText(q: Question): string {
  return q.kind === 'choice' ? q.question.replace(/\s*\([^)]*\)\s*$/, '') : q.question;
}

function choicesFor(q: Question): Choice[] {
  if (q.kind === 'boolean') {
    return [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
    ];
  }
  return (q.choices || []).map((c) => ({ value: c, label: choiceLabel(c) }));
}

function toAnswer(q: Question, v: string): AnswerValue {
  return q.kind === 'boolean' ? v === 'yes' : v;
}

/** Questions that do not apply to a male patient: not asked, and sent unanswered (the record shows them not asked). */
const NOT_FOR_MEN = ['pregnant', 'breastfeeding'];

export function ScreeningForm(props: {
  patientId: string;
  /** The patient's sex: a man is not asked about pregnancy or breastfeeding. */
  sex?: string;
  questions: Question[];
  onDone: (s: Screening) => void;
  onCancel?: () => void;
}) {
  const skipped = props.sex === 'male' ? props.questions.filter((q) => NOT_FOR_MEN.includes(q.code) && q.kind === 'boolean') : [];
  const asked = props.questions.filter((q) => !skipped.includes(q));
  const [values, setValues] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const set = (code: string) => (v: string) => {
    setValues((vs) => ({ ...vs, [code]: v }));
    setMissing((m) => m.filter((c) => c !== code));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const unanswered = asked.filter((q) => !values[q.code]).map((q) => q.code);
    setMissing(unanswered);
    if (unanswered.length > 0) {
      focusFirstInvalid(formRef.current);
      return;
    }
    const answers: Record<string, AnswerValue> = {};
    for (const q of asked) answers[q.code] = toAnswer(q, values[q.code]);
    setBusy(true);
    try {
      const s = await api.post<Screening>(`/patients/${props.patientId}/screenings`, { answers });
      props.onDone(s);
    } catch (err) {
      setError(err);
      setBusy(false);
      focusFirstInvalid(formRef.current);
    }
  };

  // Once one question is answered: the others still open answered "No" in
  // one click, left on screen to check before recording. Pregnancy and
  // breastfeeding are always asked and answered one by one.
  const noAnswer = (q: Question) => choicesFor(q).find((c) => c.value === 'no' || c.value === 'none');
  const rest = asked.filter((q) => !values[q.code] && !NOT_FOR_MEN.includes(q.code) && noAnswer(q));
  const noToTheRest = () => {
    setValues((vs) => {
      const out = { ...vs };
      for (const q of rest) out[q.code] = noAnswer(q)!.value;
      return out;
    });
    setMissing((m) => m.filter((c) => !rest.some((q) => q.code === c)));
  };

  const apiError = (code: string) => (error instanceof ApiError ? error.fieldMessage(`answers.${code}`) : undefined);
  const answered = asked.filter((q) => values[q.code]).length;
  return (
    <form ref={formRef} onSubmit={submit} noValidate class="stack screening-form" aria-label="Screening questions">
      <p class="muted">
        Ask the patient each question. Any contraindication found is weighed by the clinic's screening rules.
      </p>
      {missing.length > 0 && (
        <Alert tone="danger">
          {missing.length === 1 ? 'One question is' : `${missing.length} questions are`} not answered yet.
        </Alert>
      )}
      <FormError error={error} fields={props.questions.map((q) => `answers.${q.code}`)} />
      {skipped.length > 0 && <p class="muted small">Pregnancy and breastfeeding are not asked of a male patient.</p>}
      <ol class="questions">
        {asked.map((q) => (
          <li key={q.code} class="question">
            <RadioGroup
              label={questionText(q)}
              name={q.code}
              value={values[q.code] || ''}
              onValue={set(q.code)}
              choices={choicesFor(q)}
              error={missing.includes(q.code) ? 'Answer this question.' : apiError(q.code)}
            />
          </li>
        ))}
      </ol>
      <div class="form-actions form-actions--sticky">
        <Button type="submit" busy={busy}>Record screening</Button>
        {props.onCancel && <Button variant="secondary" onClick={props.onCancel}>Cancel</Button>}
        {answered > 0 && rest.length > 0 && (
          <Button variant="secondary" onClick={noToTheRest} title="Once the patient has said no to each of them">
            No to the other {rest.length}
          </Button>
        )}
        <span class="muted small">{answered} of {asked.length} answered</span>
      </div>
    </form>
  );
}
