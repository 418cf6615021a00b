-- Limits a host account cannot lift. Host names are one name whatever their
-- case (web01 and WEB01 are the same machine). Text columns without a bound of
-- their own are cut by the server to a length that real values stay below (a
-- path is at most 4096 bytes on Linux), with a visible marker saying how much
-- was cut: a 15 MB argv from one host must not fill the store, and the row
-- itself (who ran what, when) is kept rather than refused. VARCHAR columns are
-- bounded by their type (strict mode refuses longer values).

ALTER TABLE hosts
  ADD COLUMN IF NOT EXISTS hostkey VARCHAR(255) AS (LOWER(hostname)) PERSISTENT,
  ADD UNIQUE KEY IF NOT EXISTS hosts_hostkey (hostkey);

CREATE FUNCTION IF NOT EXISTS luarm_cut(value MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, cap INT)
  RETURNS MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DETERMINISTIC
  RETURN IF(CHAR_LENGTH(value) > cap, CONCAT(LEFT(value, cap), ' [luarm: cut ', CHAR_LENGTH(value) - cap, ' characters]'), value);

CREATE TRIGGER IF NOT EXISTS psinfo_cut BEFORE INSERT ON psinfo FOR EACH ROW
  SET NEW.command = luarm_cut(NEW.command, 4096), NEW.arguments = luarm_cut(NEW.arguments, 65536),
      NEW.cwd = luarm_cut(NEW.cwd, 4096), NEW.exe = luarm_cut(NEW.exe, 4096);
CREATE TRIGGER IF NOT EXISTS fileinfo_cut BEFORE INSERT ON fileinfo FOR EACH ROW
  SET NEW.command = luarm_cut(NEW.command, 4096);
-- A device end matches its device by devstring, so both are cut alike.
CREATE TRIGGER IF NOT EXISTS hwinfo_cut BEFORE INSERT ON hwinfo FOR EACH ROW
  SET NEW.devstring = luarm_cut(NEW.devstring, 4096), NEW.userslogged = luarm_cut(NEW.userslogged, 4096);
CREATE TRIGGER IF NOT EXISTS hwend_cut BEFORE INSERT ON hwend FOR EACH ROW
  SET NEW.devstring = luarm_cut(NEW.devstring, 4096);
CREATE TRIGGER IF NOT EXISTS userinfo_cut BEFORE INSERT ON userinfo FOR EACH ROW
  SET NEW.homedir = luarm_cut(NEW.homedir, 4096);
CREATE TRIGGER IF NOT EXISTS groupinfo_cut BEFORE INSERT ON groupinfo FOR EACH ROW
  SET NEW.members = luarm_cut(NEW.members, 65536);
