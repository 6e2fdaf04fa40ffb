"""Two `gongkai serve` instances on one PostgreSQL database behind nginx (issue 21). Proves:
log-in on one instance and act on the other; a change made through one is on the other's cached
public pages within the stated second; background jobs run once per interval across both (each
job claimed in `job_claims`); a file uploaded through one is served by the other; nginx spreads
requests over both. With --measure, also measures a cached page through nginx with both instances
against one instance (wrk), into the given JSON file.

Usage: python3 e2e/scale/two_instances.py BINARY POSTGRES_URL [--measure OUT.json]"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from html.parser import HTMLParser

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "security"))
from gkserver import HOST, Client, Server, fresh_postgres_database, drop_postgres_database, free_port, psql_binary  # noqa: E402

PASSWORD = "Qx-Demo#2026"
passed = []


def check(name, condition, detail=""):
    if not condition:
        raise AssertionError(f"{name}: {detail}")
    passed.append(name)
    print(f"  ok  {name}" + (f" ({detail})" if detail else ""))


def sql(url, query):
    u = urllib.parse.urlsplit(url)
    env = dict(os.environ, PGPASSWORD=urllib.parse.unquote(u.password or ""))
    out = subprocess.run([psql_binary(), "-h", u.hostname, "-p", str(u.port), "-U", urllib.parse.unquote(u.username),
                          "-d", u.path.lstrip("/"), "-At", "-F", "\t", "-c", query],
                         env=env, check=True, capture_output=True, text=True, timeout=60)
    return [line.split("\t") for line in out.stdout.splitlines() if line]


class FormFields(HTMLParser):
    """The fields a browser would submit from the form whose action is `action`."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.fields, self.target = action, False, [], None
        self.select, self.textarea = None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = (a.get("action") or "").split("?")[0] == self.action and a.get("method", "get").lower() == "post"
            if self.inside:
                self.target = a.get("action")
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type", "text") not in ("submit", "button", "file", "reset"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append([a["name"], a.get("value", "on" if a.get("type") == "checkbox" else "")])
        elif tag == "select" and a.get("name"):
            self.select = [a["name"], None]
        elif tag == "option" and self.select is not None:
            if self.select[1] is None or "selected" in a:
                self.select[1] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            self.fields.append([self.select[0], self.select[1] or ""])
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(self.textarea)
            self.textarea = None


def form_fields(html, action, with_target=False):
    """The fields of the form posting to `action` (its query aside), and its full action if asked."""
    p = FormFields(action)
    p.feed(html)
    return (p.fields, p.target) if with_target else p.fields


def multipart(fields, files):
    boundary = "----gkpair" + os.urandom(8).hex()
    out = b""
    for k, v in fields:
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
    for k, name, data in files:
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="{name}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
    return out + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def log_in(port, username):
    c = Client(port)
    token = c.csrf_token("/admin/login")
    status, _, _ = c.request("POST", "/admin/login", {"username": username, "password": PASSWORD, "_csrf": token})
    assert status == 302, f"log-in of {username} on port {port}: {status}"
    assert "gk_session" in c.cookies
    return c


def start_nginx(workdir, ports):
    port = free_port()
    conf = os.path.join(workdir, f"nginx-{port}.conf")
    upstream = "".join(f"server 127.0.0.1:{p};" for p in ports)
    with open(conf, "w") as f:
        f.write(f"""worker_processes 2;
pid {workdir}/nginx-{port}.pid;
error_log {workdir}/nginx-error-{port}.log;
events {{ worker_connections 1024; }}
http {{
  log_format up '$upstream_addr $status $request_uri';
  access_log {workdir}/nginx-access-{port}.log up;
  upstream gongkai {{ {upstream} keepalive 32; }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://gongkai;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }}
  }}
}}
""")
    subprocess.run(["nginx", "-c", conf], check=True)
    time.sleep(0.5)
    return port, conf


def stop_nginx(conf):
    subprocess.run(["nginx", "-c", conf, "-s", "stop"], check=False)


