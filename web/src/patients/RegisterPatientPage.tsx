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

/** A phone's last 8 digits, as the server compares them ('' when shorter). */
function phoneKey(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 8 ? digits.slice(-8) : '';
}

export function RegisterPatientPage() {
  const { route } = useLocation();
  const notify = useToast();
  const { fmt, clinic } = useSession();
  const [value, setValue] = useState<PatientFields>(EMPTY_PATIENT);
  // Patients already registered with this name and birth date, or with
  // this email or phone (a name spelt differently), are asked about once
  // (useAnyway); the receptionist may register anyway.
  const person = (p: { given_name: string; family_name: string; birth_date: string }) =>
    JSON.stringify([p.given_name, p.family_name, p.birth_date].map(foldText));
  const email = (value.email || '').trim().toLowerCase();
  const phone = phoneKey(value.phone || '');
  const key = JSON.stringify([person(value), email, phone]);
  const { formRef, busy, error, blank, submit, errorFor } = useFormSubmit({
    check: () => patientProblems(value, clinic.today),
    send: async () => {
      if (anyway.ask) {
        const queries = [`${value.given_name} ${value.family_name}`, email, phone].filter((q) => q.length > 0);
        const pages = await Promise.all(queries.map((q) => api.get<Page<Patient>>('/patients', { q, limit: '20' })));
        const seen = new Set<string>();
        const twins = pages
          .flatMap((page) => page.items)
          .filter((p) => !seen.has(p.id) && seen.add(p.id))
          .filter((p) => person(p) === person(value) || (!!email && (p.email || '').toLowerCase() === email) || (!!phone && phoneKey(p.phone || '') === phone));
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
              <p>The same name and birth date, email or phone is already on record. Open the record instead, or register a second patient.</p>
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
