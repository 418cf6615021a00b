-- One statement per row instead of two for what a host account adds. Since 0016
-- every row a host account adds ran a SELECT on hosts (which host is this
-- account?) and an UPDATE of statement_rows (the 50,000-rows bound), about
-- 13 and 8 µs. Now the counter row is keyed by the account and carries the
-- account's hostid, so one UPDATE by primary key both counts the row and yields
-- the hostid. The counter rows follow hosts by trigger: an account that is
-- removed (account set to NULL) or never registered has none and is refused,
-- and `luarm host add/remove` need not know the table.
--
-- The UPDATE hands the hostid out through LAST_INSERT_ID(hostid), the only way
-- a MariaDB UPDATE returns a value besides a user variable. A host sets either
-- freely, even per row inside its own INSERT ... SELECT, but LAST_INSERT_ID is
-- restored when a stored function ends, so the host neither sees the hostid nor
-- leaves a value behind for the function: the function reads it only when
-- ROW_COUNT() says the UPDATE matched this account's row (and a matched row
-- always changes, as n or started does, so the count is 1 whether or not the
-- client asked for found rows). No statement of the host runs between the write
-- and the read. A user variable would have leaked the hostid to the host and
-- made the migrator let "@name" through to the server.
--
-- The count itself is kept as in 0016: NOW(6) and the connection id name the
-- statement, and the row stays locked by the host's transaction, so another
-- connection of the same host waits and cannot reset it. Each host locks only
-- its own row by primary key: no gap is locked across hosts.

CREATE TABLE IF NOT EXISTS account_statement_rows (
  account    VARCHAR(80) NOT NULL PRIMARY KEY,
  hostid     INT NOT NULL,
  connection BIGINT UNSIGNED NOT NULL,
  started    DATETIME(6) NOT NULL,
  n          INT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Triggers first, then the copy: a host added while this runs is not missed.
CREATE TRIGGER IF NOT EXISTS hosts_account_rows_insert AFTER INSERT ON hosts FOR EACH ROW
  INSERT INTO account_statement_rows (account, hostid, connection, started, n)
    SELECT NEW.account, NEW.hostid, 0, '1000-01-01', 0 FROM DUAL WHERE NEW.account IS NOT NULL AND NEW.removed IS NULL;

CREATE TRIGGER IF NOT EXISTS hosts_account_rows_update AFTER UPDATE ON hosts FOR EACH ROW
BEGIN
  DELETE FROM account_statement_rows WHERE account = OLD.account;
  INSERT INTO account_statement_rows (account, hostid, connection, started, n)
    SELECT NEW.account, NEW.hostid, 0, '1000-01-01', 0 FROM DUAL WHERE NEW.account IS NOT NULL AND NEW.removed IS NULL;
END;

CREATE TRIGGER IF NOT EXISTS hosts_account_rows_delete AFTER DELETE ON hosts FOR EACH ROW
  DELETE FROM account_statement_rows WHERE account = OLD.account;

INSERT IGNORE INTO account_statement_rows (account, hostid, connection, started, n)
  SELECT account, hostid, 0, '1000-01-01', 0 FROM hosts WHERE account IS NOT NULL AND removed IS NULL;

-- Replaced in place: every stamping trigger (0003, 0007, 0016, 0017) calls it,
-- and none is ever without it.
CREATE OR REPLACE FUNCTION luarm_account_hostid(fallback INT) RETURNS INT
  MODIFIES SQL DATA
BEGIN
  DECLARE account_name VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT SUBSTRING_INDEX(USER(), '@', 1);
  IF account_name NOT LIKE 'luarmh\_%' THEN
    RETURN fallback;
  END IF;
  UPDATE account_statement_rows
     SET n = IF(connection = CONNECTION_ID() AND started = NOW(6), n + 1, 1),
         connection = CONNECTION_ID(), started = NOW(6), hostid = LAST_INSERT_ID(hostid)
   WHERE account = account_name AND NOT (connection = CONNECTION_ID() AND started = NOW(6) AND n >= 50000);
  IF ROW_COUNT() = 0 THEN
    -- Only a refused row pays for telling the two refusals apart.
    IF EXISTS (SELECT 1 FROM account_statement_rows WHERE account = account_name) THEN
      SIGNAL SQLSTATE '22003' SET MESSAGE_TEXT = 'luarm: a host account adds at most 50000 rows in one statement';
    END IF;
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'luarm: this account is not a registered host';
  END IF;
  RETURN LAST_INSERT_ID();
END;

DROP TRIGGER IF EXISTS hosts_count_statement_rows;
DROP TABLE IF EXISTS statement_rows;
