-- Who reviewed a side effect: the clinician whose review or follow-up
-- marked it reviewed last (staff who record one review it as they do).
ALTER TABLE adverse_events ADD COLUMN reviewed_by TEXT;
