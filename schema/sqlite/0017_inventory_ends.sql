-- Inventory rows end like processes and devices; see the MariaDB script of the
-- same number. SQLite writers take turns, so no fence is needed: the end's
-- trigger updates the open rows of the table it names directly.

ALTER TABLE hostinfo ADD COLUMN destroyed TEXT NULL;
ALTER TABLE userinfo ADD COLUMN destroyed TEXT NULL;
ALTER TABLE groupinfo ADD COLUMN destroyed TEXT NULL;
ALTER TABLE netint ADD COLUMN destroyed TEXT NULL;
ALTER TABLE netroute ADD COLUMN destroyed TEXT NULL;

CREATE TABLE IF NOT EXISTS invend (
  invendid  INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid    INTEGER NOT NULL,
  tablename TEXT COLLATE RTRIM NOT NULL,
  itemkey   TEXT COLLATE RTRIM NULL,
  created   TEXT NULL,
  destroyed TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS invend_host_id ON invend (hostid, invendid);

CREATE TRIGGER IF NOT EXISTS invend_apply AFTER INSERT ON invend FOR EACH ROW
BEGIN
  UPDATE hostinfo SET destroyed = NEW.destroyed
   WHERE NEW.tablename = 'hostinfo' AND hostid = NEW.hostid AND destroyed IS NULL
     AND (NEW.itemkey IS NULL OR substr(hostname, 1, 255) = substr(NEW.itemkey, 1, 255))
     AND (NEW.created IS NULL OR created = NEW.created)
     AND (created < NEW.destroyed OR (NEW.itemkey IS NOT NULL AND created = NEW.destroyed));
  UPDATE userinfo SET destroyed = NEW.destroyed
   WHERE NEW.tablename = 'userinfo' AND hostid = NEW.hostid AND destroyed IS NULL
     AND (NEW.itemkey IS NULL OR substr(username, 1, 255) = substr(NEW.itemkey, 1, 255))
     AND (NEW.created IS NULL OR created = NEW.created)
     AND (created < NEW.destroyed OR (NEW.itemkey IS NOT NULL AND created = NEW.destroyed));
  UPDATE groupinfo SET destroyed = NEW.destroyed
   WHERE NEW.tablename = 'groupinfo' AND hostid = NEW.hostid AND destroyed IS NULL
     AND (NEW.itemkey IS NULL OR substr(groupname, 1, 255) = substr(NEW.itemkey, 1, 255))
     AND (NEW.created IS NULL OR created = NEW.created)
     AND (created < NEW.destroyed OR (NEW.itemkey IS NOT NULL AND created = NEW.destroyed));
  UPDATE netint SET destroyed = NEW.destroyed
   WHERE NEW.tablename = 'netint' AND hostid = NEW.hostid AND destroyed IS NULL
     AND (NEW.itemkey IS NULL
          OR substr(intname || char(9) || ipversion || char(9) || ifnull(ip, ''), 1, 255) = substr(NEW.itemkey, 1, 255))
     AND (NEW.created IS NULL OR created = NEW.created)
     AND (created < NEW.destroyed OR (NEW.itemkey IS NOT NULL AND created = NEW.destroyed));
  UPDATE netroute SET destroyed = NEW.destroyed
   WHERE NEW.tablename = 'netroute' AND hostid = NEW.hostid AND destroyed IS NULL
     AND (NEW.itemkey IS NULL
          OR substr(intname || char(9) || ipversion || char(9) || netip || char(9) || routenetmask || char(9) || ifnull(defgw, ''), 1, 255)
             = substr(NEW.itemkey, 1, 255))
     AND (NEW.created IS NULL OR created = NEW.created)
     AND (created < NEW.destroyed OR (NEW.itemkey IS NOT NULL AND created = NEW.destroyed));
END;
