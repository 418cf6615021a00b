-- LUARM fact tables (embedded SQLite). Column names and meaning follow the 2011
-- write-up so its queries run verbatim. `created`/`destroyed` (UTC, microseconds)
-- are the truth; cyear..csec and dyear..dsec are generated from them.
-- Text columns use RTRIM collation: exact and case-sensitive, trailing spaces
-- ignored, like utf8mb4_bin on MariaDB. Timestamps are UTC text
-- 'YYYY-MM-DD HH:MM:SS.ffffff', which sorts in time order.

CREATE TABLE IF NOT EXISTS psinfo (
  psentity    INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid      INTEGER NOT NULL,
  md5sum      TEXT COLLATE RTRIM NULL,
  username    TEXT COLLATE RTRIM NOT NULL,
  uid         INTEGER NULL,
  pid         INTEGER NOT NULL,
  ppid        INTEGER NOT NULL,
  pcpu        REAL NULL,
  pmem        REAL NULL,
  command     TEXT COLLATE RTRIM NOT NULL,
  arguments   TEXT COLLATE RTRIM NOT NULL,
  cwd         TEXT COLLATE RTRIM NULL,
  exe         TEXT COLLATE RTRIM NULL,
  created     TEXT NOT NULL,
  destroyed   TEXT NULL,
  cyear  INTEGER GENERATED ALWAYS AS (CAST(strftime('%Y', created) AS INTEGER)) VIRTUAL,
  cmonth INTEGER GENERATED ALWAYS AS (CAST(strftime('%m', created) AS INTEGER)) VIRTUAL,
  cday   INTEGER GENERATED ALWAYS AS (CAST(strftime('%d', created) AS INTEGER)) VIRTUAL,
  chour  INTEGER GENERATED ALWAYS AS (CAST(strftime('%H', created) AS INTEGER)) VIRTUAL,
  cmin   INTEGER GENERATED ALWAYS AS (CAST(strftime('%M', created) AS INTEGER)) VIRTUAL,
  csec   INTEGER GENERATED ALWAYS AS (CAST(strftime('%S', created) AS INTEGER)) VIRTUAL,
  dyear  INTEGER GENERATED ALWAYS AS (CAST(strftime('%Y', destroyed) AS INTEGER)) VIRTUAL,
  dmonth INTEGER GENERATED ALWAYS AS (CAST(strftime('%m', destroyed) AS INTEGER)) VIRTUAL,
  dday   INTEGER GENERATED ALWAYS AS (CAST(strftime('%d', destroyed) AS INTEGER)) VIRTUAL,
  dhour  INTEGER GENERATED ALWAYS AS (CAST(strftime('%H', destroyed) AS INTEGER)) VIRTUAL,
  dmin   INTEGER GENERATED ALWAYS AS (CAST(strftime('%M', destroyed) AS INTEGER)) VIRTUAL,
  dsec   INTEGER GENERATED ALWAYS AS (CAST(strftime('%S', destroyed) AS INTEGER)) VIRTUAL
);
CREATE INDEX IF NOT EXISTS psinfo_username_pid ON psinfo (username, pid);
CREATE INDEX IF NOT EXISTS psinfo_pid ON psinfo (pid);
CREATE INDEX IF NOT EXISTS psinfo_host_pid ON psinfo (hostid, pid);
CREATE INDEX IF NOT EXISTS psinfo_created ON psinfo (created);
CREATE INDEX IF NOT EXISTS psinfo_host_id ON psinfo (hostid, psentity);

