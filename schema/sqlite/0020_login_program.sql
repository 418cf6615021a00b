-- logins.program, loginuid and loginname; see the MariaDB script of the same number.

ALTER TABLE logins ADD COLUMN program TEXT COLLATE RTRIM NULL;
ALTER TABLE logins ADD COLUMN loginuid INTEGER NULL;
ALTER TABLE logins ADD COLUMN loginname TEXT COLLATE RTRIM NULL;
