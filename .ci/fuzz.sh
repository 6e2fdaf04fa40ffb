#!/usr/bin/env bash
# libFuzzer runs of the parsers that take outside input (fuzz/README.md), each for a bounded time.
#   .ci/fuzz.sh [SECONDS_PER_TARGET]     # default 30
# Builds fuzz/ (its own package and build folder) with -sanitize=fuzzer, runs every target on a copy of
# its corpus (fuzz/corpus/<target>, kept in the repo), prints executions and coverage, and fails when a
# target crashes or violates a property; the input is then in fuzz/artifacts/ (make it a unit test and
# add it to the corpus).
set -uo pipefail
cd "$(dirname "$0")/../fuzz"
export PATH="/opt/swift/usr/bin:$PATH"
seconds="${1:-30}"
# Swift's crash backtracer would take the signal before libFuzzer could save the input.
export SWIFT_BACKTRACE=enable=no

if ! swift build -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld \
     >/tmp/gongkai-fuzz-build.log 2>&1; then
  tail -n 40 /tmp/gongkai-fuzz-build.log
  echo "fuzz: build failed"
  exit 1
fi
bin=".build/debug/gongkai-fuzz"
work="$(mktemp -d)"
mkdir -p artifacts
failed=()
targets="form multipart search html office catalogue holidays"
for t in $targets; do
  mkdir -p "$work/$t"
  log="$work/$t.log"
  GONGKAI_FUZZ_TARGET="$t" timeout --kill-after=10 $(( seconds + 60 )) "$bin" "$work/$t" "corpus/$t" \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="artifacts/$t-" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  runs="$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -n1)"
  cov="$(grep -aoE 'cov: [0-9]+' "$log" | tail -n1)"
  corpus="$(ls "$work/$t" | wc -l)"
  printf 'fuzz %-10s %9s runs in %ss, %s, %s new inputs, exit %s\n' "$t" "${runs:-0}" "$seconds" "${cov:-cov: ?}" "$corpus" "$rc"
  if (( rc != 0 )) || [[ -z "$runs" ]]; then
    failed+=("$t")
    grep -aE 'Fatal error|property violated|ERROR|SUMMARY|Test unit written' "$log" | head -n 8
  fi
done
rm -rf "$work"
if (( ${#failed[@]} )); then
  echo "fuzz: failed targets: ${failed[*]}"
  exit 1
fi
echo "fuzz: all targets passed"
