#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the ledger's tests on 127.0.0.1 (PGPORT, or a free port) and
# prints the connection string. Installs Debian's postgresql when the machine has none. Loads
# pg_stat_statements, so `npm run bench` can read the database's own time for the ledger's statements.
set -euo pipefail
# A free port unless one is given (another PostgreSQL may already hold 5432 or 5433 here).
PGPORT="${PGPORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(find_bin)" ]; then
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
BIN="$(find_bin)"
DATA="$(mktemp -d /tmp/handoff-pg.XXXXXX)"
# PostgreSQL will not run as root: as root, run it as the postgres user Debian's package creates.
AS=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$DATA"; AS=(runuser -u postgres --); fi
"${AS[@]}" "$BIN/initdb" -D "$DATA" -A trust -U postgres >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c shared_preload_libraries=pg_stat_statements" -l "$DATA/server.log" -w start >/dev/null
"$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "create database handoff" >/dev/null
echo "postgresql://postgres@127.0.0.1:$PGPORT/handoff"
