import { useLocation } from 'preact-iso';
import { useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import type { Patient, PatientFields } from '../api/types';
import { Button, LinkButton } from '../ui/Button';
import { FormError } from '../ui/feedback';
import { focusFirstInvalid } from '../ui/fields';
import { fullName } from '../ui/format';
import { Card, PageHeader } from '../ui/Page';
import { useToast } from '../ui/toast';
import { blankFields } from '../ui/required';
import { EMPTY_PATIENT, PATIENT_FIELDS, PatientFieldset, REQUIRED_PATIENT_FIELDS, createBody } from './PatientForm';

export function RegisterPatientPage() {
  const { route } = useLocation();
  const notify = useToast();
  const [value, setValue] = useState<PatientFields>(EMPTY_PATIENT);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [blank, setBlank] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const missing = blankFields({ ...value }, REQUIRED_PATIENT_FIELDS);
    setBlank(missing);
    if (Object.keys(missing).length > 0) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    try {
      const p = await api.post<Patient>('/patients', createBody(value));
      notify(`${fullName(p)} is registered.`);
      route(`/patients/${p.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
      focusFirstInvalid(formRef.current);
    }
  };

  const errorFor = (f: string) => blank[f] || (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  return (
    <div class="page page--narrow">
      <PageHeader title="Register a patient" crumb={{ href: '/patients', label: 'Patients' }} />
      <Card>
        <form ref={formRef} onSubmit={submit} noValidate class="stack">
          <FormError error={error} fields={PATIENT_FIELDS} blank={blank} />
          <PatientFieldset value={value} onChange={setValue} errorFor={errorFor} />
          <div class="form-actions">
            <Button type="submit" busy={busy}>Register patient</Button>
            <LinkButton href="/patients" variant="secondary">Cancel</LinkButton>
          </div>
        </form>
      </Card>
    </div>
  );
}
