// Diagnosis and grading: the scale's levels appear as a grid of choices
// once a scale is picked, each with the severity it implies.
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Assessment, GradingScale, Patient } from '../api/types';
import { Button } from '../ui/Button';
import { FormError } from '../ui/feedback';
import { RadioGroup, SelectField, TextAreaField, TextField } from '../ui/fields';
import { blankFields } from '../ui/required';
import { useFormSubmit } from '../ui/useFormSubmit';
import { DIAGNOSES, SEVERITY_LABELS } from './labels';
import { valueProblem } from '../outcomes/labels';

const REQUIRED = {
  diagnosis: 'Choose the diagnosis.',
  scale: 'Choose a grading scale.',
  grade: 'Choose the grade.',
  roots_retained: 'Answer whether hair roots are retained.',
};

const FIELDS = ['diagnosis', 'scale', 'grade', 'roots_retained', 'pull_test_hairs', 'shedding_count', 'notes'];

interface Draft {
  diagnosis: string;
  scale: string;
  grade: string;
  roots_retained: string;
  pull_test_hairs: string;
  shedding_count: string;
  notes: string;
}

/** Men are usually graded on Norwood-Hamilton, women on Ludwig; the clinician can change it. */
function defaultScale(patient: Patient, scales: GradingScale[]): string {
  const want = patient.sex === 'male' ? 'norwood' : patient.sex === 'female' ? 'ludwig' : '';
  return scales.some((s) => s.scale === want) ? want : '';
}

/** Said when the scale is not the one usually used for the patient's sex (allowed: a woman may show a male pattern). */
function scaleHint(patient: Patient, scale: string): string | undefined {
  if (patient.sex === 'female' && scale === 'norwood')
    return 'Norwood-Hamilton grades male-pattern loss; a woman is usually graded on Ludwig, Sinclair or Savin.';
  if (patient.sex === 'male' && scale && scale !== 'norwood')
    return 'A man is usually graded on Norwood-Hamilton.';
  return undefined;
}

function toNumber(s: string): number | string | undefined {
  const t = s.trim();
  if (!t) return undefined;
  return /^\d+$/.test(t) ? Number(t) : t;
}

export function AssessmentForm(props: {
  patient: Patient;
  scales: GradingScale[];
  onDone: (a: Assessment) => void;
  onCancel?: () => void;
}) {
  const { scales } = props;
  const [draft, setDraft] = useState<Draft>({
    diagnosis: '',
    scale: defaultScale(props.patient, scales),
    grade: '',
    roots_retained: '',
    pull_test_hairs: '',
    shedding_count: '',
    notes: '',
  });
  const { formRef, busy, error, blank, setBlank, submit, errorFor } = useFormSubmit({
    check: () => {
      // Counts out of range are named with the blank fields, in one round.
      const wrong: Record<string, string> = blankFields({ ...draft }, REQUIRED);
      for (const kind of ['pull_test_hairs', 'shedding_count'] as const) {
        const problem = draft[kind].trim() ? valueProblem(kind, draft[kind]) : null;
        if (problem) wrong[kind] = problem;
      }
      return wrong;
    },
    send: async () => {
      const body: Record<string, unknown> = {
        diagnosis: draft.diagnosis,
        scale: draft.scale,
        grade: draft.grade,
        roots_retained: draft.roots_retained === '' ? undefined : draft.roots_retained === 'yes',
        pull_test_hairs: toNumber(draft.pull_test_hairs),
        shedding_count: toNumber(draft.shedding_count),
        notes: draft.notes.trim() || undefined,
      };
      const a = await api.post<Assessment>(`/patients/${props.patient.id}/assessments`, body);
      props.onDone(a);
    },
  });
  const set = (field: keyof Draft) => (v: string) => {
    setBlank(({ [field]: _, ...rest }) => rest);
    setDraft((d) => ({ ...d, [field]: v, ...(field === 'scale' && v !== d.scale ? { grade: '' } : {}) }));
  };
  const scale = scales.find((s) => s.scale === draft.scale);

  return (
    <form ref={formRef} onSubmit={submit} noValidate class="stack" aria-label="Assessment">
      <FormError error={error} fields={FIELDS} blank={blank} />
      <div class="form-grid">
        <SelectField
          label="Diagnosis"
          name="diagnosis"
          value={draft.diagnosis}
          onValue={set('diagnosis')}
          placeholder="Choose the cause…"
          options={DIAGNOSES.map((d) => ({ value: d.value, label: `${d.label} (${d.code})` }))}
          error={errorFor('diagnosis')}
        />
        <SelectField
          label="Grading scale"
          name="scale"
          value={draft.scale}
          onValue={set('scale')}
          placeholder="Choose a scale…"
          options={scales.map((s) => ({ value: s.scale, label: s.label }))}
          error={errorFor('scale')}
          hint={scaleHint(props.patient, draft.scale)}
        />
      </div>
      {scale ? (
        <RadioGroup
          label={`Grade on the ${scale.label} scale`}
          name="grade"
          variant="tiles"
          value={draft.grade}
          onValue={set('grade')}
          choices={scale.levels.map((l) => ({
            value: l.grade,
            label: l.grade,
            note: SEVERITY_LABELS[l.severity],
            tone: l.severity,
          }))}
          error={errorFor('grade')}
        />
      ) : (
        <div class="field" data-field="grade">
          <p class="field-label">Grade</p>
          <p class="muted">Choose a grading scale to see its levels.</p>
          {errorFor('grade') && <p class="field-error">{errorFor('grade')}</p>}
        </div>
      )}
      <RadioGroup
        label="Hair roots retained in the affected area?"
        name="roots_retained"
        value={draft.roots_retained}
        onValue={set('roots_retained')}
        choices={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ]}
        error={errorFor('roots_retained')}
        hint="Without retained roots the patient is not a candidate for mesotherapy."
      />
      <div class="form-grid">
        <TextField
          label="Pull test"
          name="pull_test_hairs"
          type="number"
          inputMode="numeric"
          min={0}
          optional
          size="short"
          value={draft.pull_test_hairs}
          onValue={set('pull_test_hairs')}
          error={errorFor('pull_test_hairs')}
          hint="Hairs out per pull of 40–60; 2 or fewer is normal."
        />
        <TextField
          label="Shedding count"
          name="shedding_count"
          type="number"
          inputMode="numeric"
          min={0}
          optional
          size="short"
          value={draft.shedding_count}
          onValue={set('shedding_count')}
          error={errorFor('shedding_count')}
          hint="60-second comb count before shampoo; about 10 is typical."
        />
      </div>
      <TextAreaField label="Notes" name="notes" optional value={draft.notes} onValue={set('notes')} rows={3} error={errorFor('notes')} />
      <div class="form-actions">
        <Button type="submit" busy={busy}>Record assessment</Button>
        {props.onCancel && <Button variant="secondary" onClick={props.onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}