CREATE TABLE IF NOT EXISTS netinfo (
  endpointinfo INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid       INTEGER NOT NULL,
  transport    TEXT COLLATE RTRIM NOT NULL,
  sourceip     TEXT COLLATE RTRIM NOT NULL,
  sourcefqdn   TEXT COLLATE RTRIM NULL,
  sourceport   INTEGER NOT NULL,
  destip       TEXT COLLATE RTRIM NOT NULL,
  destfqdn     TEXT COLLATE RTRIM NULL,
  destport     INTEGER NOT NULL,
  ipversion    INTEGER NOT NULL,
  username     TEXT COLLATE RTRIM NOT NULL,
  uid          INTEGER NULL,
  pid          INTEGER NOT NULL,
  application  TEXT COLLATE RTRIM NOT NULL,
  md5sum       TEXT COLLATE RTRIM NULL,
  created      TEXT NOT NULL,
  destroyed    TEXT NULL,
  cyear  INTEGER GENERATED ALWAYS AS (CAST(strftime('%Y', created) AS INTEGER)) VIRTUAL,
  cmonth INTEGER GENERATED ALWAYS AS (CAST(strftime('%m', created) AS INTEGER)) VIRTUAL,
  cday   INTEGER GENERATED ALWAYS AS (CAST(strftime('%d', created) AS INTEGER)) VIRTUAL,
  chour  INTEGER GENERATED ALWAYS AS (CAST(strftime('%H', created) AS INTEGER)) VIRTUAL,
  cmin   INTEGER GENERATED ALWAYS AS (CAST(strftime('%M', created) AS INTEGER)) VIRTUAL,
  csec   INTEGER GENERATED ALWAYS AS (CAST(strftime('%S', created) AS INTEGER)) VIRTUAL,
  dyear  INTEGER GENERATED ALWAYS AS (CAST(strftime('%Y', destroyed) AS INTEGER)) VIRTUAL,
  dmonth INTEGER GENERATED ALWAYS AS (CAST(strftime('%m', destroyed) AS INTEGER)) VIRTUAL,
  dday   INTEGER GENERATED ALWAYS AS (CAST(strftime('%d', destroyed) AS INTEGER)) VIRTUAL,
  dhour  INTEGER GENERATED ALWAYS AS (CAST(strftime('%H', destroyed) AS INTEGER)) VIRTUAL,
  dmin   INTEGER GENERATED ALWAYS AS (CAST(strftime('%M', destroyed) AS INTEGER)) VIRTUAL,
  dsec   INTEGER GENERATED ALWAYS AS (CAST(strftime('%S', destroyed) AS INTEGER)) VIRTUAL
);
CREATE INDEX IF NOT EXISTS netinfo_destfqdn ON netinfo (destfqdn);
CREATE INDEX IF NOT EXISTS netinfo_destip ON netinfo (destip);
CREATE INDEX IF NOT EXISTS netinfo_username_pid ON netinfo (username, pid);
CREATE INDEX IF NOT EXISTS netinfo_pid ON netinfo (pid);
CREATE INDEX IF NOT EXISTS netinfo_host_pid ON netinfo (hostid, pid);
CREATE INDEX IF NOT EXISTS netinfo_created ON netinfo (created);
CREATE INDEX IF NOT EXISTS netinfo_host_id ON netinfo (hostid, endpointinfo);

