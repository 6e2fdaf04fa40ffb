#!/usr/bin/env bash
# The search and page benchmark, one command:
#   bench/run.sh [DOCUMENTS] [sqlite|postgres]      (defaults: 1000000 sqlite)
# Builds release binaries, loads the demo county plus DOCUMENTS generated documents (kept in
# bench/work/ and reused by later runs of the same size), then measures: loading rate, database
# size against the raw text, search latency and throughput through HTTP with server memory,
# phrase completeness on a 100,000-document sample, LIKE scans against the index, and the item
# and column pages against nginx. Results: bench/results/<db>-<documents>/ (JSON) and a summary.
# Needs: wrk, nginx (Debian: apt-get install -y wrk nginx-light), python3; PostgreSQL via
# scripts/test-postgres.sh for the postgres variant.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
DB="${2:-sqlite}"
PORT="${BENCH_PORT:-8090}"
WORK="bench/work/$DB-$N"
OUT="bench/results/$DB-$N"
mkdir -p "$WORK" "$OUT"

swift build -c release --product gongkai >/dev/null
swift build -c release --product gongkai-bench >/dev/null
BIN="$(swift build -c release --show-bin-path)"

export GONGKAI_LINK_CHECK=false GONGKAI_JOBS_INTERVAL_MINUTES=0 GONGKAI_BCRYPT_COST=10 LOG_LEVEL=warning
export GONGKAI_PORT="$PORT" GONGKAI_BASE_URL="http://127.0.0.1:$PORT"
if [[ "$DB" == "postgres" ]]; then
  base="$(scripts/test-postgres.sh start | sed -n 's/^DATABASE_URL=//p')"
  export DATABASE_URL="${base%/*}/gongkai_bench_$N"
  if [[ ! -f "$WORK/loaded" ]]; then
    PGPASSWORD=gongkai psql -h 127.0.0.1 -p "${GK_PG_PORT:-54329}" -U gongkai -d postgres -qc "DROP DATABASE IF EXISTS gongkai_bench_$N" -c "CREATE DATABASE gongkai_bench_$N"
  fi
else
  export GONGKAI_DATA_DIR="$WORK"
fi

if [[ ! -f "$WORK/loaded" ]]; then
  rm -f "$WORK"/gongkai.sqlite*
  echo "loading $N documents into $DB …"
  "$BIN/gongkai-bench" load --count "$N" --out "$OUT/load.json" >/dev/null
  cp "$OUT/load.json" "$WORK/loaded"
else
  cp "$WORK/loaded" "$OUT/load.json"
fi

# Database size (after a checkpoint on SQLite, so the WAL is in the file).
if [[ "$DB" == "postgres" ]]; then
  size=$(PGPASSWORD=gongkai psql -h 127.0.0.1 -p "${GK_PG_PORT:-54329}" -U gongkai -d "gongkai_bench_$N" -Atc "SELECT pg_database_size(current_database())")
else
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_checkpoint(TRUNCATE)'); c.close()" "$WORK/gongkai.sqlite"
  size=$(stat -c %s "$WORK/gongkai.sqlite")
fi
echo "{\"databaseBytes\": $size}" > "$OUT/size.json"

"$BIN/gongkai" serve > "$OUT/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 900); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 1; done

if [[ "$DB" == "postgres" ]]; then
  # The search indexes the server's upkeep made (one pair per publication year).
  PGPASSWORD=gongkai psql -h 127.0.0.1 -p "${GK_PG_PORT:-54329}" -U gongkai -d "gongkai_bench_$N" -Atc \
    "SELECT indexname || ' ' || pg_size_pretty(pg_relation_size(indexname::regclass)) || ' ' || coalesce(substring(indexdef from 'WHERE.*'), '') FROM pg_indexes WHERE tablename = 'item_search' ORDER BY indexname" > "$OUT/search-indexes.txt"
fi
echo "search through HTTP …"
python3 bench/search_http.py --port "$PORT" --pid "$server" --load "$OUT/load.json" --out "$OUT/search.json" >/dev/null
echo "pages against nginx …"
org=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['organisations'][0]['id'])" "$OUT/load.json")
bench/pages.sh "$PORT" "$OUT" "$org" >/dev/null
kill $server; wait $server 2>/dev/null || true
# The same pages without the public page cache, for comparison.
mkdir -p "$OUT/uncached"
GONGKAI_PAGE_CACHE_PAGES=0 "$BIN/gongkai" serve >> "$OUT/server.log" 2>&1 &
server=$!
for _ in $(seq 1 900); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 1; done
bench/pages.sh "$PORT" "$OUT/uncached" "$org" >/dev/null
kill $server; wait $server 2>/dev/null || true
trap - EXIT

echo "phrase completeness …"
"$BIN/gongkai-bench" phrases --out "$OUT/phrases.json" >/dev/null
echo "LIKE scans …"
"$BIN/gongkai-bench" like --out "$OUT/like.json" >/dev/null 2>"$OUT/like.log"

{ echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"; echo "date: $(date -u +%FT%TZ)"; echo "commit: $(git rev-parse --short HEAD)"; } > "$OUT/machine.txt"
python3 bench/summary.py "$OUT"
