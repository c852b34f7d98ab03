import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Page, Patient, PatientFields } from '../api/types';
import { useSession } from '../session/session';
import { Button, LinkButton } from '../ui/Button';
import { Alert, FormError } from '../ui/feedback';
import { foldText, fullName } from '../ui/format';
import { Card, PageHeader } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useAnyway, useFormSubmit } from '../ui/useFormSubmit';
import { EMPTY_PATIENT, PATIENT_FIELDS, PatientFieldset, createBody, patientProblems } from './PatientForm';

export function RegisterPatientPage() {
  const { route } = useLocation();
  const notify = useToast();
  const { fmt, clinic } = useSession();
  const [value, setValue] = useState<PatientFields>(EMPTY_PATIENT);
  // Patients already registered with this name and birth date are asked
  // about once (useAnyway); the receptionist may register anyway.
  const key = JSON.stringify([value.given_name, value.family_name, value.birth_date].map(foldText));
  const { formRef, busy, error, blank, submit, errorFor } = useFormSubmit({
    check: () => patientProblems(value, clinic.today),
    send: async () => {
      if (anyway.ask) {
        const found = await api.get<Page<Patient>>('/patients', { q: `${value.given_name} ${value.family_name}`, limit: '20' });
        const twins = found.items.filter((p) => JSON.stringify([p.given_name, p.family_name, p.birth_date].map(foldText)) === key);
        if (twins.length > 0) return anyway.hold(twins);
      }
      const p = await api.post<Patient>('/patients', createBody(value));
      notify(`${fullName(p)} is registered.`);
      route(`/patients/${p.id}`);
    },
  });
  const anyway = useAnyway<Patient[]>(key, formRef);
  return (
    <div class="page page--narrow">
      <PageHeader title="Register a patient" crumb={{ href: '/patients', label: 'Patients' }} />
      <Card>
        <form ref={formRef} onSubmit={submit} noValidate class="stack">
          <FormError error={error} fields={PATIENT_FIELDS} blank={blank} />
          <PatientFieldset value={value} onChange={setValue} errorFor={errorFor} />
          {anyway.question && (
            <Alert tone="warning" title="This patient may already be registered">
              <ul class="plain-list">
                {anyway.question.map((p) => (
                  <li key={p.id}>
                    <a href={`/patients/${p.id}`}>{fullName(p)}</a>, born {fmt.date(p.birth_date)}
                    {p.email ? ` · ${p.email}` : ''}
                    {p.phone ? ` · ${p.phone}` : ''}
                  </li>
                ))}
              </ul>
              <p>Open the record instead, or register a second patient with the same name and birth date.</p>
              <Button small variant="secondary" onClick={anyway.sendAnyway}>
                Register anyway
              </Button>
            </Alert>
          )}
          <div class="form-actions">
            <Button type="submit" busy={busy}>Register patient</Button>
            <LinkButton href="/patients" variant="secondary">Cancel</LinkButton>
          </div>
        </form>
      </Card>
    </div>
  );
}
