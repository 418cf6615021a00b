-- Engine state: alerts with their evidence, the delivery outbox, watermarks.

CREATE TABLE IF NOT EXISTS alerts (
  alertid    BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  alertkey   CHAR(64) NOT NULL,
  ruleid     VARCHAR(128) NOT NULL,
  severity   VARCHAR(16) NOT NULL,
  hostid     INT NOT NULL,
  firstseen  DATETIME(6) NOT NULL,
  lastseen   DATETIME(6) NOT NULL,
  hitcount   INT NOT NULL DEFAULT 1,
  message    TEXT NOT NULL,
  tags       TEXT NOT NULL,
  UNIQUE KEY alerts_alertkey (alertkey),
  KEY alerts_host_seen (hostid, lastseen),
  KEY alerts_rule (ruleid),
  KEY alerts_lastseen (lastseen)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS alertevidence (
  alertid    BIGINT NOT NULL,
  facttable  VARCHAR(32) NOT NULL,
  factid     BIGINT NOT NULL,
  PRIMARY KEY (alertid, facttable, factid),
  KEY alertevidence_fact (facttable, factid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS alertoutbox (
  outboxid    BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  alertid     BIGINT NOT NULL,
  channel     VARCHAR(64) NOT NULL,
  status      VARCHAR(16) NOT NULL DEFAULT 'pending',
  attempts    INT NOT NULL DEFAULT 0,
  nextattempt DATETIME(6) NOT NULL,
  lasterror   TEXT NULL,
  UNIQUE KEY alertoutbox_alert_channel (alertid, channel),
  KEY alertoutbox_due (status, nextattempt)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS watermarks (
  consumer   VARCHAR(64) NOT NULL,
  facttable  VARCHAR(32) NOT NULL,
  lastid     BIGINT NOT NULL,
  updated    DATETIME(6) NOT NULL,
  PRIMARY KEY (consumer, facttable)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
