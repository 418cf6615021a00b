-- Who was behind each fact and how it was seen (issue 9). loginuid is the
-- kernel's audit login uid: the uid that logged in, unchanged by sudo or su, so
-- what root did is attributed to the person; loginname is its name on the host
-- at the time; sessionid the kernel's audit session. NULL when the source could
-- not tell (no audit support, or a row from before this migration); an unset
-- loginuid (a daemon started at boot) is stored as NULL too.
-- psinfo.origin: exec (an execve), fork (a child that did not exec: it runs its
-- parent's image), running (already running when the agent started).
-- psinfo.sha256 sits beside md5sum: both hash the executable file.
-- fileinfo.outcome: allowed, or denied (EACCES/EPERM) as the kernel answered.

ALTER TABLE psinfo
  ADD COLUMN IF NOT EXISTS loginuid  INT NULL,
  ADD COLUMN IF NOT EXISTS loginname VARCHAR(255) NULL,
  ADD COLUMN IF NOT EXISTS sessionid BIGINT NULL,
  ADD COLUMN IF NOT EXISTS sha256    VARCHAR(64) NULL,
  ADD COLUMN IF NOT EXISTS origin    VARCHAR(16) NULL;

ALTER TABLE netinfo
  ADD COLUMN IF NOT EXISTS loginuid  INT NULL,
  ADD COLUMN IF NOT EXISTS loginname VARCHAR(255) NULL,
  ADD COLUMN IF NOT EXISTS sessionid BIGINT NULL;

ALTER TABLE fileinfo
  ADD COLUMN IF NOT EXISTS loginuid  INT NULL,
  ADD COLUMN IF NOT EXISTS loginname VARCHAR(255) NULL,
  ADD COLUMN IF NOT EXISTS sessionid BIGINT NULL,
  ADD COLUMN IF NOT EXISTS outcome   VARCHAR(16) NULL;
