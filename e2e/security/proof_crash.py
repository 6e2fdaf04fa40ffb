#!/usr/bin/env python3
"""Proof: no acknowledged 依申请公开 application is lost when the server is killed with SIGKILL during a
burst of submissions.

Submits --count applications to /xxgk/<org>/apply from --workers concurrent clients, kills the server
with `kill -9` once --kill-after of them have been acknowledged (the 登记回执 page with
id="registration-number" and id="query-code"), restarts it with `gongkai serve` on the same data, and
looks every acknowledged one up on the public tracking page /ysq/track (登记编号 + 查询码). Also checks:
no two receipts share a registration number, no 5xx before the kill, the audit hash chain verifies
after the crash, and a submission after the restart gets a new number.

Rate limits of the site (依申请公开): at most 10 submissions an hour from one address and 5 a day per
phone or e-mail; 20 failed look-ups an hour per address on the tracking page. Each client here sends
at most 8 submissions from its own loopback source address (127.1.x.y) with its own phone and e-mail,
so the burst stays within every limit without trusting X-Forwarded-For.
"""
import argparse
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gkserver as gk  # noqa: E402

PER_ADDRESS = 8  # below the site's 10 submissions per address and hour


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--postgres", help="server URL (postgres://...); a fresh database gk_sec_crash is made on it")
    ap.add_argument("--org", type=int, default=1, help="organisation receiving the applications")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--workers", type=int, default=16)
    ap.add_argument("--kill-after", type=int, default=80, help="acknowledged submissions before kill -9")
    ap.add_argument("--keep", action="store_true", help="keep the data folder")
    a = ap.parse_args()
    if not 0 < a.kill_after < a.count:
        ap.error("--kill-after must be between 0 and --count")

    t0 = time.monotonic()
    ws = gk.Workspace("crash", a.postgres)
    server = gk.Server(a.bin, ws.dir, ws.database_url, name="crash")
    failures = []
    try:
        print(f"crash: starting demo ({'PostgreSQL' if a.postgres else 'SQLite'}) ...", flush=True)
        server.start("demo")
        run_tag = f"{os.getpid()}-{int(time.time())}"
        path = f"/xxgk/{a.org}/apply"

        lock = threading.Lock()
        # Per submission: ("ack", number, code) | ("refused", status, text, after_kill) | ("error", text, after_kill)
        outcomes = [None] * a.count
        acked = [0]
        posting = [0]                    # POSTs sent and not yet answered
        killed = threading.Event()
        kill_info = {}

        def submit(i):
            client = gk.Client(server.port, source=gk.loopback_address(i // PER_ADDRESS))
            form = {
                "website": "", "applicant_kind": "natural_person", "name": f"测试申请人{i:03d}",
                "contact_person": "", "id_kind": "resident_id", "id_number": gk.resident_id(i),
                "phone": "139%08d" % (i * 7919 % 10**8), "email": f"burst-{run_tag}-{i}@example.com",
                "address": "", "postcode": "",
                "description": f"请公开2025年度清溪县城乡居民最低生活保障资金发放情况（压力测试 {run_tag} 第{i}件）",
                "document_number": "", "requested_form": "email", "obtaining_way": "email",
            }
            try:
                form["_csrf"] = client.csrf_token(path)
                with lock:
                    posting[0] += 1
                try:
                    status, _, html = client.request("POST", path, form=form)
                finally:
                    with lock:
                        posting[0] -= 1
            except Exception as e:
                outcomes[i] = ("error", f"{type(e).__name__}: {e}", killed.is_set())
                return
            finally:
                client.close()
            number, code = gk.text_between(html, "registration-number"), gk.text_between(html, "query-code")
            if status == 200 and number and code:
                outcomes[i] = ("ack", number, code)
                with lock:
                    acked[0] += 1
                    if acked[0] >= a.kill_after and not killed.is_set():
                        killed.set()
                        kill_info["unanswered"] = sum(1 for o in outcomes if o is None)
                        kill_info["posting"] = posting[0]
                        server.kill9()
            else:
                outcomes[i] = ("refused", status, gk.main_text(html)[:160], killed.is_set())

        burst_start = time.monotonic()
        with ThreadPoolExecutor(max_workers=a.workers) as pool:
            list(pool.map(submit, range(a.count)))
        burst_seconds = time.monotonic() - burst_start
        if not killed.is_set():
            failures.append(f"the server was never killed: only {acked[0]} acknowledgements (< {a.kill_after})")
            server.kill9()

        acks = [(i, o[1], o[2]) for i, o in enumerate(outcomes) if o and o[0] == "ack"]
        refused = [o for o in outcomes if o and o[0] == "refused"]
        errors = [o for o in outcomes if o and o[0] == "error"]
        refused_before = [o for o in refused if not o[3]]
        errors_before = [o for o in errors if not o[2]]
        reasons = {}
        for o in refused:
            key = f"{o[1]} {o[2]}"
            reasons[key] = reasons.get(key, 0) + 1
        print(f"crash: burst of {a.count} submissions, {a.workers} concurrent clients, {burst_seconds:.1f}s; "
              f"kill -9 after {a.kill_after} acknowledgements ({kill_info.get('posting', '?')} POSTs in flight, {kill_info.get('unanswered', '?')} submissions unanswered)")
        print(f"crash: acknowledged {len(acks)}, refused {len(refused)} ({len(refused_before)} before the kill), "
              f"connection errors {len(errors)} ({len(errors_before)} before the kill)")
        for k, n in sorted(reasons.items(), key=lambda kv: -kv[1])[:8]:
            print(f"crash:   refused {n}x: {k}")
        for o in errors_before[:5]:
            print(f"crash:   error before the kill: {o[1]}")
        server_errors = [o for o in refused if o[1] >= 500]
        refused_4xx = [o for o in refused_before if o[1] < 500]
        if server_errors:
            failures.append(f"{len(server_errors)} submissions answered 5xx")
        if refused_4xx:
            failures.append(f"{len(refused_4xx)} valid submissions refused before the kill (the burst must stay within the limits)")
        if errors_before:
            failures.append(f"{len(errors_before)} connection errors before the kill")
        numbers = [n for _, n, _ in acks]
        duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
        if duplicates:
            failures.append(f"registration numbers given twice: {duplicates[:10]}")

        # Restart on the same data and look every acknowledged submission up.
        restart = server.start("serve")
        print(f"crash: restarted with `gongkai serve` in {restart:.1f}s")
        found, lost = 0, []
        for j, (i, number, code) in enumerate(acks):
            # Own source address per 10 look-ups: a lost one is a failed look-up, and 20 of those an
            # hour from one address would block the rest.
            client = gk.Client(server.port, source=gk.loopback_address(10000 + j // 10))
            try:
                token = client.csrf_token("/ysq/track")
                status, _, html = client.request("POST", "/ysq/track", form={"_csrf": token, "number": number, "code": code})
            except Exception as e:
                lost.append((i, number, f"{type(e).__name__}: {e}"))
                continue
            finally:
                client.close()
            if status == 200 and gk.text_between(html, "track-status") and f'value="{number}"' in html:
                found += 1
            else:
                lost.append((i, number, f"HTTP {status}: {gk.text_between(html, 'track-error') or ''}"))
        print(f"crash: after restart {found} of {len(acks)} acknowledged submissions trackable, {len(lost)} lost")
        for i, number, why in lost[:10]:
            print(f"crash:   LOST submission {i} {number}: {why}")
        if lost:
            failures.append(f"{len(lost)} acknowledged submissions lost")

        # The server still takes applications, with a number not handed out before the crash.
        client = gk.Client(server.port, source=gk.loopback_address(20000))
        form = {"website": "", "applicant_kind": "natural_person", "name": "重启后申请人", "contact_person": "",
                "id_kind": "resident_id", "id_number": gk.resident_id(999), "phone": "", "address": "",
                "email": f"after-{run_tag}@example.com", "postcode": "", "document_number": "",
                "description": "请公开2025年度清溪县政府信息公开工作年度报告", "requested_form": "email", "obtaining_way": "email"}
        form["_csrf"] = client.csrf_token(f"/xxgk/{a.org}/apply")
        status, _, html = client.request("POST", f"/xxgk/{a.org}/apply", form=form)
        client.close()
        after = gk.text_between(html, "registration-number")
        print(f"crash: submission after restart: HTTP {status}, {after}")
        if status != 200 or not after:
            failures.append(f"submission after restart failed: HTTP {status}")
        elif after in numbers:
            failures.append(f"submission after restart got {after}, already given before the crash")

        audit = server.cli("audit", "verify")
        print(f"crash: gongkai audit verify: exit {audit.returncode}: {(audit.stdout + audit.stderr).strip().splitlines()[-1:]}")
        if audit.returncode != 0:
            failures.append("audit chain broken after the crash")
    except Exception as e:
        failures.append(f"{type(e).__name__}: {e}")
    finally:
        server.stop()
        if failures:
            print("crash: server log tail:\n" + server.log_tail(20))
        ws.close(keep=a.keep or bool(failures))

    print(f"crash: {time.monotonic() - t0:.0f}s")
    for f in failures:
        print(f"crash: FAIL: {f}")
    print("crash: " + ("FAILED" if failures else "PASSED"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
