"""Starts `gongkai demo` on a free port with a fresh data folder and gives tests a headless Chromium."""
import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHOTS = os.environ.get("GK_SCREENSHOTS", os.path.join(tempfile.gettempdir(), "gongkai-screenshots"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base, proc, log_path, timeout=120):
    """Waits for /healthz; a server that exits or never answers fails with its log."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            return
        except Exception:
            if proc.poll() is not None:
                break
            time.sleep(0.5)
    if proc.poll() is None:
        proc.kill()
    raise RuntimeError("gongkai demo did not start:\n" + open(log_path).read())


@contextlib.contextmanager
def demo_site(prefix, database_variable, **extra_env):
    """`gongkai demo` on a free port with a fresh data folder and `extra_env`; on PostgreSQL when the variable
    `database_variable` names a database. Yields the base address; stops the server and removes the folder."""
    binary = os.environ.get("GONGKAI_BIN", os.path.join(ROOT, ".build", "debug", "gongkai"))
    data = tempfile.mkdtemp(prefix=prefix)
    port = free_port()
    env = dict(os.environ, GONGKAI_PORT=str(port), GONGKAI_DATA_DIR=data, GONGKAI_BCRYPT_COST="10", **extra_env)
    env.pop("DATABASE_URL", None)
    if os.environ.get(database_variable):
        env["DATABASE_URL"] = os.environ[database_variable]
    log = open(os.path.join(data, "server.log"), "w")
    proc = subprocess.Popen([binary, "demo"], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=data)
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base, proc, os.path.join(data, "server.log"))
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="session")
def server():
    # The 公开专区 terminal returns to its start after 20 idle seconds here (120 by default), so the test can wait for it.
    with demo_site("gongkai-browser-", "GONGKAI_BROWSER_DATABASE_URL", GONGKAI_KIOSK_IDLE_SECONDS="20") as base:
        yield base


@pytest.fixture()
def browser():
    opts = webdriver.ChromeOptions()
    opts.add_argument("--headless=new")
    opts.add_argument("--no-sandbox")
    opts.add_argument("--disable-dev-shm-usage")
    opts.add_argument("--window-size=1280,900")
    opts.add_argument("--lang=zh-CN")
    opts.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")), options=opts)
    driver.implicitly_wait(5)
    os.makedirs(SHOTS, exist_ok=True)
    yield driver
    driver.quit()
