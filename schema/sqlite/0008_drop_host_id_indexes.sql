-- (hostid, id) indexes served no query: new rows are read by primary-key range,
-- and a host's time range by (hostid, created). Worse, planners picked them for
-- the engine's per-host window reads and walked a host's whole history.

DROP INDEX IF EXISTS psinfo_host_id;
DROP INDEX IF EXISTS netinfo_host_id;
DROP INDEX IF EXISTS fileinfo_host_id;
DROP INDEX IF EXISTS hwinfo_host_id;
