"""Site monitoring as the county office uses it, on its own demo site (no pauses between requests, links to
other sites not fetched, so nothing leaves 127.0.0.1): the office starts a check of the portal, the report
lists the planted faults of the demo (a 民政局 notice with a typo and a dead link) with veto items first, the
problem is assigned and the list exported to Excel (read back by openpyxl). Then LinkChecker (the Debian
package, a tool nobody here wrote) crawls the same site and must find exactly the dead links our crawl found.
The public 政务新媒体矩阵 and a 不予公开事项清单 fit a 360 px phone."""
import csv
import io
import os
import shutil
import subprocess
import time

import openpyxl
import pytest
from selenium.webdriver.common.by import By

from conftest import demo_site
from pagewait import navigate
from sitepages import Client
from test_application import login


# Both crawls read pages up to this many links from the home page and check the links found there (LinkChecker's -r).
DEPTH = 2


@pytest.fixture(scope="module")
def monitored_site():
    with demo_site("gongkai-monitor-", "GONGKAI_BROWSER_MONITOR_DATABASE_URL", GONGKAI_JOBS_INTERVAL_MINUTES="60",
                   GONGKAI_MONITOR_DELAY_MS="0", GONGKAI_MONITOR_EXTERNAL_LINKS="false", GONGKAI_MONITOR_MAX_DEPTH=str(DEPTH)) as base:
        yield base


def linkchecker_dead_links(base):
    """Internal links LinkChecker reports as broken (it obeys robots.txt like our crawl)."""
    binary = shutil.which("linkchecker")
    if not binary:
        if os.environ.get("GONGKAI_TEST_REQUIRE_LINKCHECKER"):
            pytest.fail("linkchecker is not installed")
        pytest.skip("linkchecker is not installed (apt-get install linkchecker)")
    out = subprocess.run([binary, "--no-status", "--no-warnings", "-r", str(DEPTH), "-o", "csv", base + "/"],
                         capture_output=True, text=True, timeout=900)
    rows = [line for line in out.stdout.splitlines() if line and not line.startswith("#")]
    dead = set()
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        url = row.get("url", "")
        if row.get("valid") == "False" and url.startswith(base):
            dead.add(url)
    assert "urlname" in rows[0], f"unexpected linkchecker output: {out.stdout[:500]} {out.stderr[:500]}"
    return dead


def test_office_checks_the_site_assigns_exports_and_linkchecker_agrees(monitored_site, browser, tmp_path):
    base = monitored_site
    login(browser, base, "gkb")
    browser.get(base + "/admin/monitor")
    assert "各单位情况" in browser.page_source
    # The demo's history: the hidden link fixed earlier, the dead link assigned to 民政局.
    assert "县民政局 信息员" in browser.page_source
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='立即检查']"))
    assert "已开始检查" in browser.page_source
    deadline = time.time() + 600
    while time.time() < deadline:
        browser.get(base + "/admin/monitor")
        history = browser.find_elements(By.XPATH, "//table[.//th[text()='开始时间']]//tbody/tr[td[3][text()='手动']]")
        if history and "检查进行中" not in browser.page_source:
            break
        time.sleep(3)
    else:
        pytest.fail("the check did not finish within 10 minutes")

    # The planted faults, found again by this check.
    browser.get(base + "/admin/monitor?kind=dead_link")
    assert "链接文字“检查表”：HTTP 404" in browser.page_source
    browser.get(base + "/admin/monitor?kind=typo")
    assert "按装" in browser.page_source
    browser.get(base + "/admin/monitor")
    standings = browser.find_elements(By.CSS_SELECTOR, "[aria-label='各单位情况'] tbody tr")
    assert any("清溪县民政局" in r.text for r in standings)

    # Assign the typo to the department.
    browser.get(base + "/admin/monitor?kind=typo")
    browser.find_element(By.CSS_SELECTOR, "tbody details summary").click()
    field = browser.find_element(By.CSS_SELECTOR, "tbody details input[name=assignee]")
    field.clear()
    field.send_keys("县民政局 刘洋")
    navigate(browser, browser.find_element(By.XPATH, "//tbody//details//button[text()='交办']"))
    assert "责任人：县民政局 刘洋" in browser.page_source

    # Export: openpyxl reads the workbook the page links to.
    client = Client(base)
    client.login("gkb")
    status, _, _ = client.get("/admin/monitor")
    assert status == 200
    with client.opener.open(base + "/admin/monitor/export.xlsx?status=open") as r:
        book = openpyxl.load_workbook(io.BytesIO(r.read()))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["序号", "单位", "问题类型", "单项否决项"]
    found = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert any(r[2] == "一般错别字" and r[10] == "县民政局 刘洋" for r in found)
    ours = {r[5] for r in found if r[2] == "错链/死链"}

    # LinkChecker on the same site finds the same dead links. It asks at most 10 pages a second, so the comparison
    # runs once, on the SQLite demo; the PostgreSQL run still crawls, reports and exports.
    if os.environ.get("GONGKAI_BROWSER_MONITOR_DATABASE_URL"):
        assert ours, "the demo's planted dead link is found"
        return
    theirs = linkchecker_dead_links(base)
    assert ours == theirs, f"our crawl: {sorted(ours)}; linkchecker: {sorted(theirs)}"
    assert ours, "the demo's planted dead link is found"


def test_new_media_matrix_and_negative_list_on_a_phone(monitored_site, browser):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True})
    for path in ["/xmt", "/xxgk/16/fmqd"]:
        browser.get(monitored_site + path)
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width} px wide"
    browser.get(monitored_site + "/xmt")
    assert "清溪发布" in browser.page_source and "已关停或整合的账号" in browser.page_source
    browser.get(monitored_site + "/xxgk/16/fmqd")
    assert "最低生活保障对象家庭经济状况核对" in browser.page_source
