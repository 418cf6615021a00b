-- Suppression windows outlive the engine: an alert raised under a rule's suppress
-- keeps the values it folds matches by and when its window ends, so an engine that
-- restarts or takes over a shard folds new hits into it instead of raising a second alert.

CREATE TABLE IF NOT EXISTS alertwindows (
  alertid       INTEGER NOT NULL PRIMARY KEY,
  hostid        INTEGER NOT NULL,
  suppresskey   TEXT NOT NULL,
  suppressuntil TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alertwindows_until ON alertwindows (suppressuntil);
