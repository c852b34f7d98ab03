-- Clinic settings: one row; settings is a JSON document (domain/clinic.h).
CREATE TABLE clinic (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  settings TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  last_failed_at BIGINT,
  patient_id TEXT,
  created_at BIGINT NOT NULL
);

CREATE TABLE auth_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  ip TEXT NOT NULL
);
CREATE INDEX auth_sessions_user ON auth_sessions(user_id);

-- Append-only: the triggers refuse any update or delete.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at BIGINT NOT NULL,
  user_id TEXT,
  patient_id TEXT,
  action TEXT NOT NULL,
  outcome TEXT NOT NULL,
  status INTEGER NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  ip TEXT NOT NULL,
  request_id TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX audit_log_patient ON audit_log(patient_id, seq);
CREATE INDEX audit_log_user ON audit_log(user_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE patients (
  id TEXT PRIMARY KEY,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  sex TEXT NOT NULL,
  email TEXT,
  phone TEXT,
  sort_key TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  created_by TEXT
);
CREATE INDEX patients_sort ON patients(sort_key, id);

-- One row per folded word of a patient's names, with the patient's sort key,
-- so that a prefix search reads one index range already carrying the order.
CREATE TABLE patient_terms (
  term TEXT NOT NULL,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  sort_key TEXT NOT NULL,
  PRIMARY KEY (term, patient_id)
);
CREATE INDEX patient_terms_term_sort ON patient_terms(term, sort_key, patient_id);
CREATE INDEX patient_terms_patient ON patient_terms(patient_id, term);
-- The distinct words, so a prefix finds its few words without reading every
-- patient's entry (rows are never removed; a stale word just matches nobody).
CREATE TABLE search_terms (term TEXT PRIMARY KEY);

CREATE TABLE screening_rule_sets (
  version INTEGER PRIMARY KEY,
  rules TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT
);

CREATE TABLE screenings (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  answers TEXT NOT NULL,
  findings TEXT NOT NULL,
  outcome TEXT NOT NULL,
  rule_set_version INTEGER NOT NULL,
  screened_by TEXT NOT NULL,
  screened_at BIGINT NOT NULL,
  screened_on TEXT NOT NULL,
  expires_on TEXT NOT NULL,
  override_reason TEXT,
  overridden_by TEXT,
  overridden_at BIGINT
);
CREATE INDEX screenings_patient ON screenings(patient_id, screened_at);

CREATE TABLE assessments (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  diagnosis TEXT NOT NULL,
  scale TEXT NOT NULL,
  grade TEXT NOT NULL,
  severity TEXT NOT NULL,
  roots_retained INTEGER NOT NULL,
  pull_test_hairs INTEGER,
  shedding_count INTEGER,
  notes TEXT,
  candidate INTEGER NOT NULL,
  reasons TEXT NOT NULL,
  assessed_by TEXT NOT NULL,
  assessed_at BIGINT NOT NULL
);
CREATE INDEX assessments_patient ON assessments(patient_id, assessed_at);