CREATE TABLE IF NOT EXISTS fileinfo (
  fileaccess  INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid      INTEGER NOT NULL,
  filename    TEXT COLLATE RTRIM NOT NULL,
  accesstype  TEXT COLLATE RTRIM NOT NULL,
  username    TEXT COLLATE RTRIM NOT NULL,
  uid         INTEGER NULL,
  command     TEXT COLLATE RTRIM NOT NULL,
  pid         INTEGER NOT NULL,
  ppid        INTEGER NOT NULL,
  md5sum      TEXT COLLATE RTRIM NULL,
  created     TEXT NOT NULL,
  destroyed   TEXT NULL,
  cyear  INTEGER GENERATED ALWAYS AS (CAST(strftime('%Y', created) AS INTEGER)) VIRTUAL,
  cmonth INTEGER GENERATED ALWAYS AS (CAST(strftime('%m', created) AS INTEGER)) VIRTUAL,
  cday   INTEGER GENERATED ALWAYS AS (CAST(strftime('%d', created) AS INTEGER)) VIRTUAL,
  chour  INTEGER GENERATED ALWAYS AS (CAST(strftime('%H', created) AS INTEGER)) VIRTUAL,
  cmin   INTEGER GENERATED ALWAYS AS (CAST(strftime('%M', created) AS INTEGER)) VIRTUAL,
  csec   INTEGER GENERATED ALWAYS AS (CAST(strftime('%S', created) AS INTEGER)) VIRTUAL,
  dyear  INTEGER GENERATED ALWAYS AS (CAST(strftime('%Y', destroyed) AS INTEGER)) VIRTUAL,
  dmonth INTEGER GENERATED ALWAYS AS (CAST(strftime('%m', destroyed) AS INTEGER)) VIRTUAL,
  dday   INTEGER GENERATED ALWAYS AS (CAST(strftime('%d', destroyed) AS INTEGER)) VIRTUAL,
  dhour  INTEGER GENERATED ALWAYS AS (CAST(strftime('%H', destroyed) AS INTEGER)) VIRTUAL,
  dmin   INTEGER GENERATED ALWAYS AS (CAST(strftime('%M', destroyed) AS INTEGER)) VIRTUAL,
  dsec   INTEGER GENERATED ALWAYS AS (CAST(strftime('%S', destroyed) AS INTEGER)) VIRTUAL
);
CREATE INDEX IF NOT EXISTS fileinfo_filename ON fileinfo (filename);
CREATE INDEX IF NOT EXISTS fileinfo_username_pid ON fileinfo (username, pid);
CREATE INDEX IF NOT EXISTS fileinfo_pid ON fileinfo (pid);
CREATE INDEX IF NOT EXISTS fileinfo_created ON fileinfo (created);
CREATE INDEX IF NOT EXISTS fileinfo_host_id ON fileinfo (hostid, fileaccess);

CREATE TABLE IF NOT EXISTS hwinfo (
  hwdevice    INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid      INTEGER NOT NULL,
  devbus      TEXT COLLATE RTRIM NOT NULL,
  devstring   TEXT COLLATE RTRIM NOT NULL,
  devvendor   TEXT COLLATE RTRIM NULL,
  userslogged TEXT COLLATE RTRIM NULL,
  uid         INTEGER NULL,
  created     TEXT NOT NULL,
  destroyed   TEXT NULL,
  cyear  INTEGER GENERATED ALWAYS AS (CAST(strftime('%Y', created) AS INTEGER)) VIRTUAL,
  cmonth INTEGER GENERATED ALWAYS AS (CAST(strftime('%m', created) AS INTEGER)) VIRTUAL,
  cday   INTEGER GENERATED ALWAYS AS (CAST(strftime('%d', created) AS INTEGER)) VIRTUAL,
  chour  INTEGER GENERATED ALWAYS AS (CAST(strftime('%H', created) AS INTEGER)) VIRTUAL,
  cmin   INTEGER GENERATED ALWAYS AS (CAST(strftime('%M', created) AS INTEGER)) VIRTUAL,
  csec   INTEGER GENERATED ALWAYS AS (CAST(strftime('%S', created) AS INTEGER)) VIRTUAL,
  dyear  INTEGER GENERATED ALWAYS AS (CAST(strftime('%Y', destroyed) AS INTEGER)) VIRTUAL,
  dmonth INTEGER GENERATED ALWAYS AS (CAST(strftime('%m', destroyed) AS INTEGER)) VIRTUAL,
  dday   INTEGER GENERATED ALWAYS AS (CAST(strftime('%d', destroyed) AS INTEGER)) VIRTUAL,
  dhour  INTEGER GENERATED ALWAYS AS (CAST(strftime('%H', destroyed) AS INTEGER)) VIRTUAL,
  dmin   INTEGER GENERATED ALWAYS AS (CAST(strftime('%M', destroyed) AS INTEGER)) VIRTUAL,
  dsec   INTEGER GENERATED ALWAYS AS (CAST(strftime('%S', destroyed) AS INTEGER)) VIRTUAL
);
CREATE INDEX IF NOT EXISTS hwinfo_created ON hwinfo (created);
CREATE INDEX IF NOT EXISTS hwinfo_host_id ON hwinfo (hostid, hwdevice);
