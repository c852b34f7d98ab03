// The demographic fields of a patient, used to register one and to edit one.
import type { ComponentChildren } from 'preact';
import type { PatientFields, Patient } from '../api/types';
import { SelectField, TextField } from '../ui/fields';
import { useSession } from '../session/session';
import { SEX_LABELS } from '../ui/format';
import { blankFields } from '../ui/required';

export const PATIENT_FIELDS = ['given_name', 'family_name', 'birth_date', 'sex', 'email', 'phone'];

export const REQUIRED_PATIENT_FIELDS = {
  given_name: 'Enter the given name.',
  family_name: 'Enter the family name.',
  birth_date: 'Enter the birth date.',
  sex: 'Choose one.',
};

/**
 * What stops the form being sent: the required fields left blank, and the
 * mistakes a person can see at once (a birth date to come, an address
 * without its @, letters in a phone number), named in one round; the server
 * checks everything again.
 */
export function patientProblems(v: PatientFields, today: string | undefined): Record<string, string> {
  const out: Record<string, string> = blankFields({ ...v }, REQUIRED_PATIENT_FIELDS);
  for (const f of ['given_name', 'family_name'] as const) {
    if (v[f].trim().length > 100) out[f] = `Must be at most 100 characters (this is ${v[f].trim().length}).`;
  }
  if (v.birth_date && today && v.birth_date >= today) out.birth_date = 'Must be a date in the past.';
  const email = v.email.trim();
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]{2,}$/.test(email)) out.email = 'Must be an email address like name@example.com.';
  if (v.phone.trim() && /[^0-9+ .()-]/.test(v.phone.trim())) out.phone = 'Must be a phone number: digits, optionally starting with +.';
  return out;
}

export const EMPTY_PATIENT: PatientFields = { given_name: '', family_name: '', birth_date: '', sex: '', email: '', phone: '' };

export function fieldsOf(p: Patient): PatientFields {
  return {
    given_name: p.given_name,
    family_name: p.family_name,
    birth_date: p.birth_date,
    sex: p.sex,
    email: p.email || '',
    phone: p.phone || '',
  };
}

const SEX_OPTIONS = (Object.keys(SEX_LABELS) as (keyof typeof SEX_LABELS)[]).map((value) => ({ value, label: SEX_LABELS[value] }));

/** Whole years from `birth` to `today` (both YYYY-MM-DD). */
function yearsOld(birth: string, today: string): number {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** The age a birth date gives, said beside it: a slip of the year shows. */
function ageHint(birth: string, today: string | undefined): string | undefined {
  if (!today || !/^\d{4}-\d{2}-\d{2}$/.test(birth) || birth >= today) return undefined;
  const age = yearsOld(birth, today);
  if (age < 16) return `${age} years old: a child. Check the birth date (the treatment is for adults).`;
  if (age > 100) return `${age} years old: check the birth date.`;
  return `${age} years old.`;
}

export function PatientFieldset(props: {
  value: PatientFields;
  onChange: (v: PatientFields) => void;
  errorFor: (field: string) => string | undefined;
  footer?: ComponentChildren;
  /** The email is a portal account's sign-in that this user may not change. */
  emailLocked?: boolean;
}) {
  const { value, onChange, errorFor } = props;
  const { clinic } = useSession();
  const set = (field: keyof PatientFields) => (v: string) => onChange({ ...value, [field]: v });
  return (
    <div class="form-grid">
      <TextField label="Given name" name="given_name" value={value.given_name} onValue={set('given_name')} autoComplete="off" error={errorFor('given_name')} />
      <TextField label="Family name" name="family_name" value={value.family_name} onValue={set('family_name')} autoComplete="off" error={errorFor('family_name')} />
      <TextField label="Birth date" name="birth_date" type="date" value={value.birth_date} onValue={set('birth_date')} error={errorFor('birth_date')} size="medium" hint={ageHint(value.birth_date, clinic.today)} />
      <SelectField label="Sex" name="sex" value={value.sex} onValue={set('sex')} options={SEX_OPTIONS} placeholder="Choose…" error={errorFor('sex')} />
      <TextField
        label="Email"
        name="email"
        type="email"
        optional
        value={value.email}
        onValue={set('email')}
        autoComplete="off"
        disabled={props.emailLocked}
        hint={props.emailLocked ? 'The patient’s portal sign-in: a clinician or an admin changes it.' : undefined}
        error={errorFor('email')}
      />
      <TextField
        label="Phone"
        name="phone"
        type="tel"
        optional
        value={value.phone}
        onValue={set('phone')}
        autoComplete="off"
        error={errorFor('phone')}
        hint="With the country code if not local, e.g. +34 600 123 456"
      />
      {props.footer}
    </div>
  );
}

/** The request body for a new patient: optional contact fields left out when blank. */
export function createBody(v: PatientFields): Record<string, string> {
  const body: Record<string, string> = {
    given_name: v.given_name.trim(),
    family_name: v.family_name.trim(),
    birth_date: v.birth_date,
    sex: v.sex,
  };
  if (v.email.trim()) body.email = v.email.trim();
  if (v.phone.trim()) body.phone = v.phone.trim();
  return body;
}

/** The PATCH body: only what changed (a cleared contact field is sent as ""). */
export function patchBody(before: Patient, v: PatientFields): Record<string, string | number> {
  const was = fieldsOf(before);
  const body: Record<string, string | number> = { version: before.version };
  for (const key of Object.keys(v) as (keyof PatientFields)[]) {
    const next = typeof v[key] === 'string' ? v[key].trim() : v[key];
    if (next !== was[key]) body[key] = next;
  }
  return body;
}
