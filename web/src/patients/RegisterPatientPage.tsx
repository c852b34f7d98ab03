import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Patient, PatientFields } from '../api/types';
import { Button, LinkButton } from '../ui/Button';
import { FormError } from '../ui/feedback';
import { fullName } from '../ui/format';
import { Card, PageHeader } from '../ui/Page';
import { useToast } from '../ui/toast';
import { blankFields } from '../ui/required';
import { useFormSubmit } from '../ui/useFormSubmit';
import { EMPTY_PATIENT, PATIENT_FIELDS, PatientFieldset, REQUIRED_PATIENT_FIELDS, createBody } from './PatientForm';

export function RegisterPatientPage() {
  const { route } = useLocation();
  const notify = useToast();
  const [value, setValue] = useState<PatientFields>(EMPTY_PATIENT);
  const { formRef, busy, error, blank, submit, errorFor } = useFormSubmit({
    check: () => blankFields({ ...value }, REQUIRED_PATIENT_FIELDS),
    send: async () => {
      const p = await api.post<Patient>('/patients', createBody(value));
      notify(`${fullName(p)} is registered.`);
      route(`/patients/${p.id}`);
    },
  });
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
