-- A host account adds at most 50,000 rows in one statement. Without a bound, one
-- 200-byte INSERT ... SELECT over a cross join or a recursive CTE adds a million
-- rows. The agent sends at most 1,000 rows per statement (MySqlBulkInsert), so
-- the bound never refuses an agent's chunk.
--
-- The count lives in statement_rows, one row per host, which host accounts have
-- no grant on. NOW(6) is the statement's start, the same in every trigger a
-- statement fires, so (connection, started) names the statement. The host's row
-- stays locked by its transaction: another connection of the same host waits and
-- cannot reset the count meanwhile. User variables are not used: a host sets them
-- freely, even per row inside its own INSERT ... SELECT.
--
-- The BEFORE INSERT triggers of 0003/0007 (stamp the host) and 0012 (cut long
-- text) are merged into one per table, and the cut is a plain comparison that
-- calls luarm_cut only for a value over its cap: a trigger and a stored
-- function call per row and column cost more than the row's insert.

CREATE TABLE IF NOT EXISTS statement_rows (
  hostid     INT NOT NULL PRIMARY KEY,
  connection BIGINT UNSIGNED NOT NULL,
  started    DATETIME(6) NOT NULL,
  n          INT NOT NULL
) ENGINE=InnoDB;

INSERT IGNORE INTO statement_rows (hostid, connection, started, n)
  SELECT hostid, 0, '1000-01-01', 0 FROM hosts;

CREATE TRIGGER IF NOT EXISTS hosts_count_statement_rows AFTER INSERT ON hosts FOR EACH ROW
  INSERT INTO statement_rows (hostid, connection, started, n) VALUES (NEW.hostid, 0, '1000-01-01', 0);

-- As in 0003, and each row a host account adds is counted; a host without its
-- statement_rows row is refused too (it never matches the UPDATE).
DROP FUNCTION IF EXISTS luarm_account_hostid;
CREATE FUNCTION luarm_account_hostid(fallback INT) RETURNS INT
  MODIFIES SQL DATA
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
  UPDATE statement_rows
     SET n = IF(connection = CONNECTION_ID() AND started = NOW(6), n + 1, 1),
         connection = CONNECTION_ID(), started = NOW(6)
   WHERE hostid = found AND NOT (connection = CONNECTION_ID() AND started = NOW(6) AND n >= 50000);
  IF ROW_COUNT() = 0 THEN
    SIGNAL SQLSTATE '22003' SET MESSAGE_TEXT = 'luarm: a host account adds at most 50000 rows in one statement';
  END IF;
  RETURN found;
END;

-- One BEFORE INSERT trigger per table. Each new one is created before the old
-- ones are dropped, so no row goes in unstamped while this runs.
CREATE TRIGGER IF NOT EXISTS psinfo_before_insert BEFORE INSERT ON psinfo FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid),
      NEW.command = IF(CHAR_LENGTH(NEW.command) > 4096, luarm_cut(NEW.command, 4096), NEW.command),
      NEW.arguments = IF(CHAR_LENGTH(NEW.arguments) > 65536, luarm_cut(NEW.arguments, 65536), NEW.arguments),
      NEW.cwd = IF(CHAR_LENGTH(NEW.cwd) > 4096, luarm_cut(NEW.cwd, 4096), NEW.cwd),
      NEW.exe = IF(CHAR_LENGTH(NEW.exe) > 4096, luarm_cut(NEW.exe, 4096), NEW.exe);
DROP TRIGGER IF EXISTS psinfo_stamp_host;
DROP TRIGGER IF EXISTS psinfo_cut;

CREATE TRIGGER IF NOT EXISTS fileinfo_before_insert BEFORE INSERT ON fileinfo FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid),
      NEW.command = IF(CHAR_LENGTH(NEW.command) > 4096, luarm_cut(NEW.command, 4096), NEW.command);
DROP TRIGGER IF EXISTS fileinfo_stamp_host;
DROP TRIGGER IF EXISTS fileinfo_cut;

CREATE TRIGGER IF NOT EXISTS hwinfo_before_insert BEFORE INSERT ON hwinfo FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid),
      NEW.devstring = IF(CHAR_LENGTH(NEW.devstring) > 4096, luarm_cut(NEW.devstring, 4096), NEW.devstring),
      NEW.userslogged = IF(CHAR_LENGTH(NEW.userslogged) > 4096, luarm_cut(NEW.userslogged, 4096), NEW.userslogged);
DROP TRIGGER IF EXISTS hwinfo_stamp_host;
DROP TRIGGER IF EXISTS hwinfo_cut;

CREATE TRIGGER IF NOT EXISTS hwend_before_insert BEFORE INSERT ON hwend FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid),
      NEW.devstring = IF(CHAR_LENGTH(NEW.devstring) > 4096, luarm_cut(NEW.devstring, 4096), NEW.devstring);
DROP TRIGGER IF EXISTS hwend_stamp_host;
DROP TRIGGER IF EXISTS hwend_cut;

CREATE TRIGGER IF NOT EXISTS userinfo_before_insert BEFORE INSERT ON userinfo FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid),
      NEW.homedir = IF(CHAR_LENGTH(NEW.homedir) > 4096, luarm_cut(NEW.homedir, 4096), NEW.homedir);
DROP TRIGGER IF EXISTS userinfo_stamp_host;
DROP TRIGGER IF EXISTS userinfo_cut;

CREATE TRIGGER IF NOT EXISTS groupinfo_before_insert BEFORE INSERT ON groupinfo FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid),
      NEW.members = IF(CHAR_LENGTH(NEW.members) > 65536, luarm_cut(NEW.members, 65536), NEW.members);
DROP TRIGGER IF EXISTS groupinfo_stamp_host;
DROP TRIGGER IF EXISTS groupinfo_cut;
