-- Engine state: alerts with their evidence, the delivery outbox, watermarks.

CREATE TABLE IF NOT EXISTS alerts (
  alertid    INTEGER PRIMARY KEY AUTOINCREMENT,
  alertkey   TEXT COLLATE RTRIM NOT NULL,
  ruleid     TEXT COLLATE RTRIM NOT NULL,
  severity   TEXT COLLATE RTRIM NOT NULL,
  hostid     INTEGER NOT NULL,
  firstseen  TEXT NOT NULL,
  lastseen   TEXT NOT NULL,
  hitcount   INTEGER NOT NULL DEFAULT 1,
  message    TEXT COLLATE RTRIM NOT NULL,
  tags       TEXT COLLATE RTRIM NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS alerts_alertkey ON alerts (alertkey);
CREATE INDEX IF NOT EXISTS alerts_host_seen ON alerts (hostid, lastseen);
CREATE INDEX IF NOT EXISTS alerts_rule ON alerts (ruleid);
CREATE INDEX IF NOT EXISTS alerts_lastseen ON alerts (lastseen);

CREATE TABLE IF NOT EXISTS alertevidence (
  alertid    INTEGER NOT NULL,
  facttable  TEXT COLLATE RTRIM NOT NULL,
  factid     INTEGER NOT NULL,
  PRIMARY KEY (alertid, facttable, factid)
);
CREATE INDEX IF NOT EXISTS alertevidence_fact ON alertevidence (facttable, factid);

CREATE TABLE IF NOT EXISTS alertoutbox (
  outboxid    INTEGER PRIMARY KEY AUTOINCREMENT,
  alertid     INTEGER NOT NULL,
  channel     TEXT COLLATE RTRIM NOT NULL,
  status      TEXT COLLATE RTRIM NOT NULL DEFAULT 'pending',
  attempts    INTEGER NOT NULL DEFAULT 0,
  nextattempt TEXT NOT NULL,
  lasterror   TEXT COLLATE RTRIM NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS alertoutbox_alert_channel ON alertoutbox (alertid, channel);
CREATE INDEX IF NOT EXISTS alertoutbox_due ON alertoutbox (status, nextattempt);

CREATE TABLE IF NOT EXISTS watermarks (
  consumer   TEXT COLLATE RTRIM NOT NULL,
  facttable  TEXT COLLATE RTRIM NOT NULL,
  lastid     INTEGER NOT NULL,
  updated    TEXT NOT NULL,
  PRIMARY KEY (consumer, facttable)
);
