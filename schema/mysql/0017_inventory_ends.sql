-- Inventory rows (hostinfo, userinfo, groupinfo, netint, netroute) end like
-- processes and devices: the agent appends an invend row and the server sets
-- destroyed on the row it names. One end table serves the five tables: it names
-- the table, the row's item key (the columns that make it that item, joined by
-- tabs, as the agent computes it: see InventoryEnd) and the row's created.
-- An end without item key ends every open row of that table created before it:
-- an agent starting again reports the whole inventory anew, so what its last
-- run saw is closed at that moment.
--
-- The search goes through invopen, fenced per host exactly like psopen (0011),
-- so one host's ends never lock the range where another host inserts; the row
-- itself is then updated by primary key.

ALTER TABLE hostinfo  ADD COLUMN IF NOT EXISTS destroyed DATETIME(6) NULL;
ALTER TABLE userinfo  ADD COLUMN IF NOT EXISTS destroyed DATETIME(6) NULL;
ALTER TABLE groupinfo ADD COLUMN IF NOT EXISTS destroyed DATETIME(6) NULL;
ALTER TABLE netint    ADD COLUMN IF NOT EXISTS destroyed DATETIME(6) NULL;
ALTER TABLE netroute  ADD COLUMN IF NOT EXISTS destroyed DATETIME(6) NULL;

