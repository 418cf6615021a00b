-- Login sessions from PAM's audit records (issue 9): program is the program
-- that opened the session (PAM's exe: /usr/sbin/sshd, /usr/bin/su,
-- /usr/bin/sudo, /usr/sbin/cron), NULL for a session read from utmp.
-- loginuid/loginname are the audit login of the process that opened it, as on
-- psinfo: the person behind a su or sudo session (NULL when unset).

ALTER TABLE logins
  ADD COLUMN IF NOT EXISTS program   VARCHAR(4096) NULL,
  ADD COLUMN IF NOT EXISTS loginuid  INT NULL,
  ADD COLUMN IF NOT EXISTS loginname VARCHAR(255) NULL;
