-- Host names are one name whatever their case (web01 and WEB01 are the same
-- machine). The text caps of the MariaDB migration of this number guard a
-- store shared by many untrusted host accounts; the embedded store has one
-- writer, its own agent, and keeps values whole.

CREATE UNIQUE INDEX IF NOT EXISTS hosts_hostname_nocase ON hosts (hostname COLLATE NOCASE);
