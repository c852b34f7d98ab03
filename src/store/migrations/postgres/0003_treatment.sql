CREATE TABLE products (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  manufacturer TEXT,
  category TEXT NOT NULL,
  composition TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);

-- Quantities in microlitres (the API speaks mL), so stock arithmetic is exact.
CREATE TABLE lots (
  id TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES products(id),
  lot_number TEXT NOT NULL,
  expires_on TEXT NOT NULL,
  received_ul BIGINT NOT NULL,
  remaining_ul BIGINT NOT NULL CHECK (remaining_ul >= 0),
  received_on TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (product_id, lot_number)
);

-- The record of a session done at an appointment. Never updated: corrections
-- are addenda.
CREATE TABLE treatments (
  id TEXT PRIMARY KEY,
  appointment_id TEXT NOT NULL UNIQUE REFERENCES appointments(id),
  plan_id TEXT NOT NULL REFERENCES plans(id),
  session_number INTEGER NOT NULL,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  practitioner_id TEXT NOT NULL,
  performed_at BIGINT NOT NULL,
  performed_by TEXT NOT NULL,
  pregnancy TEXT NOT NULL,
  technique TEXT,
  needle_gauge INTEGER,
  needle_length_mm DOUBLE PRECISION,
  depth_mm DOUBLE PRECISION,
  anaesthetic INTEGER NOT NULL,
  pain_score INTEGER NOT NULL,
  adjuncts TEXT NOT NULL,
  notes TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX treatments_patient ON treatments(patient_id, performed_at);

CREATE TABLE treatment_zones (
  treatment_id TEXT NOT NULL REFERENCES treatments(id),
  zone TEXT NOT NULL,
  points INTEGER NOT NULL,
  volume_ul BIGINT NOT NULL,
  PRIMARY KEY (treatment_id, zone)
);

CREATE TABLE treatment_products (
  treatment_id TEXT NOT NULL REFERENCES treatments(id),
  lot_id TEXT NOT NULL REFERENCES lots(id),
  role TEXT NOT NULL,
  volume_ul BIGINT NOT NULL
);
CREATE INDEX treatment_products_lot ON treatment_products(lot_id);
CREATE INDEX treatment_products_t ON treatment_products(treatment_id);

CREATE TABLE treatment_addenda (
  id TEXT PRIMARY KEY,
  treatment_id TEXT NOT NULL REFERENCES treatments(id),
  text TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX treatment_addenda_t ON treatment_addenda(treatment_id, created_at);

CREATE TABLE adverse_events (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  treatment_id TEXT REFERENCES treatments(id),
  type TEXT NOT NULL,
  grade INTEGER NOT NULL,
  onset TEXT NOT NULL,
  management TEXT NOT NULL,
  outcome TEXT NOT NULL,
  notes TEXT,
  reported_by TEXT NOT NULL,
  reporter_role TEXT NOT NULL,
  reviewed INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX adverse_events_patient ON adverse_events(patient_id, created_at);
CREATE INDEX adverse_events_created ON adverse_events(created_at);

CREATE TABLE adverse_event_lots (
  adverse_event_id TEXT NOT NULL REFERENCES adverse_events(id),
  lot_id TEXT NOT NULL REFERENCES lots(id),
  PRIMARY KEY (adverse_event_id, lot_id)
);

CREATE TABLE measurements (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  kind TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  taken_on TEXT NOT NULL,
  site TEXT,
  source TEXT NOT NULL,
  notes TEXT,
  recorded_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX measurements_patient ON measurements(patient_id, kind, taken_on);

CREATE TABLE photos (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  view TEXT NOT NULL,
  taken_on TEXT NOT NULL,
  content_type TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data BYTEA NOT NULL,
  recorded_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX photos_patient ON photos(patient_id, view, taken_on);

-- Aftercare reminders of a patient, made from the clinic's defaults.
CREATE TABLE aftercare_reminders (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  rrule TEXT NOT NULL,
  start_date TEXT NOT NULL,
  last_done_on TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (patient_id, code)
);

-- Messages to send; each has a key so it is queued once.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  dedupe_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  ref_id TEXT,
  patient_id TEXT,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  lease_until BIGINT,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX outbox_pending ON outbox(status, next_attempt_at);

ALTER TABLE plans ADD COLUMN booking_hold INTEGER NOT NULL DEFAULT 0;