CREATE TABLE IF NOT EXISTS invend (
  invendid  BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hostid    INT NOT NULL,
  tablename VARCHAR(16) NOT NULL,
  itemkey   VARCHAR(255) NULL,
  created   DATETIME(6) NULL,
  destroyed DATETIME(6) NOT NULL,
  KEY invend_host_id (hostid, invendid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TRIGGER IF NOT EXISTS invend_stamp_host BEFORE INSERT ON invend FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);

CREATE TABLE IF NOT EXISTS invopen (
  hostid    INT NOT NULL,
  edge      TINYINT NOT NULL,
  tablename VARCHAR(16) NOT NULL,
  itemkey   VARCHAR(255) NOT NULL,
  created   DATETIME(6) NOT NULL,
  rowid     BIGINT NOT NULL,
  PRIMARY KEY (hostid, edge, tablename, itemkey, created, rowid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT IGNORE INTO invopen (hostid, edge, tablename, itemkey, created, rowid)
  SELECT hostid, edge.n, '', '', '1000-01-01', 0 FROM hosts, (SELECT 0 AS n UNION ALL SELECT 2) AS edge;

CREATE TRIGGER IF NOT EXISTS hosts_fence_open_inventory AFTER INSERT ON hosts FOR EACH ROW
  INSERT INTO invopen (hostid, edge, tablename, itemkey, created, rowid)
    VALUES (NEW.hostid, 0, '', '', '1000-01-01', 0), (NEW.hostid, 2, '', '', '1000-01-01', 0);

CREATE TRIGGER IF NOT EXISTS hostinfo_open AFTER INSERT ON hostinfo FOR EACH ROW
  INSERT INTO invopen (hostid, edge, tablename, itemkey, created, rowid)
    SELECT NEW.hostid, 1, 'hostinfo', LEFT(NEW.hostname, 255), NEW.created, NEW.hostinfoid
      FROM DUAL WHERE NEW.destroyed IS NULL;
CREATE TRIGGER IF NOT EXISTS userinfo_open AFTER INSERT ON userinfo FOR EACH ROW
  INSERT INTO invopen (hostid, edge, tablename, itemkey, created, rowid)
    SELECT NEW.hostid, 1, 'userinfo', LEFT(NEW.username, 255), NEW.created, NEW.userinfoid
      FROM DUAL WHERE NEW.destroyed IS NULL;
CREATE TRIGGER IF NOT EXISTS groupinfo_open AFTER INSERT ON groupinfo FOR EACH ROW
  INSERT INTO invopen (hostid, edge, tablename, itemkey, created, rowid)
    SELECT NEW.hostid, 1, 'groupinfo', LEFT(NEW.groupname, 255), NEW.created, NEW.groupinfoid
      FROM DUAL WHERE NEW.destroyed IS NULL;
CREATE TRIGGER IF NOT EXISTS netint_open AFTER INSERT ON netint FOR EACH ROW
  INSERT INTO invopen (hostid, edge, tablename, itemkey, created, rowid)
    SELECT NEW.hostid, 1, 'netint', LEFT(CONCAT_WS(CHAR(9), NEW.intname, NEW.ipversion, COALESCE(NEW.ip, '')), 255),
           NEW.created, NEW.netintid
      FROM DUAL WHERE NEW.destroyed IS NULL;
CREATE TRIGGER IF NOT EXISTS netroute_open AFTER INSERT ON netroute FOR EACH ROW
  INSERT INTO invopen (hostid, edge, tablename, itemkey, created, rowid)
    SELECT NEW.hostid, 1, 'netroute',
           LEFT(CONCAT_WS(CHAR(9), NEW.intname, NEW.ipversion, NEW.netip, NEW.routenetmask, COALESCE(NEW.defgw, '')), 255),
           NEW.created, NEW.netrouteid
      FROM DUAL WHERE NEW.destroyed IS NULL;

-- What is open now.
INSERT IGNORE INTO invopen (hostid, edge, tablename, itemkey, created, rowid)
  SELECT hostid, 1, 'hostinfo', LEFT(hostname, 255), created, hostinfoid FROM hostinfo WHERE destroyed IS NULL;
INSERT IGNORE INTO invopen (hostid, edge, tablename, itemkey, created, rowid)
  SELECT hostid, 1, 'userinfo', LEFT(username, 255), created, userinfoid FROM userinfo WHERE destroyed IS NULL;
INSERT IGNORE INTO invopen (hostid, edge, tablename, itemkey, created, rowid)
  SELECT hostid, 1, 'groupinfo', LEFT(groupname, 255), created, groupinfoid FROM groupinfo WHERE destroyed IS NULL;
INSERT IGNORE INTO invopen (hostid, edge, tablename, itemkey, created, rowid)
  SELECT hostid, 1, 'netint', LEFT(CONCAT_WS(CHAR(9), intname, ipversion, COALESCE(ip, '')), 255), created, netintid
    FROM netint WHERE destroyed IS NULL;
INSERT IGNORE INTO invopen (hostid, edge, tablename, itemkey, created, rowid)
  SELECT hostid, 1, 'netroute', LEFT(CONCAT_WS(CHAR(9), intname, ipversion, netip, routenetmask, COALESCE(defgw, '')), 255),
         created, netrouteid FROM netroute WHERE destroyed IS NULL;

-- The cursor reads without locking; the DELETE locks only inside the host's fence.
CREATE TRIGGER IF NOT EXISTS invend_apply AFTER INSERT ON invend FOR EACH ROW
BEGIN
  DECLARE done INT DEFAULT 0;
  DECLARE target BIGINT;
  DECLARE matches CURSOR FOR
    SELECT rowid FROM invopen
     WHERE hostid = NEW.hostid AND edge = 1 AND tablename = NEW.tablename
       AND (NEW.itemkey IS NULL OR itemkey = LEFT(NEW.itemkey, 255))
       AND (NEW.created IS NULL OR created = NEW.created)
       AND (created < NEW.destroyed OR (NEW.itemkey IS NOT NULL AND created = NEW.destroyed));
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = 1;
  OPEN matches;
  apply_ends: LOOP
    FETCH matches INTO target;
    IF done THEN LEAVE apply_ends; END IF;
    CASE NEW.tablename
      WHEN 'hostinfo' THEN UPDATE hostinfo SET destroyed = NEW.destroyed WHERE hostinfoid = target;
      WHEN 'userinfo' THEN UPDATE userinfo SET destroyed = NEW.destroyed WHERE userinfoid = target;
      WHEN 'groupinfo' THEN UPDATE groupinfo SET destroyed = NEW.destroyed WHERE groupinfoid = target;
      WHEN 'netint' THEN UPDATE netint SET destroyed = NEW.destroyed WHERE netintid = target;
      WHEN 'netroute' THEN UPDATE netroute SET destroyed = NEW.destroyed WHERE netrouteid = target;
      ELSE BEGIN END;
    END CASE;
  END LOOP;
  CLOSE matches;
  DELETE FROM invopen
   WHERE hostid = NEW.hostid AND edge = 1 AND tablename = NEW.tablename
     AND (NEW.itemkey IS NULL OR itemkey = LEFT(NEW.itemkey, 255))
     AND (NEW.created IS NULL OR created = NEW.created)
     AND (created < NEW.destroyed OR (NEW.itemkey IS NOT NULL AND created = NEW.destroyed));
END;
