-- Loss is never silent (see schema/mysql/0014_agent_loss.sql): events a kernel
-- source dropped, counted since the agent's previous row for that source.

CREATE TABLE IF NOT EXISTS agentloss (
  agentlossid INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid      INTEGER NOT NULL,
  source      TEXT NOT NULL,
  lost        INTEGER NOT NULL,
  created     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS agentloss_host_created ON agentloss (hostid, created);
