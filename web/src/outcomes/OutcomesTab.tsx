// Outcomes: the evaluation against baseline (prominent), a chart per
// measure with the baseline marked, adding a measurement, the standard
// photos side by side across two dates, and automated trichoscopy.
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Measurement, MeasurementKind, Patient, Progress } from '../api/types';
import { useSession } from '../session/session';
import { Async } from '../ui/Async';
import { Button } from '../ui/Button';
import { Alert, FormError } from '../ui/feedback';
import { SelectField, TextAreaField, TextField } from '../ui/fields';
import { Card } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/useAsync';
import { useAnyway, useFormSubmit } from '../ui/useFormSubmit';
import { KINDS, KIND_ORDER, figure, implausible, valueProblem } from './labels';
import { PhotosCard } from './Photos';
import { EvaluationPanel, ProgressCharts } from './ProgressView';
import { TrichoscopyCard } from './Trichoscopy';
import { decimal } from '../ui/format';

export function OutcomesTab({ patient }: { patient: Patient }) {
  const { can } = useSession();
  const progress = useAsync((signal) => api.get<Progress>(`/patients/${patient.id}/progress`, undefined, signal), [patient.id]);
  const [adding, setAdding] = useState(false);
  const writer = can('clinical:write');
  return (
    <div class="stack-lg outcomes">
      <Async state={progress} loading="Loading progress…">
        {(p) => (
          <>
            <EvaluationPanel progress={p} />
            <Card
              title="Measures over time"
              actions={writer && !adding && <Button small onClick={() => setAdding(true)}>Add a measurement</Button>}
            >
              <div class="stack">
                {adding && (
                  <MeasurementForm
                    patient={patient}
                    progress={p}
                    onCancel={() => setAdding(false)}
                    onDone={() => {
                      setAdding(false);
                      progress.reload();
                    }}
                  />
                )}
                <ProgressCharts progress={p} onCorrected={writer ? progress.reload : undefined} />
              </div>
            </Card>
          </>
        )}
      </Async>
      <PhotosCard patientId={patient.id} />
      <TrichoscopyCard patient={patient} progress={progress.data} onMeasured={progress.reload} />
    </div>
  );
}

function MeasurementForm(props: { patient: Patient; progress: Progress; onCancel: () => void; onDone: (m: Measurement) => void }) {
  const { clinic, fmt } = useSession();
  const notify = useToast();
  const [kind, setKind] = useState<MeasurementKind | ''>('');
  const [value, setValue] = useState('');
  const [takenOn, setTakenOn] = useState(clinic.today || '');
  // The marked site, the same every time: for a measure taken at a site,
  // its baseline's, until the clinician types another.
  const [site, setSite] = useState('');
  const [siteTyped, setSiteTyped] = useState(false);
  const chooseKind = (k: MeasurementKind) => {
    setKind(k);
    if (!siteTyped) setSite((KINDS[k].plausibleChange && props.progress.series[k]?.site) || '');
  };
  const [notes, setNotes] = useState('');
  const info = kind ? KINDS[kind] : null;
  // A value far from the baseline is questioned once before it is saved.
  const key = `${kind}|${value}|${site}|${takenOn}`;

  const { formRef, busy, error, blank, submit, errorFor } = useFormSubmit({
    required: () => ({
      values: { kind, value, taken_on: takenOn },
      messages: { kind: 'Choose what was measured.', value: 'Enter the value.', taken_on: 'When was it measured?' },
    }),
    check: (): Record<string, string> => {
      const problem = kind && value.trim() ? valueProblem(kind, value) : null;
      return problem ? { value: problem } : {};
    },
    send: async () => {
      const n = decimal(value);
      const why = kind && anyway.ask ? implausible(kind, n, site, takenOn, props.progress.series[kind], fmt.date) : null;
      if (why) return anyway.hold(why);
      const body: Record<string, unknown> = { kind, value: Number.isFinite(n) ? n : value, taken_on: takenOn };
      if (site.trim()) body.site = site.trim();
      if (notes.trim()) body.notes = notes.trim();
      const m = await api.post<Measurement>(`/patients/${props.patient.id}/measurements`, body);
      notify(`${KINDS[m.kind].label}: ${figure(m.value, 2)} ${KINDS[m.kind].unit} recorded.`);
      props.onDone(m);
    },
  });
  const anyway = useAnyway<string>(key, formRef);

  return (
    <form ref={formRef} onSubmit={submit} noValidate class="stack inset-form" aria-label="Add a measurement">
      <FormError error={error} fields={['kind', 'value', 'taken_on', 'site', 'notes']} blank={blank} />
      <div class="form-grid">
        <SelectField
          label="Measure"
          name="kind"
          value={kind}
          onValue={(v) => chooseKind(v as MeasurementKind)}
          options={KIND_ORDER.map((k) => ({ value: k, label: `${KINDS[k].label} (${KINDS[k].unit})` }))}
          placeholder="Choose…"
          hint={info?.hint}
          error={errorFor('kind')}
        />
        <TextField
          label={info ? `Value (${info.unit})` : 'Value'}
          name="value"
          inputMode="text"
          value={value}
          onValue={setValue}
          hint={info ? `${info.min} to ${info.max}${info.whole ? ', whole numbers' : ''}` : undefined}
          error={errorFor('value')}
        />
        <TextField label="Taken on" name="taken_on" type="date" max={clinic.today} value={takenOn} onValue={setTakenOn} error={errorFor('taken_on')} />
        <TextField label="Site" name="site" optional value={site} onValue={(v) => { setSite(v); setSiteTyped(true); }} placeholder="e.g. vertex" hint="The marked site: the same one every time." error={errorFor('site')} />
      </div>
      <TextAreaField label="Notes" name="notes" optional rows={2} value={notes} onValue={setNotes} error={errorFor('notes')} />
      {anyway.question && (
        <Alert tone="warning" title="Check the value">
          <p>{anyway.question} A change this large in one course is unusual: correct the value, or save it as it is.</p>
          <Button small variant="secondary" onClick={anyway.sendAnyway}>
            Save anyway
          </Button>
        </Alert>
      )}
      <div class="form-actions">
        <Button type="submit" busy={busy}>Save the measurement</Button>
        <Button variant="secondary" onClick={props.onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
