-- The removal of a device, appended like psend/netend and applied by the server
-- to the newest attached device of that host with the same bus and description.

CREATE TABLE IF NOT EXISTS hwend (
  hwendid   INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid    INTEGER NOT NULL,
  devbus    TEXT COLLATE RTRIM NOT NULL,
  devstring TEXT COLLATE RTRIM NOT NULL,
  destroyed TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS hwend_host_id ON hwend (hostid, hwendid);

CREATE TRIGGER IF NOT EXISTS hwend_apply AFTER INSERT ON hwend FOR EACH ROW
BEGIN
  UPDATE hwinfo SET destroyed = NEW.destroyed
   WHERE hwdevice = (
     SELECT hwdevice FROM hwinfo
      WHERE hostid = NEW.hostid AND destroyed IS NULL AND devbus = NEW.devbus
        AND devstring = NEW.devstring AND created <= NEW.destroyed
      ORDER BY created DESC LIMIT 1);
END;
