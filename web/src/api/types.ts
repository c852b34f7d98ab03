// The JSON shapes of /api/v1 that the app reads (see /api/v1/openapi.json).
// Dates are `YYYY-MM-DD`; instants are ISO 8601 with the clinic's offset.

export type Role = 'admin' | 'clinician' | 'receptionist' | 'patient';
export type StaffRole = Exclude<Role, 'patient'>;

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
  /** Set for a patient's portal account: the only patient it may read. */
  patient_id?: string;
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
  reminder_hours_before?: number;
  responder_density_percent?: number;
  responder_photo_rating?: number;
  partial_density_percent?: number;
  vellus_threshold_um?: number;
  /** For patients to call; shown in the portal. */
  phone?: string | null;
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
  /** Only when one patient is read: they have a portal account, whose sign-in is their email. */
  portal_account?: boolean;
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
  /** The weakest severity each floor contraindication may take. */
  floor?: Record<string, Severity>;
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
  /** When just added: the appointments still booked in it, to move. */
  to_move?: Appointment[];
}

export type AppointmentStatus = 'booked' | 'arrived' | 'completed' | 'no_show' | 'cancelled';

/** A session of the course, or the visit at which its results are measured. */
export type AppointmentKind = 'session' | 'evaluation';

export interface Appointment {
  id: string;
  plan_id: string;
  kind: AppointmentKind;
  /** Null for an evaluation visit. */
  session_number: number | null;
  patient_id: string;
  practitioner_id: string;
  start: string;
  end: string;
  status: AppointmentStatus;
  sequence: number;
  note: string | null;
  /** In lists (GET /appointments) only. */
  patient_name?: string;
  /** Only from GET /appointments/to-move: the day off it falls on ("Clinic closed: Carnival"). */
  day_off?: string;
  /** What the patient asked, in the portal, when asking to move it (Course tab). */
  move_request?: string;
}

/** `skipped`: missed, and the course went on without it (revised or stopped). */
export type SessionStatus = 'planned' | 'booked' | 'done' | 'missed' | 'skipped' | 'cancelled';

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
  /** Bookings are refused (409) until a clinician clears the review. */
  booking_hold?: boolean;
  review_reason: string | null;
  stop_reason: string | null;
  created_by: string;
  created_at: string;
  version: number;
  sessions: PlannedSession[];
  /** The course's evaluation visits, not cancelled, in time order. */
  evaluations: Appointment[];
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

// ---- Treatment records: products and lots, sessions, side effects -------

export type ProductCategory = 'amino_acids' | 'vitamins' | 'trace_elements' | 'vasodilators' | 'anaesthetic' | 'other';

export interface Product {
  id: string;
  name: string;
  manufacturer: string | null;
  category: ProductCategory;
  composition: string | null;
  active: boolean;
  /** GET /products/{id} only. */
  lots?: Lot[];
}

export interface Lot {
  id: string;
  product_id: string;
  product_name: string;
  /** In GET /lots. */
  category?: ProductCategory;
  lot_number: string;
  expires_on: string;
  /** mL received. */
  quantity: number;
  /** mL left. */
  remaining: number;
  received_on: string;
  expired: boolean;
  /** The day it was recalled from (no session uses it from then on). */
  recalled_on: string | null;
  recall_reason: string | null;
  recalled: boolean;
  usable: boolean;
}

export interface Recipient {
  patient_id: string;
  patient_name: string;
  session_id: string;
  performed_at: string;
  volume_ml: number;
  email?: string | null;
  phone?: string | null;
}

export interface Recall {
  lot_id: string;
  lot_number: string;
  patients: number;
  items: Recipient[];
}

export type Zone =
  | 'frontal'
  | 'mid_scalp'
  | 'vertex'
  | 'left_temporal'
  | 'right_temporal'
  | 'left_parietal'
  | 'right_parietal'
  | 'occipital';

export type Technique = 'point_by_point' | 'nappage' | 'injector_gun';
export type Adjunct = 'shampoo' | 'lotion' | 'massage';

export interface ZoneTreated {
  zone: Zone;
  points: number;
  volume_ml: number;
}

