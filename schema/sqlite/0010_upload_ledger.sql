-- Idempotent appends (see schema/mysql/0010_upload_ledger.sql): the batch id of
-- every appended chunk, written in the chunk's own transaction, so a replay of a
-- chunk that was already committed is recognised instead of stored twice.

CREATE TABLE IF NOT EXISTS uploads (
  uploadid INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid   INTEGER NOT NULL,
  agent    TEXT NOT NULL,
  batch    INTEGER NOT NULL,
  part     TEXT NOT NULL,
  rowcount INTEGER NOT NULL,
  uploaded TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS uploads_batch ON uploads (hostid, agent, batch, part);
