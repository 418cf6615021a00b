-- Login sessions (issue 9): who logged in, on which terminal, from where, and
-- when the session ended. sessionid is the kernel's audit session of the login
-- process when known (NULL otherwise), the same number psinfo/netinfo/fileinfo
-- carry, so a process joins to its login. pid is the session leader (the login
-- process utmp names). Lengths follow utmp: ut_user and ut_line hold 32 bytes,
-- ut_host 256.
-- The end of a session is a loginend row, applied by the server like psend
-- (0011): it searches a fenced table of open logins so hosts never wait on
-- each other's locks.

CREATE TABLE IF NOT EXISTS logins (
  loginid    BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hostid     INT NOT NULL,
  username   VARCHAR(255) NOT NULL,
  uid        INT NULL,
  tty        VARCHAR(64) NOT NULL,
  remotehost VARCHAR(256) NULL,
  sessionid  BIGINT NULL,
  pid        INT NOT NULL,
  created    DATETIME(6) NOT NULL,
  destroyed  DATETIME(6) NULL,
  cyear  SMALLINT AS (YEAR(created)) VIRTUAL,
  cmonth TINYINT  AS (MONTH(created)) VIRTUAL,
  cday   TINYINT  AS (DAYOFMONTH(created)) VIRTUAL,
  chour  TINYINT  AS (HOUR(created)) VIRTUAL,
  cmin   TINYINT  AS (MINUTE(created)) VIRTUAL,
  csec   TINYINT  AS (SECOND(created)) VIRTUAL,
  dyear  SMALLINT AS (YEAR(destroyed)) VIRTUAL,
  dmonth TINYINT  AS (MONTH(destroyed)) VIRTUAL,
  dday   TINYINT  AS (DAYOFMONTH(destroyed)) VIRTUAL,
  dhour  TINYINT  AS (HOUR(destroyed)) VIRTUAL,
  dmin   TINYINT  AS (MINUTE(destroyed)) VIRTUAL,
  dsec   TINYINT  AS (SECOND(destroyed)) VIRTUAL,
  KEY logins_created (created),
  KEY logins_sessionid (sessionid),
  KEY logins_host_id (hostid, loginid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS loginend (
  loginendid BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hostid     INT NOT NULL,
  pid        INT NOT NULL,
  tty        VARCHAR(64) NOT NULL,
  created    DATETIME(6) NULL,
  destroyed  DATETIME(6) NOT NULL,
  KEY loginend_host_id (hostid, loginendid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TRIGGER IF NOT EXISTS logins_stamp_host BEFORE INSERT ON logins FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);
CREATE TRIGGER IF NOT EXISTS loginend_stamp_host BEFORE INSERT ON loginend FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);

CREATE TABLE IF NOT EXISTS loginopen (
  hostid  INT NOT NULL,
  edge    TINYINT NOT NULL,
  pid     INT NOT NULL,
  tty     VARCHAR(64) NOT NULL,
  created DATETIME(6) NOT NULL,
  loginid BIGINT NOT NULL,
  PRIMARY KEY (hostid, edge, pid, tty, created, loginid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT IGNORE INTO loginopen (hostid, edge, pid, tty, created, loginid)
  SELECT hostid, edge.n, 0, '', '1000-01-01', 0 FROM hosts, (SELECT 0 AS n UNION ALL SELECT 2) AS edge;

CREATE TRIGGER IF NOT EXISTS hosts_fence_open_logins AFTER INSERT ON hosts FOR EACH ROW
  INSERT INTO loginopen (hostid, edge, pid, tty, created, loginid)
    VALUES (NEW.hostid, 0, 0, '', '1000-01-01', 0), (NEW.hostid, 2, 0, '', '1000-01-01', 0);

INSERT IGNORE INTO loginopen (hostid, edge, pid, tty, created, loginid)
  SELECT hostid, 1, pid, tty, created, loginid FROM logins WHERE destroyed IS NULL;

CREATE TRIGGER IF NOT EXISTS logins_open AFTER INSERT ON logins FOR EACH ROW
  INSERT INTO loginopen (hostid, edge, pid, tty, created, loginid)
    SELECT NEW.hostid, 1, NEW.pid, NEW.tty, NEW.created, NEW.loginid FROM DUAL WHERE NEW.destroyed IS NULL;

-- The newest open session of that leader on that terminal started at or before the end.
CREATE TRIGGER IF NOT EXISTS loginend_apply AFTER INSERT ON loginend FOR EACH ROW
BEGIN
  DECLARE target BIGINT DEFAULT NULL;
  DECLARE started DATETIME(6);
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET target = NULL;
  SELECT loginid, created INTO target, started FROM loginopen
   WHERE hostid = NEW.hostid AND edge = 1 AND pid = NEW.pid AND tty = NEW.tty AND created <= NEW.destroyed
     AND (NEW.created IS NULL OR created = NEW.created)
   ORDER BY created DESC, loginid DESC LIMIT 1;
  IF target IS NOT NULL THEN
    DELETE FROM loginopen WHERE hostid = NEW.hostid AND edge = 1 AND pid = NEW.pid AND tty = NEW.tty
       AND created = started AND loginid = target;
    UPDATE logins SET destroyed = NEW.destroyed WHERE loginid = target;
  END IF;
END;
