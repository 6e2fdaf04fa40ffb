#!/usr/bin/env bash
# The item page, a column list page and the home page of the running app against nginx serving the
# same bytes as static files, in the same run, with wrk at 64 connections (the issue's load; runs
# before 2026-12-02 used 16). Usage: bench/pages.sh APP_PORT OUT_DIR ORG_ID
set -euo pipefail
port="$1"; out="$2"; org="$3"
nginx_port=$((port + 1))
root="$(mktemp -d)"
chmod 755 "$root"  # nginx workers run as another user
column="/xxgk/$org/fdzdgknr/zcwj"
curl -fsS "http://127.0.0.1:$port$column" -o "$root/column.html"
item="$(grep -o "/xxgk/$org/content/[0-9A-Fa-f-]*" "$root/column.html" | head -1)"
[ -n "$item" ] || { echo "no item link on $column" >&2; exit 1; }
curl -fsS "http://127.0.0.1:$port$item" -o "$root/item.html"
curl -fsS "http://127.0.0.1:$port/" -o "$root/home.html"
cat > "$root/nginx.conf" <<CONF
worker_processes 2;
pid $root/nginx.pid;
error_log $root/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/html html; }
  server { listen 127.0.0.1:$nginx_port; root $root; }
}
CONF
nginx -c "$root/nginx.conf"
trap 'nginx -c "$root/nginx.conf" -s stop || true' EXIT
sleep 0.5
run() { # name url
  wrk -t2 -c64 -d20s --latency "$2" > "$out/wrk-$1.txt"
  python3 - "$out/wrk-$1.txt" "$1" <<'PY'
import json, re, sys
t = open(sys.argv[1]).read()
def ms(v):
    n, u = re.match(r"([\d.]+)(\w+)", v).groups()
    return round(float(n) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[u], 2)
lat = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", t, re.M))
errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", t))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
print(json.dumps({"name": sys.argv[2], "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1)),
                  "p50_ms": ms(lat["50"]), "p99_ms": ms(lat["99"]), "errors": errors + (int(non2xx.group(1)) if non2xx else 0)}))
PY
}
{
  echo "["
  run app-item "http://127.0.0.1:$port$item"; echo ","
  run nginx-item "http://127.0.0.1:$nginx_port/item.html"; echo ","
  run app-column "http://127.0.0.1:$port$column"; echo ","
  run nginx-column "http://127.0.0.1:$nginx_port/column.html"; echo ","
  run app-home "http://127.0.0.1:$port/"; echo ","
  run nginx-home "http://127.0.0.1:$nginx_port/home.html"
  echo "]"
} > "$out/pages.json"
echo "item page $item ($(wc -c < "$root/item.html") bytes), column page $column ($(wc -c < "$root/column.html") bytes)" > "$out/pages.txt"
cat "$out/pages.txt" "$out/pages.json"
