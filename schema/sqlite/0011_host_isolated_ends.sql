-- Nothing to do on SQLite: its writers take turns (one write transaction at a
-- time), so ends cannot make one host wait on another's row locks. The MariaDB
-- migration of the same number fences each host's open facts.
SELECT 1;
