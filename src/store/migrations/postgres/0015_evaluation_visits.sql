-- An appointment is a session of the course or the visit at which the
-- course's results are measured (an evaluation visit: session_number 0).
ALTER TABLE appointments ADD COLUMN kind TEXT NOT NULL DEFAULT 'session';
