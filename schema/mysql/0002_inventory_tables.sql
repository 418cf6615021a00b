-- Host inventory, named after LUARM's hostinfo/userinfo/groupinfo/netint/netroute.

CREATE TABLE IF NOT EXISTS hostinfo (
  hostinfoid  BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hostid      INT NOT NULL,
  hostname    VARCHAR(255) NOT NULL,
  os          VARCHAR(255) NULL,
  osver       VARCHAR(255) NULL,
  vendor      VARCHAR(255) NULL,
  vendormodel VARCHAR(255) NULL,
  timezone    VARCHAR(64) NULL,
  created     DATETIME(6) NOT NULL,
  KEY hostinfo_host_id (hostid, hostinfoid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS userinfo (
  userinfoid  BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hostid      INT NOT NULL,
  username    VARCHAR(255) NOT NULL,
  uid         INT NOT NULL,
  gid         INT NULL,
  homedir     TEXT NULL,
  shell       VARCHAR(255) NULL,
  created     DATETIME(6) NOT NULL,
  KEY userinfo_host_id (hostid, userinfoid),
  KEY userinfo_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS groupinfo (
  groupinfoid BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hostid      INT NOT NULL,
  groupname   VARCHAR(255) NOT NULL,
  gid         INT NOT NULL,
  members     TEXT NULL,
  created     DATETIME(6) NOT NULL,
  KEY groupinfo_host_id (hostid, groupinfoid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS netint (
  netintid    BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hostid      INT NOT NULL,
  intname     VARCHAR(64) NOT NULL,
  ipversion   TINYINT NOT NULL,
  ip          VARCHAR(45) NULL,
  subnet      VARCHAR(45) NULL,
  macaddr     VARCHAR(32) NULL,
  created     DATETIME(6) NOT NULL,
  KEY netint_host_id (hostid, netintid),
  KEY netint_ip (ip)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS netroute (
  netrouteid   BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  hostid       INT NOT NULL,
  intname      VARCHAR(64) NOT NULL,
  ipversion    TINYINT NOT NULL,
  netip        VARCHAR(45) NOT NULL,
  routenetmask VARCHAR(45) NOT NULL,
  defgw        VARCHAR(45) NULL,
  created      DATETIME(6) NOT NULL,
  KEY netroute_host_id (hostid, netrouteid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
