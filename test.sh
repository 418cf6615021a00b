#!/usr/bin/env bash
# The README's test command. Installs what the tests need (apt-get, only when
# missing), starts a throwaway MariaDB on 127.0.0.1, runs every test of the
# solution against it, and stops it again, whatever happens.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf 'test.sh: %s\n' "$*" >&2; }

install_missing() {
  local missing=()
  command -v mariadbd >/dev/null 2>&1 || missing+=(mariadb-server)
  command -v mariadb >/dev/null 2>&1 || missing+=(mariadb-client)
  # Real peers of the alert sink tests: a syslog collector (with TLS) and an SMTP server.
  command -v rsyslogd >/dev/null 2>&1 || missing+=(rsyslog)
  dpkg -s rsyslog-gnutls >/dev/null 2>&1 || missing+=(rsyslog-gnutls)
  command -v aiosmtpd >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
  # The agent tests make network namespaces and links.
  command -v ip >/dev/null 2>&1 || missing+=(iproute2)
  # The audit collector's tests: auditctl, and an auditd they start and stop themselves (never left running).
  command -v auditd >/dev/null 2>&1 || missing+=(auditd)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # The packages' own services must not start: the tests run private servers.
    local made_policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
    fi
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    [ -z "$made_policy" ] || rm -f /usr/sbin/policy-rc.d
  fi
}

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

RUN_DIR=$(mktemp -d /tmp/luarm-test.XXXXXX)
MARIADB_PID=""
stop_servers() {
  if [ -n "$MARIADB_PID" ] && kill -0 "$MARIADB_PID" 2>/dev/null; then
    kill "$MARIADB_PID" 2>/dev/null || true
    wait "$MARIADB_PID" 2>/dev/null || true
  fi
  rm -rf "$RUN_DIR"
  # Tests SIGKILL `luarm run`, whose audit rules (key luarm) then outlive it until the next agent start.
  if command -v auditctl >/dev/null 2>&1; then auditctl -D -k luarm >/dev/null 2>&1 || true; fi
}
trap stop_servers EXIT

start_mariadb() {
  local port socket password
  port=$(free_port)
  socket="$RUN_DIR/mariadb.sock"
  password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  mariadb-install-db --no-defaults --datadir="$RUN_DIR/data" --user="$(id -un)" \
    --auth-root-authentication-method=normal --skip-test-db >"$RUN_DIR/install.log" 2>&1 \
    || { cat "$RUN_DIR/install.log" >&2; return 1; }
  mariadbd --no-defaults --datadir="$RUN_DIR/data" --socket="$socket" --port="$port" \
    --bind-address=127.0.0.1 --skip-name-resolve --user="$(id -un)" \
    --innodb-buffer-pool-size=512M --innodb-flush-log-at-trx-commit=2 \
    --max-connections=500 --log-error="$RUN_DIR/mariadb.err" &
  MARIADB_PID=$!
  for _ in $(seq 1 120); do
    mariadb-admin --no-defaults --socket="$socket" -uroot ping >/dev/null 2>&1 && break
    kill -0 "$MARIADB_PID" 2>/dev/null || { cat "$RUN_DIR/mariadb.err" >&2; return 1; }
    sleep 0.5
  done
  mariadb --no-defaults --socket="$socket" -uroot <<SQL
CREATE USER 'luarm_admin'@'%' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON *.* TO 'luarm_admin'@'%' WITH GRANT OPTION;
SQL
  export LUARM_TEST_MYSQL="Server=127.0.0.1;Port=$port;User ID=luarm_admin;Password=$password;Database=luarm_test"
  log "MariaDB $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$port"
}

install_missing
start_mariadb

status=0
dotnet test Luarm.Detect.sln -c Release --nologo 2>&1 | tee "$RUN_DIR/test.log" || status=$?
# The binary an operator installs is the trimmed single file (agents/README.md):
# the tests that run a real luarm process run again on it.
log "publishing the trimmed single-file luarm"
if dotnet publish engine/Luarm.Cli -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true \
     -p:IncludeNativeLibrariesForSelfExtract=true -p:PublishTrimmed=true -o "$RUN_DIR/published" >"$RUN_DIR/publish.log" 2>&1; then
  LUARM_TEST_CLI="$RUN_DIR/published/luarm" dotnet test Luarm.Detect.sln -c Release --no-build --nologo \
    --filter "Category=PublishedCli" 2>&1 | tee -a "$RUN_DIR/test.log" || status=$?
else
  cat "$RUN_DIR/publish.log" >&2
  log "the trimmed single-file publish failed"
  status=1
fi
# One closing line that any reader of the CI log can count on.
awk '/^(Passed|Failed)!/ { gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$RUN_DIR/test.log"
# House rule: the tree is `dotnet format` clean.
if ! dotnet format Luarm.Detect.sln --verify-no-changes >"$RUN_DIR/format.log" 2>&1; then
  cat "$RUN_DIR/format.log" >&2
  log "dotnet format found changes to make: run 'dotnet format Luarm.Detect.sln'"
  status=1
fi
exit "$status"
