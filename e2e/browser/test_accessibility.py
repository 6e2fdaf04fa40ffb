"""axe-core 4.10+ (the axe.min.js shipped in the PyPI package axe-playwright-python; only that file is used, not
Playwright) on every public page type and the main back-office pages: no violations of any impact of the rules tagged
WCAG 2.0/2.1 A and AA and WCAG 2.2 AA, in normal and 长辈 mode, on a desktop window and on a 360 px phone."""
import importlib.resources
import re

import pytest
from selenium.webdriver.common.by import By

import sitepages
from pagewait import navigate

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Fixed pages beside the ones found by following links (other organisations, other columns, a search).
PUBLIC = ["/xxgk/1", "/xxgk/1/guide", "/xxgk/16/fdzdgknr/shjz", "/xxgk/1/fdzdgknr/zcwj", "/xxgk/1/fdzdgknr/zcjd",
          "/search?q=%E4%B8%B4%E6%97%B6%E6%95%91%E5%8A%A9", "/xxgk/1/apply", "/admin/login"]


def axe_source():
    try:
        source = importlib.resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
    except ModuleNotFoundError:
        pytest.fail("axe.min.js is missing: run .ci/browser-extra.sh (pip install --no-deps axe-playwright-python)")
    version = tuple(int(x) for x in re.search(r"axe v(\d+)\.(\d+)", source[:200]).groups())
    assert version >= (4, 10), f"axe-core {version} is older than 4.10"
    return source


AXE = axe_source()


def violations(browser):
    browser.set_script_timeout(60)
    browser.execute_script(AXE)
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r)).catch(e => done({violations: [{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]}));",
        TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in result["violations"]]


def phone(browser):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True})


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_public_pages(server, browser, screen):
    if screen == "phone":
        phone(browser)
    pages = sitepages.discover_public(server)
    paths = list(dict.fromkeys(list(pages.values()) + PUBLIC))
    problems = {}
    for care in ("0", "1"):
        browser.get(f"{server}/care-mode?on={care}&back=/")
        for path in paths:
            browser.get(server + path)
            found = violations(browser)
            if found:
                problems[f"{path} care={care}"] = found
        # The application form after a failed submit (error summary, invalid fields).
        browser.get(server + pages["依申请公开"])
        navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.apply-form button[type=submit]"))
        found = violations(browser)
        if found:
            problems[f"{pages['依申请公开']} (failed submit) care={care}"] = found
    assert not problems, problems


def test_back_office_pages(server, browser):
    staff = sitepages.Client(server)
    staff.login("gkb")  # 公开办管理员: may open every back-office page
    paths = sitepages.discover_admin(staff)
    browser.get(server + "/admin/login")
    browser.find_element(By.ID, "username").send_keys("gkb")
    browser.find_element(By.ID, "password").send_keys(sitepages.demo_password())
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "button[type=submit].primary"))
    problems = {}
    for path in paths:
        browser.get(server + path)
        assert "/admin/login" not in browser.current_url, f"{path}: sent to the log-in page"
        found = violations(browser)
        if found:
            problems[path] = found
    assert not problems, problems
