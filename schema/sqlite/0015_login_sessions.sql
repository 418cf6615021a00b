-- Login sessions (issue 9); see the MariaDB script of the same number for the
-- meaning of each column. Ends are applied as psend's are (0003): SQLite's
-- writers take turns, so no fenced table of open logins is needed.

CREATE TABLE IF NOT EXISTS logins (
  loginid    INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid     INTEGER NOT NULL,
  username   TEXT COLLATE RTRIM NOT NULL,
  uid        INTEGER NULL,
  tty        TEXT COLLATE RTRIM NOT NULL,
  remotehost TEXT COLLATE RTRIM NULL,
  sessionid  INTEGER NULL,
  pid        INTEGER NOT NULL,
  created    TEXT NOT NULL,
  destroyed  TEXT NULL,
  cyear  INTEGER GENERATED ALWAYS AS (CAST(strftime('%Y', created) AS INTEGER)) VIRTUAL,
  cmonth INTEGER GENERATED ALWAYS AS (CAST(strftime('%m', created) AS INTEGER)) VIRTUAL,
  cday   INTEGER GENERATED ALWAYS AS (CAST(strftime('%d', created) AS INTEGER)) VIRTUAL,
  chour  INTEGER GENERATED ALWAYS AS (CAST(strftime('%H', created) AS INTEGER)) VIRTUAL,
  cmin   INTEGER GENERATED ALWAYS AS (CAST(strftime('%M', created) AS INTEGER)) VIRTUAL,
  csec   INTEGER GENERATED ALWAYS AS (CAST(strftime('%S', created) AS INTEGER)) VIRTUAL,
  dyear  INTEGER GENERATED ALWAYS AS (CAST(strftime('%Y', destroyed) AS INTEGER)) VIRTUAL,
  dmonth INTEGER GENERATED ALWAYS AS (CAST(strftime('%m', destroyed) AS INTEGER)) VIRTUAL,
  dday   INTEGER GENERATED ALWAYS AS (CAST(strftime('%d', destroyed) AS INTEGER)) VIRTUAL,
  dhour  INTEGER GENERATED ALWAYS AS (CAST(strftime('%H', destroyed) AS INTEGER)) VIRTUAL,
  dmin   INTEGER GENERATED ALWAYS AS (CAST(strftime('%M', destroyed) AS INTEGER)) VIRTUAL,
  dsec   INTEGER GENERATED ALWAYS AS (CAST(strftime('%S', destroyed) AS INTEGER)) VIRTUAL
);
CREATE INDEX IF NOT EXISTS logins_created ON logins (created);
CREATE INDEX IF NOT EXISTS logins_sessionid ON logins (sessionid);
CREATE INDEX IF NOT EXISTS logins_host_id ON logins (hostid, loginid);

CREATE TABLE IF NOT EXISTS loginend (
  loginendid INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid     INTEGER NOT NULL,
  pid        INTEGER NOT NULL,
  tty        TEXT COLLATE RTRIM NOT NULL,
  created    TEXT NULL,
  destroyed  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS loginend_host_id ON loginend (hostid, loginendid);

CREATE TRIGGER IF NOT EXISTS loginend_apply AFTER INSERT ON loginend FOR EACH ROW
BEGIN
  UPDATE logins SET destroyed = NEW.destroyed
   WHERE loginid = (
     SELECT loginid FROM logins
      WHERE hostid = NEW.hostid AND pid = NEW.pid AND tty = NEW.tty AND destroyed IS NULL
        AND created <= NEW.destroyed
        AND (NEW.created IS NULL OR created = NEW.created)
      ORDER BY created DESC LIMIT 1);
END;
