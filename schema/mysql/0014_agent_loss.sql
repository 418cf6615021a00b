-- Loss is never silent (issue 9): when a kernel source drops events (the audit
-- lost counter, a full netlink or fanotify queue), the agent appends how many
-- were lost since its previous row for that source. hostid is stamped by the
-- server from the agent's account, as for facts.

CREATE TABLE IF NOT EXISTS agentloss (
  agentlossid BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hostid      INT NOT NULL,
  source      VARCHAR(32) NOT NULL,
  lost        BIGINT NOT NULL,
  created     DATETIME(6) NOT NULL,
  KEY agentloss_host_created (hostid, created)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

CREATE TRIGGER IF NOT EXISTS agentloss_stamp_host BEFORE INSERT ON agentloss FOR EACH ROW
  SET NEW.hostid = luarm_account_hostid(NEW.hostid);
