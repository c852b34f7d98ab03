-- Patients are found by their email (whole, marked '@') and by any run of
-- 4 or more digits of their phone number (every tail, marked '#') as well as
-- by their names: index the patients already registered as a save now does
-- (domain::search_terms). Valid phone numbers hold only digits and
-- + ( ) - . and spaces.
WITH RECURSIVE digits(patient_id, sort_key, term) AS (
  SELECT id, sort_key,
         REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(phone, '+', ''), ' ', ''), '-', ''),
                                 '.', ''), '(', ''), ')', '')
  FROM patients WHERE phone IS NOT NULL
  UNION ALL
  SELECT patient_id, sort_key, SUBSTR(term, 2) FROM digits WHERE LENGTH(term) > 4
)
INSERT INTO patient_terms (term, patient_id, sort_key)
SELECT '#' || term, patient_id, sort_key FROM digits WHERE LENGTH(term) >= 4
ON CONFLICT DO NOTHING;

INSERT INTO patient_terms (term, patient_id, sort_key)
SELECT '@' || LOWER(TRIM(email)), id, sort_key FROM patients
WHERE email IS NOT NULL AND TRIM(email) <> ''
ON CONFLICT DO NOTHING;

INSERT INTO search_terms (term)
SELECT DISTINCT term FROM patient_terms WHERE true
ON CONFLICT DO NOTHING;
