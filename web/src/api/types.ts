// The JSON shapes of /api/v1 that the app reads (see /api/v1/openapi.json).
// Dates are `YYYY-MM-DD`; instants are ISO 8601 with the clinic's offset.

export type Role = 'admin' | 'clinician' | 'receptionist';

export type Permission =
  | 'patients:read'
  | 'patients:write'
  | 'clinical:read'
  | 'clinical:write'
  | 'scheduling:read'
  | 'scheduling:write'
  | 'clinic:read'
  | 'clinic:write'
  | 'users:manage'
  | 'audit:read';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
}

export interface Me extends User {
  permissions: Permission[];
}

export interface LoginResponse {
  token: string;
  user: User;
  expires_after_idle_minutes?: number;
}

export interface Clinic {
  name: string;
  timezone: string;
  session_idle_minutes: number;
  screening_valid_days: number;
  login_attempts_before_delay: number;
}

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

export type Sex = 'female' | 'male' | 'other' | 'unknown';

export interface Patient {
  id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  age: number;
  sex: Sex;
  email: string | null;
  phone: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PatientFields {
  given_name: string;
  family_name: string;
  birth_date: string;
  sex: Sex | '';
  email: string;
  phone: string;
}

export type Severity = 'absolute' | 'relative' | 'ignore';

export interface Question {
  code: string;
  kind: 'boolean' | 'choice';
  question: string;
  severity: Severity;
  choices?: string[];
}

export interface QuestionList {
  items: Question[];
  rule_set_version: number;
}

export type Outcome = 'eligible' | 'review' | 'ineligible';

export interface Finding {
  code: string;
  severity: 'absolute' | 'relative';
  message: string;
}

export interface Override {
  at: string;
  by: string;
  reason: string;
}

export type AnswerValue = boolean | string;

export interface Screening {
  id: string;
  patient_id: string;
  answers: Record<string, AnswerValue>;
  outcome: Outcome;
  findings: Finding[];
  expires_on: string;
  current: boolean;
  clears_treatment: boolean;
  override: Override | null;
  rule_set_version: number;
  screened_at: string;
  screened_by: string;
}

export interface ScreeningRules {
  rules: Record<string, Severity>;
  version: number;
}

export type GradeSeverity = 'mild' | 'moderate' | 'advanced';

export interface GradingScale {
  scale: string;
  label: string;
  levels: { grade: string; severity: GradeSeverity }[];
}

export type Diagnosis =
  | 'androgenetic_alopecia'
  | 'telogen_effluvium'
  | 'alopecia_areata'
  | 'scarring_alopecia'
  | 'other';

export interface Assessment {
  id: string;
  patient_id: string;
  diagnosis: Diagnosis;
  icd10?: string;
  scale: string;
  grade: string;
  severity: GradeSeverity;
  roots_retained: boolean;
  pull_test_hairs: number | null;
  shedding_count: number | null;
  notes: string | null;
  candidate: boolean;
  reasons: string[];
  assessed_at: string;
  assessed_by: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  user_id: string | null;
  patient_id: string | null;
  action: string;
  outcome: string;
  status: number;
  method: string;
  path: string;
  ip: string;
  request_id: string;
  detail: string | null;
}
