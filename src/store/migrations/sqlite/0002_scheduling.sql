-- Protocols: the current version of each; every version kept in
-- protocol_versions. Plans carry a snapshot of the version they follow.
CREATE TABLE protocols (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  body TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE protocol_versions (
  protocol_id TEXT NOT NULL REFERENCES protocols(id),
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT,
  PRIMARY KEY (protocol_id, version)
);

CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  assessment_id TEXT NOT NULL REFERENCES assessments(id),
  protocol_id TEXT NOT NULL REFERENCES protocols(id),
  protocol_version INTEGER NOT NULL,
  protocol TEXT NOT NULL,
  severity TEXT NOT NULL,
  months INTEGER NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  status TEXT NOT NULL,
  needs_review INTEGER NOT NULL DEFAULT 0,
  review_reason TEXT,
  stop_reason TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX plans_patient ON plans(patient_id, created_at);
CREATE INDEX plans_review ON plans(needs_review, status);

CREATE TABLE plan_sessions (
  plan_id TEXT NOT NULL REFERENCES plans(id),
  number INTEGER NOT NULL,
  phase TEXT NOT NULL,
  target_date TEXT NOT NULL,
  earliest TEXT NOT NULL,
  latest TEXT NOT NULL,
  status TEXT NOT NULL,
  appointment_id TEXT,
  PRIMARY KEY (plan_id, number)
);

CREATE TABLE practitioners (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  user_id TEXT REFERENCES users(id),
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE practitioner_hours (
  practitioner_id TEXT NOT NULL REFERENCES practitioners(id),
  weekday INTEGER NOT NULL,
  start_min INTEGER NOT NULL,
  end_min INTEGER NOT NULL
);
CREATE INDEX practitioner_hours_p ON practitioner_hours(practitioner_id);

-- Days off: a practitioner's, or the whole clinic's (practitioner_id NULL).
CREATE TABLE time_off (
  id TEXT PRIMARY KEY,
  practitioner_id TEXT REFERENCES practitioners(id),
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX time_off_p ON time_off(practitioner_id, from_date);

CREATE TABLE appointments (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  session_number INTEGER NOT NULL,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  practitioner_id TEXT NOT NULL REFERENCES practitioners(id),
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  sequence INTEGER NOT NULL DEFAULT 0,
  note TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- Covering the availability queries (no table lookups per appointment).
CREATE INDEX appointments_practitioner ON appointments(practitioner_id, start_at, end_at, status, id);
CREATE INDEX appointments_patient ON appointments(patient_id, start_at, end_at, status, id);
CREATE INDEX appointments_plan ON appointments(plan_id, session_number);
CREATE INDEX appointments_start ON appointments(start_at);

-- Secret calendar-feed links of patients (only the hash is kept).
CREATE TABLE feed_tokens (
  token_hash TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX feed_tokens_patient ON feed_tokens(patient_id);
