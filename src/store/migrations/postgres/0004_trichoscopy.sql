-- Automated trichoscopy: each analysed image with its result and overlay;
-- the figures also become measurements (source 'trichoscopy').
CREATE TABLE trichoscopy (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  site TEXT NOT NULL,
  taken_on TEXT NOT NULL,
  um_per_px DOUBLE PRECISION NOT NULL,
  image BYTEA NOT NULL,
  image_type TEXT NOT NULL,
  image_sha256 TEXT NOT NULL,
  overlay BYTEA NOT NULL,
  result TEXT NOT NULL,
  second_image BYTEA,
  second_type TEXT,
  hours DOUBLE PRECISION,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX trichoscopy_patient ON trichoscopy(patient_id, taken_on);
