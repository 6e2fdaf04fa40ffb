#!/usr/bin/env bash
# Security proofs against a built server binary (e2e/security/):
#   schemathesis  every API operation fuzzed from its OpenAPI description: no 5xx, no schema violation
#   sqlmap        public GET parameters and the application and tracking forms: nothing injectable
#   crash         kill -9 during a burst of 200 applications: every acknowledged one is still trackable
#   soak          2 minutes of mixed public GET load: no errors, RSS flat after the warm-up
#   xss           an XSS corpus (e2e/security/xss_corpus.txt) through every public form, the echoed GET
#                 parameters and the rich-text and text fields of items, rendered in Chromium (public and
#                 back office): nothing runs, nothing comes out unescaped
#
#   .ci/security.sh [BINARY]          # default .build/debug/gongkai
# Environment:
#   GONGKAI_SECURITY_DATABASE_URL  postgres://user:pass@host:port/db of a server where this user may create
#                                  databases: schemathesis, crash and soak then run on PostgreSQL (each in a
#                                  fresh database gk_sec_*); sqlmap and xss always run on SQLite
#   GONGKAI_SECURITY_PROOFS        which proofs to run (default: "schemathesis sqlmap crash soak xss")
# Installs what it needs when missing (Debian: sqlmap, postgresql-client; PyPI: schemathesis 4). The xss
# proof needs Chromium, chromedriver and selenium (as the browser tests; CHROMIUM_BIN, CHROMEDRIVER_BIN).
# Ends with "security: N passed, M failed"; exits non-zero when a proof failed.
set -uo pipefail
cd "$(dirname "$0")/.."

bin="${1:-.build/debug/gongkai}"
proofs="${GONGKAI_SECURITY_PROOFS:-schemathesis sqlmap crash soak xss}"
pg="${GONGKAI_SECURITY_DATABASE_URL:-}"
if [[ ! -x "$bin" ]]; then
  echo "security: no server binary at $bin"
  echo "security: 0 passed, 1 failed"
  exit 1
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

need=()
command -v sqlmap >/dev/null 2>&1 || need+=(sqlmap)
if [[ -n "$pg" ]] && ! command -v psql >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/psql >/dev/null 2>&1; then
  need+=(postgresql-client)
fi
if (( ${#need[@]} )); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "security: could not install ${need[*]}"; echo "security: 0 passed, 1 failed"; exit 1; }
fi
if ! python3 -c 'import schemathesis, sys; sys.exit(int(schemathesis.__version__.split(".")[0]) != 4)' 2>/dev/null \
   || ! command -v schemathesis >/dev/null 2>&1; then
  python3 -m pip install -q --disable-pip-version-check "schemathesis>=4.32,<5" \
    || { echo "security: could not install schemathesis"; echo "security: 0 passed, 1 failed"; exit 1; }
fi

passed=0; failed=0; failed_names=()
start=$(date +%s)
for proof in $proofs; do
  args=(--bin "$bin")
  db="SQLite"
  if [[ -n "$pg" && "$proof" != "sqlmap" && "$proof" != "xss" ]]; then
    args+=(--postgres "$pg"); db="PostgreSQL"
  fi
  case "$proof" in
    schemathesis|sqlmap|crash|soak|xss) ;;
    *) echo "security: unknown proof '$proof'"; failed=$((failed + 1)); failed_names+=("$proof"); continue ;;
  esac
  echo
  echo "=== security proof: $proof ($db, $(( $(date +%s) - start ))s)"
  t0=$(date +%s)
  # Each proof bounds its own loops and tools; this outer limit only catches a hang.
  timeout --kill-after=30 600 python3 "e2e/security/proof_$proof.py" "${args[@]}"
  rc=$?
  echo "=== $proof: exit $rc in $(( $(date +%s) - t0 ))s"
  if (( rc == 0 )); then passed=$((passed + 1)); else failed=$((failed + 1)); failed_names+=("$proof"); fi
done

echo
(( failed )) && echo "security: failed proofs: ${failed_names[*]}"
echo "security: total $(( $(date +%s) - start ))s"
echo "security: $passed passed, $failed failed"
(( failed == 0 ))
