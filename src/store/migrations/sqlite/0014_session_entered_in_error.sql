-- A session record charted by mistake (the wrong lot, the wrong patient's
-- appointment) is marked entered in error: who, when and why. It stays on
-- record but leaves recall lists, counts and the stock it took; its
-- appointment is cancelled so the session can be charted again.
ALTER TABLE treatments ADD COLUMN error_reason TEXT;
ALTER TABLE treatments ADD COLUMN error_by TEXT;
ALTER TABLE treatments ADD COLUMN error_at BIGINT;
