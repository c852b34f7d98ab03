-- A lot recalled (by its manufacturer, or held after a suspected reaction)
-- is not used from that day on: when, why and by whom.
ALTER TABLE lots ADD COLUMN recalled_on TEXT;
ALTER TABLE lots ADD COLUMN recall_reason TEXT;
ALTER TABLE lots ADD COLUMN recalled_by TEXT;
