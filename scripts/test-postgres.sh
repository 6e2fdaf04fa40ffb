#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL (Debian packages) on loopback for tests and CI.
#   scripts/test-postgres.sh start   # prints DATABASE_URL=postgres://...
#   scripts/test-postgres.sh stop
# Environment: GK_PG_PORT (default 54329), GK_PG_DIR (default /tmp/gongkai-pg).
set -euo pipefail

PORT="${GK_PG_PORT:-54329}"
DIR="${GK_PG_DIR:-/tmp/gongkai-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
if [[ -z "$BIN" || ! -x "$BIN/initdb" ]]; then
  echo "PostgreSQL server binaries not found; install them with: apt-get install -y postgresql" >&2
  exit 1
fi

as_postgres() {
  if [[ "$(id -un)" == "postgres" ]]; then "$@"; else runuser -u postgres -- "$@"; fi
}

case "${1:-}" in
  start)
    if [[ -f "$DIR/data/postmaster.pid" ]] && as_postgres "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
      echo "DATABASE_URL=postgres://gongkai:gongkai@127.0.0.1:$PORT/gongkai"
      exit 0
    fi
    rm -rf "$DIR"
    mkdir -p "$DIR"
    chown postgres:postgres "$DIR" 2>/dev/null || true
    pwfile="$(mktemp)"
    echo "gongkai" > "$pwfile"
    chmod 644 "$pwfile"
    as_postgres "$BIN/initdb" -D "$DIR/data" -U gongkai --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    rm -f "$pwfile"
    as_postgres "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
      || { cat "$DIR/server.log" >&2; exit 1; }
    PGPASSWORD=gongkai "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U gongkai -d postgres -qc "CREATE DATABASE gongkai" >/dev/null
    echo "DATABASE_URL=postgres://gongkai:gongkai@127.0.0.1:$PORT/gongkai"
    ;;
  stop)
    if [[ -d "$DIR/data" ]]; then as_postgres "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true; fi
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