def wrk(url, seconds=15):
    out = subprocess.run(["wrk", "-t2", "-c64", f"-d{seconds}s", "--latency", url], capture_output=True, text=True, check=True).stdout

    def ms(v):
        n, u = re.match(r"([\d.]+)(\w+)", v).groups()
        return round(float(n) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[u], 2)
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50_ms": ms(lat["50"]),
            "p99_ms": ms(lat["99"]), "errors": errors + (int(non2xx.group(1)) if non2xx else 0)}


def main():
    binary, base_url = sys.argv[1], sys.argv[2]
    measure = sys.argv[sys.argv.index("--measure") + 1] if "--measure" in sys.argv else None
    if not shutil.which("nginx"):
        raise SystemExit("nginx not found (apt-get install nginx-light)")
    workdir = tempfile.mkdtemp(prefix="gk-pair-")
    os.chmod(workdir, 0o755)
    url = fresh_postgres_database(base_url, "gk_pair")
    env = {"GONGKAI_JOBS_INTERVAL_MINUTES": "1", "GONGKAI_MONITOR_CRAWL_HOURS": "0", "GONGKAI_MONITOR_PROBE_MINUTES": "0",
           "GONGKAI_TRUSTED_PROXIES": "127.0.0.1"}
    a = Server(binary, workdir, database_url=url, extra_env=env, name="instance-a")
    b = Server(binary, workdir, database_url=url, extra_env=env, name="instance-b")
    confs = []
    try:
        t = a.start("demo")
        a_started = time.monotonic()
        print(f"instance A (demo data loaded) up in {t:.1f} s on port {a.port}")
        t = b.start("serve")
        print(f"instance B up in {t:.1f} s on port {b.port}")
        time.sleep(3)

        # Jobs: A's first pass claimed every job; B's first pass found none due.
        rows = dict((name, int(runs)) for name, runs in sql(url, "SELECT name, runs FROM job_claims"))
        jobs = len(rows)
        check("every job claimed once after both instances' first pass", jobs >= 10 and set(rows.values()) == {1}, f"{jobs} jobs: {rows}")

        # Log in on A, act on B.
        staff = log_in(a.port, "gkb")
        org = sql(url, "SELECT id FROM organisations WHERE short_name = '县民政局' OR name LIKE '%民政局' ORDER BY id LIMIT 1")[0][0]
        public_a, public_b = Client(a.port), Client(b.port)
        for c in (public_a, public_b):
            status, _, html = c.get(f"/xxgk/{org}")
            assert status == 200, status
        staff.port = b.port
        staff.close()
        status, _, html = staff.get(f"/admin/orgs/{org}")
        check("a session made on instance A is valid on instance B", status == 200 and "gk_session" in staff.cookies, f"GET /admin/orgs/{org} on B: {status}")
        fields = form_fields(html, f"/admin/orgs/{org}")
        phone = "0832-" + str(5550000 + int(time.time()) % 9999)
        fields = [[k, phone if k == "office_phone" else v] for k, v in fields]
        assert any(k == "office_phone" for k, _ in fields), fields
        status, _, body = staff.request("POST", f"/admin/orgs/{org}", [tuple(f) for f in fields])
        check("the change is accepted on instance B", status in (200, 302, 303), f"{status}")
        changed = time.monotonic()
        seen = None
        while time.monotonic() - changed < 5:
            status, _, html = public_a.get(f"/xxgk/{org}")
            if phone in html:
                seen = time.monotonic() - changed
                break
            time.sleep(0.05)
        check("instance A's cached organisation page shows it within the stated second", seen is not None and seen <= 1.5,
              f"after {seen:.2f} s" if seen is not None else "not seen in 5 s")

        # A file uploaded through B is served by A (files live in the database, not on one disk).
        author = log_in(b.port, "xxy_mz")
        new_form = author.get(f"/admin/items/new?org={org}")[2]
        new_fields, target = form_fields(new_form, "/admin/items", with_target=True)
        if not any(k == "columns" for k, _ in new_fields):
            new_fields.append(["columns", re.search(r'name="columns" value="([^"]+)"', new_form).group(1)])
        over = {"title": "双实例附件测试通知", "body": "<p>双实例附件测试。</p>", "written_on": "2026-11-02"}
        new_fields = [[k, over.get(k, v)] for k, v in new_fields]
        status, headers, created = author.request("POST", target, [tuple(f) for f in new_fields])
        location = dict((k.lower(), v) for k, v in headers).get("location", "")
        m = re.search(r"/admin/items/([0-9A-Fa-f-]{36})", location)
        assert status in (302, 303) and m, f"item not created: {status} {location} {new_fields} {created[-1500:]}"
        item = m.group(1)
        pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + os.urandom(64).hex().encode()
        body, ctype = multipart([["_csrf", author.csrf_token(f"/admin/items/{item}")]], [["attachment", "双实例.pdf", pdf]])
        conn = author._connection()
        conn.request("POST", f"/admin/items/{item}/attachments", body=body,
                     headers={"Cookie": "; ".join(f"{k}={v}" for k, v in author.cookies.items()), "Content-Type": ctype})
        r = conn.getresponse()
        r.read()
        assert r.status in (302, 303), f"upload: {r.status}"
        att = sql(url, f"SELECT id FROM item_attachments WHERE item_id = '{item}'")
        assert att, "no attachment row"
        reader = log_in(a.port, "xxy_mz")
        conn = reader._connection()
        conn.request("GET", f"/admin/items/{item}/attachments/{att[0][0]}",
                     headers={"Cookie": "; ".join(f"{k}={v}" for k, v in reader.cookies.items())})
        r = conn.getresponse()
        data = r.read()
        check("a file uploaded through instance B is served by instance A", r.status == 200 and data == pdf, f"{r.status}, {len(data)} bytes")

        # nginx in front: requests reach both instances.
        port, conf = start_nginx(workdir, [a.port, b.port])
        confs.append(conf)
        visitor = Client(port)
        for _ in range(20):
            status, _, _ = visitor.get("/")
            assert status == 200
            visitor.close()
        log = open(os.path.join(workdir, f"nginx-access-{port}.log")).read()
        used = {p for p in (a.port, b.port) if f"127.0.0.1:{p}" in log}
        check("nginx spreads public requests over both instances", used == {a.port, b.port}, f"upstreams used: {sorted(used)}")

        # After one interval the jobs ran a second time, once each, on whichever instance claimed them.
        wait = 80 - (time.monotonic() - a_started)
        if wait > 0:
            time.sleep(wait)
        rows = dict((name, int(runs)) for name, runs in sql(url, "SELECT name, runs FROM job_claims"))
        holders = {h for (h,) in sql(url, "SELECT DISTINCT holder FROM job_claims")}
        check("after one interval every job ran exactly twice over both instances", set(rows.values()) == {2},
              f"{rows}; holders {len(holders)}")

        if measure:
            item_path = sql(url, "SELECT '/xxgk/' || organisation_id || '/content/' || id FROM information_items "
                                 "WHERE status = 'published' AND attribute = 'proactive' ORDER BY published_at DESC LIMIT 1")[0][0]
            one_port, one_conf = start_nginx(workdir, [a.port])
            confs.append(one_conf)
            results = {"page": item_path, "note": "wrk -t2 -c64 through nginx on the same 2 cores; cached item page"}
            for name, p in (("one-instance", one_port), ("two-instances", port)):
                wrk(f"http://127.0.0.1:{p}{item_path}", 5)  # warm-up
                results[name] = wrk(f"http://127.0.0.1:{p}{item_path}")
                print(f"  {name}: {results[name]}")
            with open(measure, "w") as f:
                json.dump(results, f, indent=2, ensure_ascii=False)
        print(f"two-instances: {len(passed)} passed")
    except BaseException:
        for s in (a, b):
            print(f"--- {s.name} log ---\n" + s.log_tail(30))
        raise
    finally:
        for conf in confs:
            stop_nginx(conf)
        for s in (a, b):
            if s.proc is not None:
                s.stop()
        drop_postgres_database(url)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
