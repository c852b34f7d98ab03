-- One-time invitations of patients to the portal (only the hash is kept).
CREATE TABLE invitations (
  token_hash TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  email TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX invitations_patient ON invitations(patient_id);
