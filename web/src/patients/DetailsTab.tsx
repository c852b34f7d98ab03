import { useState } from 'preact/hooks';
import { ApiError, api } from '../api/client';
import type { Patient, PatientFields } from '../api/types';
import { useSession } from '../session/session';
import { Button } from '../ui/Button';
import { Alert, FormError } from '../ui/feedback';
import { SEX_LABELS, foldText, telHref } from '../ui/format';
import { Card } from '../ui/Page';
import { useToast } from '../ui/toast';
import { useFormSubmit } from '../ui/useFormSubmit';
import { PATIENT_FIELDS, PatientFieldset, fieldsOf, patchBody, patientProblems } from './PatientForm';

/** The patient's demographics, read-only until "Edit details". */
export function DetailsTab(props: { patient: Patient; onSaved: (p: Patient) => void; onReload: () => void }) {
  const { patient } = props;
  const { fmt, can, clinic } = useSession();
  const notify = useToast();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState<PatientFields>(fieldsOf(patient));

  const { formRef, busy, error, setError, blank, setBlank, submit, errorFor } = useFormSubmit({
    check: () => patientProblems(value, clinic.today),
    send: async () => {
      const body = patchBody(patient, value);
      if (Object.keys(body).length === 1) {
        setEditing(false);
        return;
      }
      const saved = await api.patch<Patient>(`/patients/${patient.id}`, body);
      props.onSaved(saved);
      setEditing(false);
      notify('Details saved.');
    },
    stays: true,
  });

  const startEdit = () => {
    setValue(fieldsOf(patient));
    setError(null);
    setBlank({});
    setEditing(true);
  };

  const conflict = error instanceof ApiError && error.status === 409;

  if (editing) {
    return (
      <Card title="Edit details">
        <form ref={formRef} onSubmit={submit} noValidate class="stack">
          {conflict ? (
            <Alert tone="warning" title="Someone else changed this patient meanwhile.">
              <p>{(error as ApiError).detail}</p>
              <Button variant="secondary" small onClick={() => { setEditing(false); props.onReload(); }}>
                Reload the patient
              </Button>
            </Alert>
          ) : (
            <FormError error={error} fields={PATIENT_FIELDS} blank={blank} />
          )}
          <PatientFieldset value={value} onChange={setValue} errorFor={errorFor} emailLocked={!!patient.portal_account && !can('clinical:read')} />
          <div class="form-actions">
            <Button type="submit" busy={busy}>Save details</Button>
            <Button variant="secondary" onClick={() => setEditing(false)}>Cancel</Button>
          </div>
        </form>
      </Card>
    );
  }

  return (
    <Card
      title="Details"
      actions={can('patients:write') && <Button variant="secondary" small onClick={startEdit}>Edit details</Button>}
    >
      <dl class="details">
        <div><dt>Given name</dt><dd>{patient.given_name}</dd></div>
        <div><dt>Family name</dt><dd>{patient.family_name}</dd></div>
        <div><dt>Birth date</dt><dd>{fmt.date(patient.birth_date)} <span class="muted">({patient.age} years)</span></dd></div>
        <div><dt>Sex</dt><dd>{SEX_LABELS[patient.sex] || patient.sex}</dd></div>
        <div><dt>Email</dt><dd>{patient.email ? <a href={`mailto:${patient.email}`}>{patient.email}</a> : <span class="muted">Not given</span>}</dd></div>
        <div><dt>Phone</dt><dd>{patient.phone ? <a href={telHref(patient.phone)}>{patient.phone}</a> : <span class="muted">Not given</span>}</dd></div>
        <div><dt>Registered</dt><dd>{fmt.dateTime(patient.created_at)}</dd></div>
        <div><dt>Last changed</dt><dd>{fmt.dateTime(patient.updated_at)}</dd></div>
      </dl>
      {can('clinical:read') && (
        <p class="card-foot">
          <a href={`/api/v1/fhir/Patient/${encodeURIComponent(patient.id)}/$everything`} download={`record-${foldText(`${patient.family_name} ${patient.given_name}`).replace(/ /g, '-')}.fhir.json`}>
            Export the whole record (FHIR R4)
          </a>
          <span class="muted"> — for another clinical system: details, diagnosis, course, sessions and lots, measurements, side effects.</span>
        </p>
      )}
      {can('audit:read') && (
        <p class="card-foot">
          <a href={`/setup/audit?patient_id=${encodeURIComponent(patient.id)}`}>Audit trail of this record</a>
          <span class="muted"> — who opened or changed it, and when.</span>
        </p>
      )}
    </Card>
  );
}
