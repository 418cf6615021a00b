-- Suppression windows outlive the engine: an alert raised under a rule's suppress
-- keeps the values it folds matches by and when its window ends, so an engine that
-- restarts or takes over a shard folds new hits into it instead of raising a second alert.

CREATE TABLE IF NOT EXISTS alertwindows (
  alertid       BIGINT NOT NULL PRIMARY KEY,
  hostid        INT NOT NULL,
  suppresskey   TEXT NOT NULL,
  suppressuntil DATETIME(6) NOT NULL,
  KEY alertwindows_until (suppressuntil)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
