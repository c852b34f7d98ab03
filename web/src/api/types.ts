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
  /** Booking granularity in minutes. */
  slot_minutes?: number;
  /** The clinic's current instant and date (GET only): use these, not the browser's clock. */
  now?: string;
  today?: string;
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

// ---- Scheduling: protocols, practitioners, plans, appointments ----------

export interface StaffMember {
  id: string;
  name: string;
  role: Role;
  active: boolean;
}

export interface Phase {
  name: string;
  interval_days: number;
  sessions?: number;
  until_end?: boolean;
  tolerance_days: number;
}

export interface Protocol {
  id: string;
  version: number;
  name: string;
  description: string;
  session_minutes: number;
  phases: Phase[];
  months: Partial<Record<GradeSeverity, number>>;
  active: boolean;
}

export interface WorkingHours {
  /** Monday = 1 ... Sunday = 7. */
  weekday: number;
  start: string;
  end: string;
}

export interface Practitioner {
  id: string;
  name: string;
  active: boolean;
  working_hours: WorkingHours[];
}

/** Days off of one practitioner, or a clinic holiday (practitioner_id null). */
export interface TimeOff {
  id: string;
  practitioner_id: string | null;
  from: string;
  to: string;
  reason: string;
}

export type AppointmentStatus = 'booked' | 'arrived' | 'completed' | 'no_show' | 'cancelled';

export interface Appointment {
  id: string;
  plan_id: string;
  session_number: number;
  patient_id: string;
  practitioner_id: string;
  start: string;
  end: string;
  status: AppointmentStatus;
  sequence: number;
  note: string | null;
  /** In lists (GET /appointments) only. */
  patient_name?: string;
}

export type SessionStatus = 'planned' | 'booked' | 'done' | 'missed' | 'cancelled';

export interface PlannedSession {
  number: number;
  phase: string;
  target_date: string;
  earliest: string;
  latest: string;
  status: SessionStatus;
  appointment: Appointment | null;
}

export type PlanStatus = 'active' | 'stopped' | 'completed';

export interface Plan {
  id: string;
  patient_id: string;
  assessment_id: string;
  protocol: { id: string; version: number; name: string; phases: Phase[] };
  severity: GradeSeverity;
  months: number;
  start_date: string;
  end_date: string;
  session_minutes: number;
  status: PlanStatus;
  needs_review: boolean;
  review_reason: string | null;
  stop_reason: string | null;
  created_by: string;
  created_at: string;
  version: number;
  sessions: PlannedSession[];
}

export interface BookedAppointment extends Appointment {
  on_target: boolean;
}

export interface Unbooked {
  session_number: number;
  target_date: string;
  earliest: string;
  latest: string;
  reason: string;
}

export interface BookResult {
  appointments: BookedAppointment[];
  unbooked: Unbooked[];
}

export interface SlotOffer {
  start: string;
  end: string;
  practitioner_id: string;
  session_number: number;
}

export interface NoShowResult extends Appointment {
  offer: SlotOffer | null;
}

export interface MoveResult extends Appointment {
  moved: Appointment[];
}

export interface CalendarFeed {
  path: string;
  url: string;
  webcal?: string;
}