export interface ProductUsed {
  lot_id: string;
  role: 'cocktail' | 'anaesthetic';
  volume_ml: number;
  lot_number?: string;
  expires_on?: string;
  product_name?: string;
  category?: ProductCategory;
}

export interface Addendum {
  id: string;
  text: string;
  created_by: string;
  created_at: string;
}

export interface SessionRecord {
  id: string;
  appointment_id: string;
  plan_id: string;
  session_number: number;
  patient_id: string;
  practitioner_id: string;
  performed_at: string;
  performed_by: string;
  pregnancy: 'no' | 'not_asked';
  technique: Technique | null;
  needle_gauge: number | null;
  needle_length_mm: number | null;
  depth_mm: number | null;
  anaesthetic: boolean;
  pain_score: number;
  adjuncts: Adjunct[];
  notes: string | null;
  zones: ZoneTreated[];
  products: ProductUsed[];
  addenda: Addendum[];
  /** Charted by mistake: kept on record, counted nowhere. */
  entered_in_error?: Correction | null;
}

export type AdverseEventType =
  | 'pain'
  | 'inflammation'
  | 'haematoma'
  | 'oedema'
  | 'headache'
  | 'infection'
  | 'allergic_reaction'
  | 'hair_loss_at_site'
  | 'other';

export type Management = 'none' | 'anti_inflammatory_cream' | 'cold_compress' | 'antibiotics' | 'referral' | 'other';
export type AdverseOutcome = 'resolved' | 'recovering' | 'ongoing' | 'resolved_with_sequelae';

export interface AdverseEvent {
  id: string;
  patient_id: string;
  session_id: string | null;
  lot_ids: string[];
  type: AdverseEventType;
  grade: number;
  severity: 'mild' | 'moderate' | 'severe';
  /** A date, or an instant with the clinic's offset. */
  onset: string;
  management: Management[];
  outcome: AdverseOutcome;
  notes: string | null;
  reported_by: string;
  reporter_role: Role;
  reviewed: boolean;
  /** Who last reviewed or followed it up (staff who record one review it). */
  reviewed_by: string | null;
  created_at: string;
  updated_at: string;
  /** On creation: the plan flagged (grade 3 or more). */
  plan_flagged?: string | null;
  /** In GET /adverse-events/open. */
  patient_name?: string;
}

export interface ReportRow {
  events: number;
  sessions: number;
  per_100_sessions: number;
}

export interface AdverseEventReport {
  from: string;
  to: string;
  sessions: number;
  events: number;
  by_type: (ReportRow & { type: AdverseEventType })[];
  by_lot: (ReportRow & { lot_id: string; lot_number?: string; product_name?: string })[];
}

// ---- Outcomes ------------------------------------------------------------

export type MeasurementKind =
  | 'density'
  | 'terminal_density'
  | 'vellus_percent'
  | 'mean_diameter_um'
  | 'cumulative_thickness_mm'
  | 'anagen_percent'
  | 'pull_test_hairs'
  | 'shedding_count'
  | 'photo_rating'
  | 'self_assessment';

export interface Measurement {
  id: string;
  patient_id: string;
  kind: MeasurementKind;
  value: number;
  taken_on: string;
  site: string | null;
  source: 'manual' | 'trichoscopy' | 'patient';
  notes: string | null;
  /** The image analysis it came from, if any. */
  trichoscopy_id: string | null;
  recorded_by: string;
  entered_in_error: Correction | null;
}

/** A record marked entered in error: it leaves every figure, kept on record. */
export interface Correction {
  reason: string;
  by: string;
  at: string;
}

export type Evaluation = 'too_early' | 'due' | 'overdue' | 'responder' | 'partial' | 'non_responder';

export interface Series {
  baseline: number | null;
  baseline_on: string | null;
  /** The baseline's site: later figures are compared only when taken there. */
  site: string | null;
  latest: number | null;
  latest_on: string | null;
  change: number | null;
  change_percent: number | null;
  unit: string;
  label: string;
  /** compared: taken at the baseline's site (else charted, not compared). */
  points: { id: string; taken_on: string; value: number; site: string | null; source: string; trichoscopy_id: string | null; compared: boolean }[];
}

