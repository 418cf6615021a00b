-- Nothing to do on SQLite: the embedded store has one writer, its own agent,
-- and no host accounts. The MariaDB migration of this number bounds the rows a
-- host account adds in one statement and merges its BEFORE INSERT triggers.
SELECT 1;
