-- End records must never make one host wait for another. Under REPEATABLE READ
-- (which a host account may always choose) the search in an end trigger is a
-- locking read: it takes next-key locks on the index entries it scans and on the
-- gap after them, and on psinfo (hostid, pid) the gap after a host's last entry
-- is where the next host inserts. One host's open transaction with ends made
-- every other host's INSERTs wait until ERROR 1205.
--
-- So ends search a table of still-open facts instead, where each registered host
-- owns a range fenced by two edge rows (edge 0 and 2; real rows have edge 1).
-- A scan inside (hostid, 1, ...) locks at most up to its own host's edges, and
-- nobody inserts outside a fence. The fact itself is then updated by primary
-- key, which locks that one row and no gap.

CREATE TABLE IF NOT EXISTS psopen (
  hostid   INT NOT NULL,
  edge     TINYINT NOT NULL,
  pid      INT NOT NULL,
  created  DATETIME(6) NOT NULL,
  psentity BIGINT NOT NULL,
  PRIMARY KEY (hostid, edge, pid, created, psentity)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS netopen (
  hostid       INT NOT NULL,
  edge         TINYINT NOT NULL,
  pid          INT NOT NULL,
  sourceport   INT NOT NULL,
  destport     INT NOT NULL,
  created      DATETIME(6) NOT NULL,
  endpointinfo BIGINT NOT NULL,
  transport    VARCHAR(16) NOT NULL,
  sourceip     VARCHAR(45) NOT NULL,
  destip       VARCHAR(45) NOT NULL,
  PRIMARY KEY (hostid, edge, pid, sourceport, destport, created, endpointinfo)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS hwopen (
  hostid    INT NOT NULL,
  edge      TINYINT NOT NULL,
  devbus    VARCHAR(64) NOT NULL,
  created   DATETIME(6) NOT NULL,
  hwdevice  BIGINT NOT NULL,
  devstring TEXT NOT NULL,
  PRIMARY KEY (hostid, edge, devbus, created, hwdevice)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The fences of every host, registered now or later.
INSERT IGNORE INTO psopen (hostid, edge, pid, created, psentity)
  SELECT hostid, edge.n, 0, '1000-01-01', 0 FROM hosts, (SELECT 0 AS n UNION ALL SELECT 2) AS edge;
INSERT IGNORE INTO netopen (hostid, edge, pid, sourceport, destport, created, endpointinfo, transport, sourceip, destip)
  SELECT hostid, edge.n, 0, 0, 0, '1000-01-01', 0, '', '', '' FROM hosts, (SELECT 0 AS n UNION ALL SELECT 2) AS edge;
INSERT IGNORE INTO hwopen (hostid, edge, devbus, created, hwdevice, devstring)
  SELECT hostid, edge.n, '', '1000-01-01', 0, '' FROM hosts, (SELECT 0 AS n UNION ALL SELECT 2) AS edge;

CREATE TRIGGER IF NOT EXISTS hosts_fence_open_facts AFTER INSERT ON hosts FOR EACH ROW
BEGIN
  INSERT INTO psopen (hostid, edge, pid, created, psentity)
    VALUES (NEW.hostid, 0, 0, '1000-01-01', 0), (NEW.hostid, 2, 0, '1000-01-01', 0);
  INSERT INTO netopen (hostid, edge, pid, sourceport, destport, created, endpointinfo, transport, sourceip, destip)
    VALUES (NEW.hostid, 0, 0, 0, 0, '1000-01-01', 0, '', '', ''), (NEW.hostid, 2, 0, 0, 0, '1000-01-01', 0, '', '', '');
  INSERT INTO hwopen (hostid, edge, devbus, created, hwdevice, devstring)
    VALUES (NEW.hostid, 0, '', '1000-01-01', 0, ''), (NEW.hostid, 2, '', '1000-01-01', 0, '');
END;

-- What is open now.
INSERT IGNORE INTO psopen (hostid, edge, pid, created, psentity)
  SELECT hostid, 1, pid, created, psentity FROM psinfo WHERE destroyed IS NULL;
INSERT IGNORE INTO netopen (hostid, edge, pid, sourceport, destport, created, endpointinfo, transport, sourceip, destip)
  SELECT hostid, 1, pid, sourceport, destport, created, endpointinfo, transport, sourceip, destip FROM netinfo WHERE destroyed IS NULL;
INSERT IGNORE INTO hwopen (hostid, edge, devbus, created, hwdevice, devstring)
  SELECT hostid, 1, devbus, created, hwdevice, devstring FROM hwinfo WHERE destroyed IS NULL;

-- Inserting a new fact takes no lock another host waits for: it lands inside its own fence.
CREATE TRIGGER IF NOT EXISTS psinfo_open AFTER INSERT ON psinfo FOR EACH ROW
  INSERT INTO psopen (hostid, edge, pid, created, psentity)
    SELECT NEW.hostid, 1, NEW.pid, NEW.created, NEW.psentity FROM DUAL WHERE NEW.destroyed IS NULL;
CREATE TRIGGER IF NOT EXISTS netinfo_open AFTER INSERT ON netinfo FOR EACH ROW
  INSERT INTO netopen (hostid, edge, pid, sourceport, destport, created, endpointinfo, transport, sourceip, destip)
    SELECT NEW.hostid, 1, NEW.pid, NEW.sourceport, NEW.destport, NEW.created, NEW.endpointinfo, NEW.transport, NEW.sourceip, NEW.destip
      FROM DUAL WHERE NEW.destroyed IS NULL;
CREATE TRIGGER IF NOT EXISTS hwinfo_open AFTER INSERT ON hwinfo FOR EACH ROW
  INSERT INTO hwopen (hostid, edge, devbus, created, hwdevice, devstring)
    SELECT NEW.hostid, 1, NEW.devbus, NEW.created, NEW.hwdevice, NEW.devstring FROM DUAL WHERE NEW.destroyed IS NULL;

-- Same matching as before (0003, 0007): the newest open instance started at or before the end.
DROP TRIGGER IF EXISTS psend_apply;
CREATE TRIGGER psend_apply AFTER INSERT ON psend FOR EACH ROW
BEGIN
  DECLARE target BIGINT DEFAULT NULL;
  DECLARE started DATETIME(6);
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET target = NULL;
  SELECT psentity, created INTO target, started FROM psopen
   WHERE hostid = NEW.hostid AND edge = 1 AND pid = NEW.pid AND created <= NEW.destroyed
     AND (NEW.created IS NULL OR created = NEW.created)
   ORDER BY created DESC, psentity DESC LIMIT 1;
  IF target IS NOT NULL THEN
    DELETE FROM psopen WHERE hostid = NEW.hostid AND edge = 1 AND pid = NEW.pid AND created = started AND psentity = target;
    UPDATE psinfo SET destroyed = NEW.destroyed WHERE psentity = target;
  END IF;
END;

DROP TRIGGER IF EXISTS netend_apply;
CREATE TRIGGER netend_apply AFTER INSERT ON netend FOR EACH ROW
BEGIN
  DECLARE target BIGINT DEFAULT NULL;
  DECLARE started DATETIME(6);
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET target = NULL;
  SELECT endpointinfo, created INTO target, started FROM netopen
   WHERE hostid = NEW.hostid AND edge = 1 AND pid = NEW.pid AND sourceport = NEW.sourceport
     AND destport = NEW.destport AND transport = NEW.transport AND sourceip = NEW.sourceip
     AND destip = NEW.destip AND created <= NEW.destroyed
   ORDER BY created DESC, endpointinfo DESC LIMIT 1;
  IF target IS NOT NULL THEN
    DELETE FROM netopen WHERE hostid = NEW.hostid AND edge = 1 AND pid = NEW.pid AND sourceport = NEW.sourceport
       AND destport = NEW.destport AND created = started AND endpointinfo = target;
    UPDATE netinfo SET destroyed = NEW.destroyed WHERE endpointinfo = target;
  END IF;
END;

DROP TRIGGER IF EXISTS hwend_apply;
CREATE TRIGGER hwend_apply AFTER INSERT ON hwend FOR EACH ROW
BEGIN
  DECLARE target BIGINT DEFAULT NULL;
  DECLARE started DATETIME(6);
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET target = NULL;
  SELECT hwdevice, created INTO target, started FROM hwopen
   WHERE hostid = NEW.hostid AND edge = 1 AND devbus = NEW.devbus AND devstring = NEW.devstring
     AND created <= NEW.destroyed
   ORDER BY created DESC, hwdevice DESC LIMIT 1;
  IF target IS NOT NULL THEN
    DELETE FROM hwopen WHERE hostid = NEW.hostid AND edge = 1 AND devbus = NEW.devbus AND created = started AND hwdevice = target;
    UPDATE hwinfo SET destroyed = NEW.destroyed WHERE hwdevice = target;
  END IF;
END;
