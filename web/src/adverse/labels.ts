// Side effects in words: types, CTCAE grades ("injection site reaction"),
// management and outcome, for staff and (in plainer words) for patients.
import type { AdverseEventType, AdverseOutcome, Management } from '../api/types';
import type { Tone } from '../ui/feedback';

export const TYPE_LABELS: Record<AdverseEventType, string> = {
  pain: 'Pain',
  inflammation: 'Inflammation',
  haematoma: 'Haematoma (bruise)',
  oedema: 'Oedema (swelling)',
  headache: 'Headache',
  infection: 'Infection at the site',
  allergic_reaction: 'Allergic reaction',
  hair_loss_at_site: 'Hair loss at the site',
  other: 'Other',
};

export const TYPES = Object.keys(TYPE_LABELS) as AdverseEventType[];

/** CTCAE v5 "injection site reaction", grade by grade. */
export const GRADES: { grade: number; label: string; ctcae: string; tone: Tone }[] = [
  { grade: 1, label: 'Grade 1 · mild', ctcae: 'Tenderness, with or without warmth, erythema or itching', tone: 'success' },
  { grade: 2, label: 'Grade 2 · moderate', ctcae: 'Pain; lipodystrophy; oedema; phlebitis', tone: 'warning' },
  { grade: 3, label: 'Grade 3 · severe', ctcae: 'Ulceration or necrosis; severe tissue damage; intervention needed', tone: 'danger' },
  { grade: 4, label: 'Grade 4 · life-threatening', ctcae: 'Life-threatening consequences; urgent intervention needed', tone: 'danger' },
  { grade: 5, label: 'Grade 5 · death', ctcae: 'Death related to the event', tone: 'danger' },
];

export function gradeTone(grade: number): Tone {
  return grade >= 3 ? 'danger' : grade === 2 ? 'warning' : 'info';
}

export const MANAGEMENT_LABELS: Record<Management, string> = {
  none: 'None needed',
  anti_inflammatory_cream: 'Anti-inflammatory cream',
  cold_compress: 'Cold compress',
  antibiotics: 'Antibiotics',
  referral: 'Referral',
  other: 'Other',
};

export const MANAGEMENTS = Object.keys(MANAGEMENT_LABELS) as Management[];

export const OUTCOME_LABELS: Record<AdverseOutcome, string> = {
  resolved: 'Resolved',
  recovering: 'Recovering',
  ongoing: 'Ongoing',
  resolved_with_sequelae: 'Resolved with sequelae',
};

export const OUTCOME_TONES: Record<AdverseOutcome, Tone | 'neutral'> = {
  resolved: 'success',
  recovering: 'info',
  ongoing: 'warning',
  resolved_with_sequelae: 'neutral',
};

export const OUTCOMES = Object.keys(OUTCOME_LABELS) as AdverseOutcome[];

// ---- For patients, in plain words ----

export const PATIENT_TYPES: { value: AdverseEventType; label: string }[] = [
  { value: 'pain', label: 'Pain or tenderness' },
  { value: 'inflammation', label: 'Redness, warmth or itching' },
  { value: 'oedema', label: 'Swelling (forehead or scalp)' },
  { value: 'haematoma', label: 'A bruise' },
  { value: 'headache', label: 'Headache' },
  { value: 'infection', label: 'A spot that looks infected (pus, spreading redness)' },
  { value: 'allergic_reaction', label: 'Rash, hives or other allergic reaction' },
  { value: 'hair_loss_at_site', label: 'Hair falling out where the injections were' },
  { value: 'other', label: 'Something else' },
];

/** How bad, in plain words, and the CTCAE grade each stands for. */
export const PATIENT_SEVERITY: { grade: number; label: string; note: string }[] = [
  { grade: 1, label: 'Mild', note: 'Tender, warm, red or itchy, but not really painful' },
  { grade: 2, label: 'Moderate', note: 'Painful or swollen; it gets in the way a little' },
  { grade: 3, label: 'Severe', note: 'An open sore or damaged skin, or I needed a doctor' },
];

export const PATIENT_MANAGEMENT: { value: Management; label: string }[] = [
  { value: 'none', label: 'Nothing' },
  { value: 'anti_inflammatory_cream', label: 'Put on the anti-inflammatory cream' },
  { value: 'cold_compress', label: 'Cold compress' },
  { value: 'referral', label: 'Saw a doctor' },
  { value: 'antibiotics', label: 'Took antibiotics a doctor prescribed' },
  { value: 'other', label: 'Something else (say below)' },
];

export const PATIENT_OUTCOMES: { value: AdverseOutcome; label: string }[] = [
  { value: 'ongoing', label: 'I still have it' },
  { value: 'recovering', label: 'It is getting better' },
  { value: 'resolved', label: 'It has gone' },
];
