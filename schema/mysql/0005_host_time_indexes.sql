-- Per-host time ranges: the engine rebuilds a host's session from the facts
-- inside the rule set's window, and examiners ask "what did web01 do between".

CREATE INDEX IF NOT EXISTS psinfo_host_created ON psinfo (hostid, created);
CREATE INDEX IF NOT EXISTS netinfo_host_created ON netinfo (hostid, created);
CREATE INDEX IF NOT EXISTS fileinfo_host_created ON fileinfo (hostid, created);
CREATE INDEX IF NOT EXISTS hwinfo_host_created ON hwinfo (hostid, created);
