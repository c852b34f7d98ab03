-- A patient's request, from the portal, to move a booked session: open
-- until the desk moves or cancels the appointment, or closes it.
CREATE TABLE move_requests (
  id TEXT PRIMARY KEY,
  appointment_id TEXT NOT NULL REFERENCES appointments(id),
  patient_id TEXT NOT NULL REFERENCES patients(id),
  message TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  closed_at BIGINT,
  closed_by TEXT,
  outcome TEXT
);
CREATE INDEX move_requests_open ON move_requests(closed_at, created_at);
CREATE INDEX move_requests_appointment ON move_requests(appointment_id);
