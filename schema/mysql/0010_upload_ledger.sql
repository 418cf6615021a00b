-- Idempotent appends. Every chunk an agent appends carries a batch id (its agent
-- instance, a sequence, and the part of the chunk when a refused row split it),
-- recorded here in the same transaction as the chunk's rows. A chunk retried after
-- its COMMIT went through but the acknowledgement was lost hits the unique key, and
-- the agent knows its rows are already stored. hostid is stamped by the server as
-- for facts, so one host cannot claim another's batch ids.

CREATE TABLE IF NOT EXISTS uploads (
  uploadid BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hostid   INT NOT NULL,
  agent    VARCHAR(32) NOT NULL,
  batch    BIGINT NOT NULL,
  part     VARCHAR(64) NOT NULL,
  rowcount INT NOT NULL,
  uploaded DATETIME(6) NOT NULL,
  UNIQUE KEY uploads_batch (hostid, agent, batch, part)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

CREATE TRIGGER IF NOT EXISTS uploads_stamp_host BEFORE INSERT ON uploads FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);
