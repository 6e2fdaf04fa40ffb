"""政策服务直通车 in the browser: a citizen scans the QR code of 石桥镇's 惠农 明白卡 (zbarimg reads it from
Chromium's rendering), subscribes as 农民 in 石桥镇 and confirms from the e-mail (a real SMTP server,
aiosmtpd); the 民政局 publishes a subsidy notice through 先审后发 and its reviewer confirms the audience;
`gongkai jobs` runs; the digest arrives saying why; the county's webhook receiver checks the HMAC
signature with Python's own hmac; one click in the mail unsubscribes and deletes the profile."""
import hashlib
import hmac
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ROOT, SHOTS, wait_until_up
from pagewait import navigate
from test_application import login
from test_participation import free_port
from test_publishing import approve


class Hooks(http.server.BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        Hooks.received.append((body, self.headers.get("X-Gongkai-Timestamp", ""), self.headers.get("X-Gongkai-Signature", "")))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture()
def push_site():
    data = tempfile.mkdtemp(prefix="gongkai-push-")
    mail_dir = os.path.join(data, "mail")
    os.makedirs(mail_dir)
    sink = subprocess.Popen([sys.executable, os.path.join(ROOT, "e2e", "mail", "smtp_sink.py"), "--dir", mail_dir],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    ready = sink.stdout.readline().split()
    if not ready or ready[0] != "READY":
        pytest.fail("smtp_sink.py did not start (pip install aiosmtpd)")
    hooks = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hooks)
    threading.Thread(target=hooks.serve_forever, daemon=True).start()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, GONGKAI_PORT=str(port), GONGKAI_DATA_DIR=data, GONGKAI_BCRYPT_COST="10", GONGKAI_BASE_URL=base,
               GONGKAI_JOBS_INTERVAL_MINUTES="0", GONGKAI_SMTP_HOST="127.0.0.1", GONGKAI_SMTP_PORT=ready[1],
               GONGKAI_SMTP_SECURITY="none", GONGKAI_PUSH_WEBHOOK_PRIVATE="true")
    env.pop("DATABASE_URL", None)
    if os.environ.get("GONGKAI_BROWSER_PUSH_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["GONGKAI_BROWSER_PUSH_DATABASE_URL"]
    binary = os.environ.get("GONGKAI_BIN", os.path.join(ROOT, ".build", "debug", "gongkai"))
    log = open(os.path.join(data, "server.log"), "w")
    proc = subprocess.Popen([binary, "demo"], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=data)
    wait_until_up(base, proc, os.path.join(data, "server.log"))
    yield {"base": base, "env": env, "binary": binary, "mail": mail_dir, "hook": f"http://127.0.0.1:{hooks.server_address[1]}/hook", "data": data}
    proc.terminate()
    proc.wait(timeout=20)
    hooks.shutdown()
    sink.stdin.close()
    sink.wait(timeout=20)
    log.close()
    shutil.rmtree(data, ignore_errors=True)


def mails(folder, want, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = [json.load(open(os.path.join(folder, f), encoding="utf-8")) for f in sorted(os.listdir(folder)) if f.endswith(".json")]
        hits = [m for m in found if want(m)]
        if hits:
            return hits
        time.sleep(0.5)
    raise AssertionError("no such mail arrived; got: " + ", ".join(m["subject"] for m in found))


def test_card_qr_subscribe_confirm_publish_digest_webhook_unsubscribe(push_site, browser, tmp_path):
    base = push_site["base"]
    # The 明白卡 of 石桥镇 from the 惠农政策包.
    browser.get(base + "/zhitongche")
    navigate(browser, browser.find_element(By.LINK_TEXT, "惠农政策包"))
    assert "清溪县农业农村局关于做好2026年耕地地力保护补贴发放工作的通知" in browser.page_source
    navigate(browser, browser.find_element(By.LINK_TEXT, "石桥镇明白卡"))
    assert "石桥镇惠农政策包明白卡" in browser.find_element(By.TAG_NAME, "h1").text
    browser.save_screenshot(os.path.join(SHOTS, "push-card.png"))
    zbarimg = shutil.which("zbarimg")
    if not zbarimg:
        if os.environ.get("GONGKAI_TEST_REQUIRE_ZBAR"):
            pytest.fail("zbarimg (zbar-tools) is required here")
        pytest.skip("zbarimg (zbar-tools) is not installed")
    shot = tmp_path / "card-qr.png"
    browser.find_element(By.CSS_SELECTOR, ".doc-qr svg").screenshot(str(shot))
    out = subprocess.run([zbarimg, "--raw", "-q", str(shot)], capture_output=True, text=True, timeout=30)
    scanned = out.stdout.strip()
    assert scanned.startswith(base + "/zhitongche/subscribe?region="), scanned

    # "扫码上车": the form comes preset as 农民 in 石桥镇.
    browser.delete_all_cookies()
    browser.get(scanned)
    sq = browser.find_element(By.XPATH, "//label[normalize-space()='石桥镇']/input")
    farmer = browser.find_element(By.XPATH, "//label[normalize-space()='农民']/input")
    assert sq.is_selected() and farmer.is_selected()
    browser.find_element(By.ID, "f-email").send_keys("wang.nongmin@example.cn")
    browser.find_element(By.XPATH, "//label[contains(., '即时推送')]/input").click()
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='订阅']"))
    assert "请查收确认邮件" in browser.page_source

    confirm = mails(push_site["mail"], lambda m: "请确认您的政策订阅" in m["subject"])[0]
    link = re.search(r"http://\S+/zhitongche/confirm/\S+", confirm["body"]).group(0)
    browser.get(link)
    assert "订阅已生效" in browser.page_source

    # The office connects its gateway.
    browser.delete_all_cookies()
    login(browser, base, "gkb")
    browser.get(base + "/admin/push/webhooks")
    browser.find_element(By.ID, "w-name").send_keys("县融媒体中心")
    browser.find_element(By.ID, "w-url").send_keys(push_site["hook"])
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='添加']"))
    secret = browser.find_element(By.XPATH, "//td[text()='县融媒体中心']/following-sibling::td[2]/code").text

    # The 民政局 publishes a subsidy notice for 石桥镇 through 先审后发.
    title = "石桥镇2026年冬春困难农户生活补助发放通知"
    browser.delete_all_cookies()
    login(browser, base, "xxy_mz")
    browser.get(base + "/admin/items/new?org=16")
    browser.find_element(By.ID, "f-title").send_keys(title)
    browser.find_element(By.ID, "f-body").send_keys("<p>对石桥镇生活困难的农户发放冬春生活补助，由村民委员会摸底、镇政府审核后发放到户。</p>")
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("notice")
    browser.find_element(By.CSS_SELECTOR, "input[name=columns][value=shjz]").click()
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.item-form button[type=submit]"))
    item_url = browser.current_url.split("?")[0]
    assert "/admin/items/" in item_url, browser.find_element(By.TAG_NAME, "main").text[:500]
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='提交审核']"))
    for reviewer in ["shy_mz", "bmsc", "leader"]:
        approve(browser, base, item_url, reviewer)
    assert browser.find_element(By.ID, "item-status").text == "已发布"

    # Its reviewer confirms the audience the system suggested, adding the township.
    browser.delete_all_cookies()
    login(browser, base, "shy_mz")
    browser.get(base + "/admin/push/items/" + item_url.rsplit("/", 1)[1])
    assert browser.find_element(By.XPATH, "//label[normalize-space()='农民']/input").is_selected()
    browser.find_element(By.XPATH, "//label[normalize-space()='石桥镇']/input").click()
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='确认并用于推送']"))
    assert "已确认" in browser.find_element(By.ID, "audience-state").text

    # The background jobs (as cron runs them) send the digest and call the webhook.
    run = subprocess.run([push_site["binary"], "jobs"], env=push_site["env"], cwd=push_site["data"], capture_output=True, text=True, timeout=120)
    assert run.returncode in (0, 3), run.stdout + run.stderr
    digest = mails(push_site["mail"], lambda m: m["rcpt_tos"] == ["wang.nongmin@example.cn"] and "政策" in m["subject"]
                   and title in (m["body"] or ""))[0]
    body = digest["body"]
    section = body.split("—— 因为您的身份：农民；所在乡镇（村、社区）：石桥镇 ——", 1)
    assert len(section) == 2, body
    assert title in section[1].split("——", 1)[0]

    hooks = [h for h in Hooks.received if title.encode() in h[0]]
    assert hooks, "the webhook got the notice"
    payload, timestamp, signature = hooks[0]
    expected = "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + payload, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(signature, expected)
    notice = json.loads(payload)
    assert notice["event"] == "published" and notice["audience"]["groups"] == ["农民"]
    assert [r["name"] for r in notice["audience"]["regions"]] == ["石桥镇"]

    # One click in the mail: gone, with the profile.
    unsubscribe = re.search(r"http://\S+/zhitongche/unsubscribe/\S+", body).group(0)
    profile = re.search(r"http://\S+/zhitongche/profile/\S+", body).group(0)
    browser.delete_all_cookies()
    browser.get(unsubscribe)
    assert "您的邮箱和订阅选择已经删除" in browser.page_source
    browser.get(profile)
    assert "链接无效" in browser.page_source
