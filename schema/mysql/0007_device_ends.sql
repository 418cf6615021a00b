-- The removal of a device, appended like psend/netend and applied by the server
-- to the newest attached device of that host with the same bus and description.

CREATE TABLE IF NOT EXISTS hwend (
  hwendid   BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hostid    INT NOT NULL,
  devbus    VARCHAR(64) NOT NULL,
  devstring TEXT NOT NULL,
  destroyed DATETIME(6) NOT NULL,
  KEY hwend_host_id (hostid, hwendid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TRIGGER IF NOT EXISTS hwend_stamp_host BEFORE INSERT ON hwend FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);

CREATE TRIGGER IF NOT EXISTS hwend_apply AFTER INSERT ON hwend FOR EACH ROW
  UPDATE hwinfo SET destroyed = NEW.destroyed
   WHERE hostid = NEW.hostid AND destroyed IS NULL AND devbus = NEW.devbus
     AND devstring = NEW.devstring AND created <= NEW.destroyed
   ORDER BY created DESC LIMIT 1;
