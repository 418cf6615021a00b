-- Who was behind each fact and how it was seen (issue 9); see the MariaDB
-- script of the same number for the meaning of each column.

ALTER TABLE psinfo ADD COLUMN loginuid INTEGER NULL;
ALTER TABLE psinfo ADD COLUMN loginname TEXT COLLATE RTRIM NULL;
ALTER TABLE psinfo ADD COLUMN sessionid INTEGER NULL;
ALTER TABLE psinfo ADD COLUMN sha256 TEXT COLLATE RTRIM NULL;
ALTER TABLE psinfo ADD COLUMN origin TEXT COLLATE RTRIM NULL;

ALTER TABLE netinfo ADD COLUMN loginuid INTEGER NULL;
ALTER TABLE netinfo ADD COLUMN loginname TEXT COLLATE RTRIM NULL;
ALTER TABLE netinfo ADD COLUMN sessionid INTEGER NULL;

ALTER TABLE fileinfo ADD COLUMN loginuid INTEGER NULL;
ALTER TABLE fileinfo ADD COLUMN loginname TEXT COLLATE RTRIM NULL;
ALTER TABLE fileinfo ADD COLUMN sessionid INTEGER NULL;
ALTER TABLE fileinfo ADD COLUMN outcome TEXT COLLATE RTRIM NULL;
