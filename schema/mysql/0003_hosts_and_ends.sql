-- Registered hosts, their database accounts, and append-only end records.
-- A host account may only INSERT. The server stamps `hostid` from the account
-- (USER()), so a forged hostid is overwritten; an account that looks like a host
-- account but is not registered is refused. End records are applied by a
-- trigger, so ends of processes and endpoints need no UPDATE grant.

CREATE TABLE IF NOT EXISTS hosts (
  hostid    INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hostname  VARCHAR(255) NOT NULL,
  account   VARCHAR(80) NULL,
  added     DATETIME(6) NOT NULL,
  removed   DATETIME(6) NULL,
  UNIQUE KEY hosts_hostname (hostname),
  UNIQUE KEY hosts_account (account)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS psend (
  psendid   BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hostid    INT NOT NULL,
  pid       INT NOT NULL,
  created   DATETIME(6) NULL,
  destroyed DATETIME(6) NOT NULL,
  KEY psend_host_id (hostid, psendid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS netend (
  netendid   BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hostid     INT NOT NULL,
  pid        INT NOT NULL,
  transport  VARCHAR(16) NOT NULL,
  sourceip   VARCHAR(45) NOT NULL,
  sourceport INT NOT NULL,
  destip     VARCHAR(45) NOT NULL,
  destport   INT NOT NULL,
  destroyed  DATETIME(6) NOT NULL,
  KEY netend_host_id (hostid, netendid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE FUNCTION IF NOT EXISTS luarm_account_hostid(fallback INT) RETURNS INT
  READS SQL DATA
BEGIN
  DECLARE account_name VARCHAR(80) DEFAULT SUBSTRING_INDEX(USER(), '@', 1);
  DECLARE found INT DEFAULT NULL;
  IF account_name NOT LIKE 'luarmh\_%' THEN
    RETURN fallback;
  END IF;
  SELECT hostid INTO found FROM hosts WHERE account = account_name AND removed IS NULL;
  IF found IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'luarm: this account is not a registered host';
  END IF;
  RETURN found;
END;

CREATE TRIGGER IF NOT EXISTS psinfo_stamp_host BEFORE INSERT ON psinfo FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);
CREATE TRIGGER IF NOT EXISTS netinfo_stamp_host BEFORE INSERT ON netinfo FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);
CREATE TRIGGER IF NOT EXISTS fileinfo_stamp_host BEFORE INSERT ON fileinfo FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);
CREATE TRIGGER IF NOT EXISTS hwinfo_stamp_host BEFORE INSERT ON hwinfo FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);
CREATE TRIGGER IF NOT EXISTS hostinfo_stamp_host BEFORE INSERT ON hostinfo FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);
CREATE TRIGGER IF NOT EXISTS userinfo_stamp_host BEFORE INSERT ON userinfo FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);
CREATE TRIGGER IF NOT EXISTS groupinfo_stamp_host BEFORE INSERT ON groupinfo FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);
CREATE TRIGGER IF NOT EXISTS netint_stamp_host BEFORE INSERT ON netint FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);
CREATE TRIGGER IF NOT EXISTS netroute_stamp_host BEFORE INSERT ON netroute FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);
CREATE TRIGGER IF NOT EXISTS psend_stamp_host BEFORE INSERT ON psend FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);
CREATE TRIGGER IF NOT EXISTS netend_stamp_host BEFORE INSERT ON netend FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);

-- The end of a process: the newest still-running instance of that pid on that
-- host started at or before the end (pids are reused), or exactly `created`
-- when the agent knows the start time.
CREATE TRIGGER IF NOT EXISTS psend_apply AFTER INSERT ON psend FOR EACH ROW
  UPDATE psinfo SET destroyed = NEW.destroyed
   WHERE hostid = NEW.hostid AND pid = NEW.pid AND destroyed IS NULL
     AND created <= NEW.destroyed
     AND (NEW.created IS NULL OR created = NEW.created)
   ORDER BY created DESC LIMIT 1;

CREATE TRIGGER IF NOT EXISTS netend_apply AFTER INSERT ON netend FOR EACH ROW
  UPDATE netinfo SET destroyed = NEW.destroyed
   WHERE hostid = NEW.hostid AND pid = NEW.pid AND destroyed IS NULL
     AND transport = NEW.transport AND sourceip = NEW.sourceip
     AND sourceport = NEW.sourceport AND destip = NEW.destip
     AND destport = NEW.destport AND created <= NEW.destroyed
   ORDER BY created DESC LIMIT 1;