export interface Progress {
  evaluation: Evaluation;
  explanation: string;
  /** Density and photographs point opposite ways: a clinician checks before the patient is told. */
  conflicting: boolean;
  first_session: string | null;
  thresholds: { responder_density_percent: number; responder_photo_rating: number; partial_density_percent: number };
  series: Partial<Record<MeasurementKind, Series>>;
}

export type PhotoView = 'frontal' | 'vertex' | 'top' | 'left' | 'right';

export interface Photo {
  id: string;
  patient_id: string;
  view: PhotoView;
  taken_on: string;
  content_type: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  url: string;
}

export interface TrichoscopyResult {
  hair_count: number;
  area_cm2: number;
  density_per_cm2: number;
  mean_diameter_um: number;
  vellus_percent: number;
  terminal_density: number;
  cumulative_thickness_mm: number;
  anagen_percent?: number | null;
  /** With a second image: the hairs anagen_percent is of. */
  anagen_classified?: number;
  hairs?: { x: number; y: number; length_um: number; diameter_um: number; anagen?: boolean }[];
}

export interface Trichoscopy {
  id: string;
  patient_id: string;
  site: string;
  taken_on: string;
  um_per_px: number;
  image_sha256: string;
  result: TrichoscopyResult;
  paired: boolean;
  hours: number | null;
  image_url: string;
  overlay_url: string;
  created_at: string;
  entered_in_error: Correction | null;
  /** On marking entered in error: how many of its measurements were withdrawn. */
  measurements_withdrawn?: number;
  /** On creation: the figures recorded as measurements. */
  measurements?: { kind: MeasurementKind; value: number }[];
}

// ---- Aftercare, outbox ---------------------------------------------------

export type RecommendationCategory = 'diet' | 'stress' | 'hydration' | 'hair_care' | 'after_session' | 'other';

export interface Recommendation {
  category: RecommendationCategory;
  text: string;
}

export interface Reminder {
  id: string;
  code: string;
  title: string;
  description: string;
  rrule: string;
  start: string;
  next_due: string;
  last_done: string | null;
  overdue: boolean;
}

export interface Aftercare {
  recommendations: Recommendation[];
  reminders: Reminder[];
  /** Whether the patient has an active course: reminders run while one is. */
  course: boolean;
}

export interface AftercareDefaults {
  recommendations: Recommendation[];
  reminders: { code: string; title: string; description: string; rrule: string }[];
}

export interface OutboxMessage {
  id: string;
  kind: string;
  patient_id: string | null;
  recipient: string;
  subject: string;
  status: 'pending' | 'held' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  due_at: string;
  next_attempt_at: string | null;
  last_error: string | null;
  sent_at: string | null;
}

// ---- Patient portal ------------------------------------------------------

export interface Invitation {
  /** Absent for a password reset: that link goes to the patient's inbox only. */
  link?: string;
  email: string;
  expires_at: string;
  /** The patient already has an account: the link sets a new password. */
  reset?: boolean;
}

export interface InvitationInfo {
  email: string;
  given_name: string;
  clinic: string;
  reset?: boolean;
  expires_at?: string;
}

export interface PortalMe {
  patient: Patient;
  clinic: { name: string; timezone: string; today: string };
  course: {
    status: PlanStatus;
    sessions_done: number;
    sessions_total: number;
    start_date: string;
    end_date: string;
    protocol: string;
    /** Bookings wait for a clinician's review (a severe side effect, a pregnancy). */
    on_hold: boolean;
  } | null;
  /** `move_requested`: when the patient asked to move it (still open), else null. */
  upcoming: { id: string; kind: AppointmentKind; session_number: number | null; start: string; end: string; status: AppointmentStatus; move_requested: string | null }[];
  calendar_feed: { active: boolean };
}

export interface FreeSlot {
  start: string;
  end: string;
}

/** A patient's open request, from the portal, to move a booked session. */
export interface MoveRequest {
  id: string;
  message: string;
  created_at: string;
  patient_name: string;
  appointment: Appointment;
}
