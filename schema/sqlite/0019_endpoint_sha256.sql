-- netinfo.sha256 beside netinfo.md5sum; see the MariaDB script of the same number.

ALTER TABLE netinfo ADD COLUMN sha256 TEXT COLLATE RTRIM NULL;
