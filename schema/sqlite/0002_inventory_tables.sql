-- Host inventory, named after LUARM's hostinfo/userinfo/groupinfo/netint/netroute.

CREATE TABLE IF NOT EXISTS hostinfo (
  hostinfoid  INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid      INTEGER NOT NULL,
  hostname    TEXT COLLATE RTRIM NOT NULL,
  os          TEXT COLLATE RTRIM NULL,
  osver       TEXT COLLATE RTRIM NULL,
  vendor      TEXT COLLATE RTRIM NULL,
  vendormodel TEXT COLLATE RTRIM NULL,
  timezone    TEXT COLLATE RTRIM NULL,
  created     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS hostinfo_host_id ON hostinfo (hostid, hostinfoid);

CREATE TABLE IF NOT EXISTS userinfo (
  userinfoid  INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid      INTEGER NOT NULL,
  username    TEXT COLLATE RTRIM NOT NULL,
  uid         INTEGER NOT NULL,
  gid         INTEGER NULL,
  homedir     TEXT COLLATE RTRIM NULL,
  shell       TEXT COLLATE RTRIM NULL,
  created     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS userinfo_host_id ON userinfo (hostid, userinfoid);
CREATE INDEX IF NOT EXISTS userinfo_username ON userinfo (username);

CREATE TABLE IF NOT EXISTS groupinfo (
  groupinfoid INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid      INTEGER NOT NULL,
  groupname   TEXT COLLATE RTRIM NOT NULL,
  gid         INTEGER NOT NULL,
  members     TEXT COLLATE RTRIM NULL,
  created     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS groupinfo_host_id ON groupinfo (hostid, groupinfoid);

CREATE TABLE IF NOT EXISTS netint (
  netintid    INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid      INTEGER NOT NULL,
  intname     TEXT COLLATE RTRIM NOT NULL,
  ipversion   INTEGER NOT NULL,
  ip          TEXT COLLATE RTRIM NULL,
  subnet      TEXT COLLATE RTRIM NULL,
  macaddr     TEXT COLLATE RTRIM NULL,
  created     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS netint_host_id ON netint (hostid, netintid);
CREATE INDEX IF NOT EXISTS netint_ip ON netint (ip);

CREATE TABLE IF NOT EXISTS netroute (
  netrouteid   INTEGER PRIMARY KEY AUTOINCREMENT,
  hostid       INTEGER NOT NULL,
  intname      TEXT COLLATE RTRIM NOT NULL,
  ipversion    INTEGER NOT NULL,
  netip        TEXT COLLATE RTRIM NOT NULL,
  routenetmask TEXT COLLATE RTRIM NOT NULL,
  defgw        TEXT COLLATE RTRIM NULL,
  created      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS netroute_host_id ON netroute (hostid, netrouteid);
