-- A row the SQLite store rewrites to put appended records (the audit of
-- reads) on disk when no other write has done so (store::kAppendFlush).
-- Kept on both engines so that the schema is the same.
CREATE TABLE sync_marks (id INTEGER PRIMARY KEY, n BIGINT NOT NULL);
INSERT INTO sync_marks (id, n) VALUES (1, 0);
