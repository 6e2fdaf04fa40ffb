#!/usr/bin/env python3
"""Proof: the read-only API answers every generated request without a server error and with a body
that matches its OpenAPI description.

Runs the schemathesis CLI (v4) against <server>/api/v1/openapi.json: every operation, the coverage
and fuzzing phases, positive and negative data, at least --examples fuzzed cases per operation
(--max-time makes the fuzzing repeat until the time budget is spent), with the checks
not_a_server_error and response_schema_conformance (plus content_type_conformance: a body that is
not the declared JSON is a schema violation too). Its NDJSON event log is read back to count requests
per operation and status, and to fail the proof independently of schemathesis' exit code on any 5xx,
any failed check, any operation not tested, or fewer cases than asked.
"""
import argparse
import base64
import collections
import glob
import json
import os
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gkserver as gk  # noqa: E402

CHECKS = "not_a_server_error,response_schema_conformance,content_type_conformance"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--postgres", help="server URL (postgres://...); a fresh database gk_sec_api is made on it")
    ap.add_argument("--examples", type=int, default=200, help="fuzzed cases per operation and pass")
    ap.add_argument("--max-time", type=int, default=60,
                    help="schemathesis time budget in seconds, at least 15 s (SQLite) or 20 s (PostgreSQL) per operation with parameters")
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument("--base", help="test this running server instead of starting one (http://127.0.0.1:PORT)")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()

    t0 = time.monotonic()
    ws = gk.Workspace("api", a.postgres)
    server = None
    failures = []
    try:
        if a.base:
            base = a.base.rstrip("/")
        else:
            server = gk.Server(a.bin, ws.dir, ws.database_url, name="api")
            print(f"schemathesis: starting demo ({'PostgreSQL' if a.postgres else 'SQLite'}) ...", flush=True)
            server.start("demo")
            base = server.base
        if not base.startswith("http://127.0.0.1:"):
            raise SystemExit("only a server on 127.0.0.1 may be tested")
        report = os.path.join(ws.dir, "schemathesis-report")
        # The budget is shared by every operation: it grows with the API so each still gets its cases.
        with urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=20) as r:
            described = json.load(r)
        with_parameters = sum(1 for methods in described["paths"].values() for op in methods.values() if op.get("parameters"))
        # SQLite answers about four times as many cases per second here as PostgreSQL: 15 s per operation still
        # gives each one well over --examples fuzzed cases, and keeps CI short; PostgreSQL keeps 20 s.
        a.max_time = max(a.max_time, (20 if a.postgres else 15) * with_parameters)
        cmd = ["schemathesis", "run", f"{base}/api/v1/openapi.json", "--url", f"{base}/api/v1",
               "--checks", CHECKS, "--continue-on-failure", "--phases", "examples,coverage,fuzzing",
               "--mode", "all", "--max-examples", str(a.examples), "--max-time", str(a.max_time),
               "--seed", str(a.seed), "--generation-database", "none", "--workers", "2",
               "--request-timeout", "20", "--no-color", "--suppress-health-check", "all",
               "--report", "ndjson,junit", "--report-dir", report]
        print("schemathesis: " + " ".join(cmd), flush=True)
        log_path = os.path.join(ws.dir, "schemathesis.log")
        with open(log_path, "w") as log:
            # In the temporary folder: schemathesis keeps a cache folder (.schemathesis/) in its working directory.
            rc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, timeout=a.max_time + 240, cwd=ws.dir,
                                env=dict(os.environ, NO_COLOR="1")).returncode
        log_text = open(log_path, errors="replace").read()

        ndjson = glob.glob(os.path.join(report, "*.ndjson"))
        if not ndjson:
            raise RuntimeError("no NDJSON report\n" + log_text[-3000:])
        per_phase = collections.Counter()     # (operation, phase) -> cases
        statuses = collections.Counter()      # (operation, status) -> responses
        check_failures = collections.Counter()
        server_errors = []
        failed_examples = []
        network_errors = 0
        operations_total = None
        for line in open(ndjson[0]):
            event = json.loads(line)
            kind, body = next(iter(event.items()))
            if kind == "LoadingFinished":
                operations_total = body["statistic"]["operations"]["total"]
            if kind == "NonFatalError":
                network_errors += 1
            if kind != "ScenarioFinished":
                continue
            rec = body["recorder"]
            label = rec["label"]
            per_phase[(label, body["phase"])] += len(rec.get("cases", {}))
            for interaction in rec.get("interactions", {}).values():
                resp = interaction.get("response")
                if resp is None:
                    network_errors += 1
                    continue
                statuses[(label, resp["status_code"])] += 1
                if resp["status_code"] >= 500:
                    server_errors.append(f"{interaction['request']['method']} {interaction['request']['uri']} -> {resp['status_code']}")
            for case_id, checks in rec.get("checks", {}).items():
                for c in checks:
                    if c.get("status") == "failure":
                        check_failures[c["name"]] += 1
                        if len(failed_examples) < 10:
                            inter = rec.get("interactions", {}).get(case_id) or {}
                            req, resp = inter.get("request", {}), inter.get("response") or {}
                            content = resp.get("content") or {}
                            text = base64.b64decode(content["$base64"]).decode("utf-8", "replace") if "$base64" in content else ""
                            failed_examples.append(f"{c['name']}: {req.get('method')} {req.get('uri')} -> "
                                                   f"{resp.get('status_code')} {text[:300]}")

        operations = sorted({op for op, _ in per_phase})
        total_cases = sum(per_phase.values())
        print(f"schemathesis: exit {rc}, {len(operations)} of {operations_total} operations, {total_cases} test cases, "
              f"{sum(statuses.values())} responses")
        for op in operations:
            codes = " ".join(f"{s}:{n}" for (o, s), n in sorted(statuses.items()) if o == op)
            print(f"schemathesis:   {op:45} coverage {per_phase[(op, 'coverage')]:4}, fuzzing {per_phase[(op, 'fuzzing')]:5};  {codes}")
        print(f"schemathesis: server errors (5xx) {len(server_errors)}, check failures "
              f"{dict(check_failures) or 0}, network errors {network_errors}")
        for e in server_errors[:10]:
            print(f"schemathesis:   5xx: {e}")
        for e in failed_examples:
            print(f"schemathesis:   failed {e}")

        if server_errors:
            failures.append(f"{len(server_errors)} server errors")
        if check_failures:
            failures.append(f"check failures: {dict(check_failures)}")
        if network_errors:
            failures.append(f"{network_errors} requests without a response")
        if operations_total is None or len(operations) != operations_total:
            failures.append(f"operations tested {len(operations)} of {operations_total}")
        with urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=20) as r:
            spec = json.load(r)
        for path, methods in spec["paths"].items():
            for method, op in methods.items():
                label = f"{method.upper()} {path}"
                # An operation without parameters has only one distinct request to make.
                wanted = a.examples if op.get("parameters") else 1
                if per_phase[(label, "fuzzing")] < wanted:
                    failures.append(f"{label}: {per_phase[(label, 'fuzzing')]} fuzzed cases, fewer than {wanted}")
        if rc != 0:
            failures.append(f"schemathesis exit code {rc}")
            print(log_text[-4000:])
    except Exception as e:
        failures.append(f"{type(e).__name__}: {e}")
    finally:
        if server:
            server.stop()
            if failures:
                print("schemathesis: server log tail:\n" + server.log_tail(20))
        ws.close(keep=a.keep or bool(failures))

    print(f"schemathesis: {time.monotonic() - t0:.0f}s")
    for f in failures:
        print(f"schemathesis: FAIL: {f}")
    print("schemathesis: " + ("FAILED" if failures else "PASSED"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
