-- Nothing to do on SQLite: the embedded store has no host accounts. The MariaDB
-- migration of this number keys the per-statement row count by account, so one
-- UPDATE per row both counts it and yields the account's hostid.
SELECT 1;
