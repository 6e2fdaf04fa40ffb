"""Shared helpers for the security proofs: start `gongkai demo` on a free port with its own data folder
(SQLite) or its own fresh PostgreSQL database, wait for /healthz, kill it, read its RSS, and talk HTTP
from a chosen loopback source address (127.x.y.z), so that per-address limits can be respected without
trusting X-Forwarded-For. All traffic goes to 127.0.0.1 only."""
import glob
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

HOST = "127.0.0.1"


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def loopback_address(n):
    """The n-th loopback source address, 127.1.0.1 upwards (all of 127.0.0.0/8 reaches this machine)."""
    n = n % (250 * 250)
    return f"127.1.{n // 250}.{n % 250 + 1}"


def psql_binary():
    found = shutil.which("psql")
    if found:
        return found
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))
    if not bins:
        raise RuntimeError("psql not found (apt-get install postgresql-client)")
    return bins[-1]


def _psql(url, sql):
    """Runs one statement on the server of `url`, connected to its `postgres` database."""
    u = urllib.parse.urlsplit(url)
    env = dict(os.environ, PGPASSWORD=urllib.parse.unquote(u.password or ""), PGOPTIONS="-c client_min_messages=warning")
    subprocess.run([psql_binary(), "-h", u.hostname or HOST, "-p", str(u.port or 5432), "-U",
                    urllib.parse.unquote(u.username or "postgres"), "-d", "postgres", "-v", "ON_ERROR_STOP=1",
                    "-qc", sql], env=env, check=True, stdout=subprocess.DEVNULL, timeout=60)


def fresh_postgres_database(url, name):
    """Creates (or re-creates) database `name` on the server of `url` and returns its URL."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,40}", name):
        raise ValueError(name)
    _psql(url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    _psql(url, f"CREATE DATABASE {name}")
    u = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((u.scheme, u.netloc, "/" + name, u.query, u.fragment))


def drop_postgres_database(url):
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    try:
        _psql(url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    except Exception as e:  # cleanup only: report, never hide the proof's own result
        print(f"  (could not drop database {name}: {e})")


class Server:
    """One `gongkai` process. `database_url` None means SQLite in `data_dir`."""

    def __init__(self, binary, data_dir, database_url=None, extra_env=None, name="gongkai"):
        self.binary = os.path.abspath(binary)
        self.data_dir = data_dir
        self.database_url = database_url
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.name = name
        self.proc = None
        self.log_path = None
        self.starts = 0
        env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_") and k != "DATABASE_URL"}
        env.update(GONGKAI_PORT=str(self.port), GONGKAI_HOST=HOST, GONGKAI_DATA_DIR=data_dir,
                   GONGKAI_BCRYPT_COST="10", GONGKAI_LINK_CHECK="false", GONGKAI_BASE_URL=self.base,
                   LOG_LEVEL="warning")
        if database_url:
            env["DATABASE_URL"] = database_url
        env.update(extra_env or {})
        self.env = env

    def start(self, command="demo", timeout=240):
        """Starts the server and waits for /healthz; raises with the log when it does not come up."""
        self.starts += 1
        self.log_path = os.path.join(self.data_dir, f"{self.name}-{self.starts}.log")
        log = open(self.log_path, "w")
        self.proc = subprocess.Popen([self.binary, command], env=self.env, cwd=self.data_dir,
                                     stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        return time.monotonic() - started
            except Exception:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gongkai {command} did not answer /healthz within {timeout}s:\n" + self.log_tail())

    def log_tail(self, lines=40):
        try:
            return "".join(open(self.log_path, errors="replace").readlines()[-lines:])
        except OSError:
            return ""

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def kill9(self):
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self):
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)

    def rss_kib(self):
        """Resident set size of the server process in KiB, from /proc/<pid>/status."""
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        raise RuntimeError("no VmRSS")

    def cli(self, *args, timeout=120):
        """Runs another `gongkai` command with the same environment (database)."""
        return subprocess.run([self.binary, *args], env=self.env, cwd=self.data_dir, capture_output=True,
                              text=True, timeout=timeout)


class Workspace:
    """A temporary data folder plus, with PostgreSQL, a fresh database named after the proof."""

    def __init__(self, proof, postgres_url=None):
        self.dir = tempfile.mkdtemp(prefix=f"gongkai-sec-{proof}-")
        self.database_url = fresh_postgres_database(postgres_url, f"gk_sec_{proof}") if postgres_url else None

    def close(self, keep=False):
        if self.database_url:
            drop_postgres_database(self.database_url)
        if not keep:
            shutil.rmtree(self.dir, ignore_errors=True)


class Client:
    """A keep-alive HTTP/1.1 connection to the server from one loopback source address, with the
    gk_csrf cookie of that client."""

    def __init__(self, port, source=None, timeout=30):
        self.port = port
        self.source = source
        self.timeout = timeout
        self.conn = None
        self.cookies = {}

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout,
                                                   source_address=(self.source, 0) if self.source else None)
        return self.conn

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method, path, form=None, headers=None):
        """Returns (status, headers, body text). Network errors propagate (the caller counts them)."""
        h = {"Host": f"{HOST}:{self.port}", "User-Agent": "gongkai-security-proof"}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        h.update(headers or {})
        conn = self._connection()
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            data = r.read()
        except Exception:
            self.close()
            raise
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                m = re.match(r"\s*([^=;]+)=([^;]*)", v)
                if m:
                    self.cookies[m.group(1)] = m.group(2)
        if r.getheader("Connection", "").lower() == "close":
            self.close()
        return r.status, r.getheaders(), data.decode("utf-8", errors="replace")

    def get(self, path):
        return self.request("GET", path)

    def csrf_token(self, path):
        """Loads a form page and returns its hidden _csrf value (the cookie is kept)."""
        status, _, html = self.get(path)
        m = re.search(r'name="_csrf" value="([^"]+)"', html)
        if status != 200 or not m:
            raise RuntimeError(f"GET {path}: {status}, no _csrf field")
        return m.group(1)


def resident_id(n):
    """A valid 18-digit 居民身份证号码 (GB 11643 check digit), different for each n below 10^6."""
    body = "110101" + "19%02d%02d%02d" % (50 + n // 10000 % 50, 1 + n // 28 % 12, 1 + n % 28) + "%03d" % (n % 1000)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * w for c, w in zip(body, weights))
    return body + "10X98765432"[s % 11]


def text_between(html, element_id):
    m = re.search(r'id="%s"[^>]*>([^<]*)<' % re.escape(element_id), html)
    return m.group(1).strip() if m else None


def percentile(values, p):
    if not values:
        return 0.0
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]


def main_text(html):
    """The visible text of a page's <main> element, whitespace collapsed (for messages in reports)."""
    m = re.search(r"<main\b.*?</main>", html, re.S)
    text = re.sub(r"<[^>]+>", " ", m.group(0) if m else html)
    return re.sub(r"\s+", " ", text).strip()
