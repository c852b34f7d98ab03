-- Corrections. An analysed image uploaded by mistake (wrong patient, site or
-- scale), or a measurement typed wrong, is marked entered in error: who,
-- when and why. It leaves every figure and series but stays on record.
-- A measurement now names the analysis it came from, so that marking the
-- analysis withdraws its figures with it.
ALTER TABLE trichoscopy ADD COLUMN error_reason TEXT;
ALTER TABLE trichoscopy ADD COLUMN error_by TEXT;
ALTER TABLE trichoscopy ADD COLUMN error_at BIGINT;
ALTER TABLE measurements ADD COLUMN trichoscopy_id TEXT REFERENCES trichoscopy(id);
ALTER TABLE measurements ADD COLUMN error_reason TEXT;
ALTER TABLE measurements ADD COLUMN error_by TEXT;
ALTER TABLE measurements ADD COLUMN error_at BIGINT;
-- Figures recorded before the link: the first image's share the analysis's
-- patient, site and instant (linked only where one analysis matches).
UPDATE measurements SET trichoscopy_id = (
  SELECT MIN(t.id) FROM trichoscopy t
  WHERE t.patient_id = measurements.patient_id AND t.site = measurements.site
    AND t.created_at = measurements.created_at)
WHERE source = 'trichoscopy' AND kind <> 'anagen_percent'
  AND (SELECT COUNT(*) FROM trichoscopy t
       WHERE t.patient_id = measurements.patient_id AND t.site = measurements.site
         AND t.created_at = measurements.created_at) = 1;
-- The anagen share came later, with the second image, whose time was not
-- kept: it is linked only where one paired analysis of that patient and site
-- could have given it; otherwise it stays unlinked (and can be marked on its
-- own) rather than be linked to the wrong analysis.
UPDATE measurements SET trichoscopy_id = (
  SELECT MIN(t.id) FROM trichoscopy t
  WHERE t.patient_id = measurements.patient_id AND t.site = measurements.site
    AND t.hours IS NOT NULL AND t.created_at <= measurements.created_at)
WHERE source = 'trichoscopy' AND kind = 'anagen_percent'
  AND (SELECT COUNT(*) FROM trichoscopy t
       WHERE t.patient_id = measurements.patient_id AND t.site = measurements.site
         AND t.hours IS NOT NULL AND t.created_at <= measurements.created_at) = 1;
CREATE INDEX measurements_trichoscopy ON measurements(trichoscopy_id);
