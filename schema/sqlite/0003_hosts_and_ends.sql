-- Registered hosts and append-only end records (embedded SQLite). The embedded
-- store belongs to one machine, so there are no per-host accounts here; end
-- records are applied by triggers exactly as on MariaDB.

CREATE TABLE IF NOT EXISTS hosts (
  hostid    INTEGER PRIMARY KEY AUTOINCREMENT,
  hostname  TEXT COLLATE RTRIM NOT NULL,
  account   TEXT COLLATE RTRIM NULL,
  added     TEXT NOT NULL,
  removed   TEXT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS hosts_hostname ON hosts (hostname);
CREATE UNIQUE INDEX IF NOT EXISTS hosts_account ON hosts (account);

CREATE TABLE IF NOT EXISTS psend (
  psendid   INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid    INTEGER NOT NULL,
  pid       INTEGER NOT NULL,
  created   TEXT NULL,
  destroyed TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS psend_host_id ON psend (hostid, psendid);

CREATE TABLE IF NOT EXISTS netend (
  netendid   INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid     INTEGER NOT NULL,
  pid        INTEGER NOT NULL,
  transport  TEXT COLLATE RTRIM NOT NULL,
  sourceip   TEXT COLLATE RTRIM NOT NULL,
  sourceport INTEGER NOT NULL,
  destip     TEXT COLLATE RTRIM NOT NULL,
  destport   INTEGER NOT NULL,
  destroyed  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS netend_host_id ON netend (hostid, netendid);

-- The end of a process: the newest still-running instance of that pid on that
-- host started at or before the end (pids are reused), or exactly `created`
-- when the agent knows the start time.
CREATE TRIGGER IF NOT EXISTS psend_apply AFTER INSERT ON psend FOR EACH ROW
BEGIN
  UPDATE psinfo SET destroyed = NEW.destroyed
   WHERE psentity = (
     SELECT psentity FROM psinfo
      WHERE hostid = NEW.hostid AND pid = NEW.pid AND destroyed IS NULL
        AND created <= NEW.destroyed
        AND (NEW.created IS NULL OR created = NEW.created)
      ORDER BY created DESC LIMIT 1);
END;

CREATE TRIGGER IF NOT EXISTS netend_apply AFTER INSERT ON netend FOR EACH ROW
BEGIN
  UPDATE netinfo SET destroyed = NEW.destroyed
   WHERE endpointinfo = (
     SELECT endpointinfo FROM netinfo
      WHERE hostid = NEW.hostid AND pid = NEW.pid AND destroyed IS NULL
        AND transport = NEW.transport AND sourceip = NEW.sourceip
        AND sourceport = NEW.sourceport AND destip = NEW.destip
        AND destport = NEW.destport AND created <= NEW.destroyed
      ORDER BY created DESC LIMIT 1);
END;
