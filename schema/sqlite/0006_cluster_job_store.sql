-- On MariaDB this migration creates the job store that clustered engines share.
-- A SQLite store serves one host and one engine, which schedules its jobs in
-- memory, so there is nothing to create here; the number stays in step with
-- schema/mysql. The statement below only keeps the script non-empty.

SELECT 1;
