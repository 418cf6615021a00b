-- netinfo.sha256 sits beside netinfo.md5sum, as psinfo.sha256 (0013) sits beside
-- psinfo.md5sum: both hash the executable of the process behind the endpoint,
-- lower-case hex. NULL when the agent could not hash it (gone, too large, not a
-- regular file) or for a row from before this migration.

ALTER TABLE netinfo
  ADD COLUMN IF NOT EXISTS sha256 VARCHAR(64) NULL;
