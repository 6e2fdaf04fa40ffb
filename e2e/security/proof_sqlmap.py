#!/usr/bin/env python3
"""Proof: sqlmap finds no injectable parameter in the public site.

Starts `gongkai demo` and runs sqlmap (--batch, --level 2 --risk 2: boolean, error, UNION, stacked and
time-based tests for every DBMS) on the public GET parameters of the search page, the 政策文件库, the
API's item list and search, and on the two public forms that reach the database with what a citizen
types: the 依申请公开 application form POST /xxgk/<org>/apply and the tracking form POST /ysq/track.
The forms carry a valid CSRF pair (cookie gk_csrf + hidden _csrf, taken from the form page once).

The forms go through loopback_proxy (a new loopback source address per request) and the application's
phone number is randomised per request (--randomize=phone), so the site's per-address and per-contact
limits never turn requests into 429 pages that would hide an injection behind them. The phone field
itself is therefore not injected (it only admits digits, spaces, '+' and '-'); the honeypot field
`website` is not either (any value is refused before parsing).

sqlmap's output is parsed: the proof fails when any parameter is reported injectable (or a heuristic
says it might be), when a listed parameter was not tested to the end, when requests were refused with
403/429, or when sqlmap stopped on a critical error (e.g. no connection) or ran out of time.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gkserver as gk  # noqa: E402
import loopback_proxy  # noqa: E402

APPLY_ORG = 1


def targets(base, csrf, track_number, track_code):
    """What sqlmap tests. The forms carry one valid CSRF pair (cookie gk_csrf and field _csrf): the
    token is a double-submit value that stays valid for its cookie, so one pair serves every request
    (half the requests of fetching the form page each time with --csrf-token/--csrf-url); a 403 in a
    run means it stopped being accepted and fails the proof."""
    q = urllib.parse.quote
    apply_form = {
        "_csrf": csrf, "website": "", "applicant_kind": "natural_person", "name": "张三", "contact_person": "李四",
        "id_kind": "resident_id", "id_number": gk.resident_id(4242), "phone": "0832-5551234", "email": "",
        "address": "清溪县滨江大道2号", "postcode": "628000",
        "description": "请公开2025年度清溪县城乡居民最低生活保障资金发放情况", "document_number": "清府发〔2025〕1号",
        "requested_form": "paper", "obtaining_way": "post",
    }
    return [
        {"name": "search", "url": f"{base}/search?q={q('民政')}&org=16&kind=work_news&page=1",
         "params": ["q", "org", "kind", "page"]},
        {"name": "zcwjk", "url": f"{base}/zcwjk?org=1&year=2025&topic={q('民政、扶贫、救灾')}&validity=current",
         "params": ["org", "year", "topic", "validity"]},
        {"name": "api-items", "url": f"{base}/api/v1/items?organisation=16&kind=work_news&column=jdjc&page=1",
         "params": ["organisation", "kind", "column", "page"]},
        {"name": "api-search", "url": f"{base}/api/v1/search?q={q('养老')}&org=16&page=1",
         "params": ["q", "org", "page"]},
        # Free text, stored as typed (and the address is also a rate-limit lookup): the full level.
        {"name": "apply", "url": f"{base}/xxgk/{APPLY_ORG}/apply", "data": urllib.parse.urlencode(apply_form),
         "form": True, "randomize": "phone",
         "params": ["name", "contact_person", "address", "description", "document_number"]},
        # Choices and checked formats, refused with 400 unless valid: level 1 (a seventh of the requests;
        # level 2 on all twelve fields takes 2.5 minutes here).
        {"name": "apply-checked", "url": f"{base}/xxgk/{APPLY_ORG}/apply", "data": urllib.parse.urlencode(apply_form),
         "form": True, "randomize": "phone", "level": 1,
         "params": ["applicant_kind", "id_kind", "id_number", "email", "postcode", "requested_form", "obtaining_way"]},
        {"name": "track", "url": f"{base}/ysq/track", "form": True,
         "data": urllib.parse.urlencode({"_csrf": csrf, "number": track_number, "code": track_code}),
         "params": ["number", "code"]},
    ]


POSITIVE = [
    re.compile(r"identified the following injection point", re.I),
    re.compile(r"parameter '[^']+' (is|appears to be) '.*' injectable", re.I),
    re.compile(r"parameter '[^']+' is vulnerable", re.I),
    re.compile(r"heuristic \(basic\) test shows that .* might be injectable", re.I),
    re.compile(r"might be vulnerable to cross-site scripting", re.I),
    re.compile(r"might be vulnerable to file inclusion", re.I),
]


def run_sqlmap(t, out_dir, proxy_port, cookie, level, risk, timeout):
    # --skip-waf: sqlmap's WAF probe adds an unknown parameter full of attack strings; the API answers
    # an unknown parameter with 400, which sqlmap would report as a WAF (a CRITICAL line, not an injection).
    cmd = ["sqlmap", "--batch", "--disable-coloring", "--flush-session", "--skip-waf", f"--output-dir={out_dir}",
           f"--level={t.get('level', level)}", f"--risk={risk}", "-u", t["url"], "-p", ",".join(t["params"])]
    if "data" in t:
        cmd += ["--data", t["data"]]
    if t.get("form"):
        cmd += ["--cookie", cookie, "--proxy", f"http://127.0.0.1:{proxy_port}"]
    if t.get("randomize"):
        cmd += ["--randomize", t["randomize"]]
    traffic = os.path.join(out_dir + "-traffic.txt")
    cmd += ["-t", traffic]
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["TERM"] = "dumb"
    started = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL, env=env)
        out, rc = p.stdout + p.stderr, p.returncode
    except subprocess.TimeoutExpired as e:
        out, rc = (e.stdout or b"").decode("utf-8", "replace") if isinstance(e.stdout, bytes) else (e.stdout or ""), "timeout"
    try:
        with open(traffic, errors="replace") as f:
            requests = sum(1 for line in f if line.startswith("HTTP request [#"))
    except OSError:
        requests = 0
    return out, rc, time.monotonic() - started, cmd, requests


def judge(t, out, rc):
    """(problems, figures) for one sqlmap run."""
    problems = []
    for rx in POSITIVE:
        for m in rx.finditer(out):
            line = out[out.rfind("\n", 0, m.start()) + 1:out.find("\n", m.end())]
            problems.append(f"sqlmap: {line.strip()}")
    for p in t["params"]:
        tested = re.search(r"testing for SQL injection on (GET |POST |Cookie )?parameter '%s'" % re.escape(p), out)
        clean = re.search(r"parameter '%s' does not seem to be injectable" % re.escape(p), out)
        if not (tested and clean):
            problems.append(f"parameter '{p}' was not tested to the end")
    for line in out.splitlines():
        if "[CRITICAL]" in line:
            problems.append(line.strip())
    if rc == "timeout":
        problems.append("sqlmap ran out of time")
    if re.search(r"\b(403|429)\b \(", out):
        problems.append("requests refused with 403/429: the CSRF pair or a rate limit blocked the test")
    m = re.search(r"HTTP error codes detected during run:\s*\n(.*?)(?:\n\[|\Z)", out, re.S)
    codes = " ".join(m.group(1).split()) if m else "none"
    return problems, codes


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--postgres", help="server URL (postgres://...); a fresh database gk_sec_sqlmap is made on it")
    ap.add_argument("--level", type=int, default=2)
    ap.add_argument("--risk", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=240, help="seconds per sqlmap run")
    ap.add_argument("--only", action="append", help="run only this target (repeatable)")
    ap.add_argument("--base", help="test this running server instead of starting one (http://127.0.0.1:PORT)")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()

    t0 = time.monotonic()
    ws = gk.Workspace("sqlmap", a.postgres)
    server = None
    proxy = None
    failures = []
    try:
        if a.base:
            base = a.base.rstrip("/")
        else:
            server = gk.Server(a.bin, ws.dir, ws.database_url, name="sqlmap")
            print(f"sqlmap: starting demo ({'PostgreSQL' if a.postgres else 'SQLite'}) ...", flush=True)
            server.start("demo")
            base = server.base
        port = urllib.parse.urlsplit(base).port
        if urllib.parse.urlsplit(base).hostname != gk.HOST:
            raise SystemExit("only a server on 127.0.0.1 may be tested")
        proxy, proxy_port = loopback_proxy.start(port)

        # A real application to look up, so that the tracking form's normal answer is the case page,
        # and the CSRF pair of that client for the forms.
        selected = [t["name"] for t in targets("", "", "", "") if not a.only or t["name"] in a.only]
        csrf, cookie, number, code = "", "", "", ""
        if {"apply", "apply-checked", "track"} & set(selected):
            c = gk.Client(port, source=gk.loopback_address(29999))
            try:
                csrf = c.csrf_token(f"/xxgk/{APPLY_ORG}/apply")
                cookie = "; ".join(f"{k}={v}" for k, v in c.cookies.items())
                form = {"_csrf": csrf, "website": "", "applicant_kind": "natural_person",
                        "name": "王五", "contact_person": "", "id_kind": "resident_id", "id_number": gk.resident_id(77),
                        "phone": "13900000077", "email": "", "address": "清溪县滨江大道3号", "postcode": "",
                        "document_number": "", "description": "请公开2025年度清溪县财政预算执行情况",
                        "requested_form": "paper", "obtaining_way": "post"}
                status, _, html = c.request("POST", f"/xxgk/{APPLY_ORG}/apply", form=form)
                number, code = gk.text_between(html, "registration-number") or "", gk.text_between(html, "query-code") or ""
                if status != 200 or not number:
                    failures.append(f"could not submit the application to track: HTTP {status} {gk.main_text(html)[:300]}")
            finally:
                c.close()

        for t in targets(base, csrf, number, code):
            if t["name"] not in selected:
                continue
            out, rc, seconds, cmd, requests = run_sqlmap(t, os.path.join(ws.dir, "sqlmap-" + t["name"]), proxy_port, cookie,
                                               a.level, a.risk, a.timeout)
            with open(os.path.join(ws.dir, f"sqlmap-{t['name']}.log"), "w") as f:
                f.write(shlex.join(cmd) + "\n" + out)
            problems, codes = judge(t, out, rc)
            if requests < 50 * len(t["params"]):
                problems.append(f"only {requests} requests for {len(t['params'])} parameters")
            print(f"sqlmap: {t['name']:13} level {t.get('level', a.level)}, {len(t['params'])} parameters ({','.join(t['params'])}): {requests} requests, "
                  f"{seconds:.0f}s, HTTP errors: {codes}; " + ("injectable/problems: " + str(len(problems)) if problems else "0 injectable"),
                  flush=True)
            for p in problems[:10]:
                print(f"sqlmap:   {p}")
            if problems:
                failures.append(f"{t['name']}: {len(problems)} problems")
                print("\n".join(out.splitlines()[-30:]))
        if server and not server.alive():
            failures.append("the server died during the scan")
    except Exception as e:
        failures.append(f"{type(e).__name__}: {e}")
    finally:
        if proxy:
            proxy.shutdown()
        if server:
            server.stop()
            if failures:
                print("sqlmap: server log tail:\n" + server.log_tail(20))
        ws.close(keep=a.keep or bool(failures))

    print(f"sqlmap: {time.monotonic() - t0:.0f}s")
    for f in failures:
        print(f"sqlmap: FAIL: {f}")
    print("sqlmap: " + ("FAILED" if failures else "PASSED"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
