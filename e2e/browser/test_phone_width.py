"""Phones: at a 360 CSS px wide screen no public page scrolls sideways (normal and 长辈 mode); in 长辈 mode an item
page's heading is near the top and its metadata labels stay on one line; after a failed submit of the application
form the error summary is focused and in view."""
import os

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import sitepages
from conftest import SHOTS
from pagewait import navigate

WIDTH, HEIGHT = 360, 740

# The elements that stick out to the right of the screen, widest first (for the failure message).
OVERFLOW = """
const w = document.documentElement.clientWidth, out = [];
for (const e of document.querySelectorAll('body *')) {
  const r = e.getBoundingClientRect();
  if (r.width > 0 && r.right > w + 0.5) {
    const cls = typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '';
    out.push([Math.round(r.right), e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + cls]);
  }
}
out.sort((a, b) => b[0] - a[0]);
return {scrollWidth: document.documentElement.scrollWidth, clientWidth: w, innerWidth: window.innerWidth, wide: out.slice(0, 5)};
"""


def phone(browser):
    """Makes the viewport really 360 CSS px wide (a phone, not a narrow desktop window)."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 2, "mobile": True})


def care_mode(browser, server, on):
    browser.get(f"{server}/care-mode?on={'1' if on else '0'}&back=/")
    assert ("care" in browser.find_element(By.TAG_NAME, "body").get_attribute("class").split()) == on


def width_problem(browser, label):
    m = browser.execute_script(OVERFLOW)
    assert m["clientWidth"] == WIDTH, f"layout viewport is {m['clientWidth']} px, not {WIDTH}"
    # (A phone zooms out to show a wider page: then innerWidth grows too.)
    if m["scrollWidth"] > WIDTH or m["innerWidth"] > WIDTH:
        return f"{label}: {m['scrollWidth']} px wide; sticking out: {m['wide']}"
    return None


@pytest.fixture(scope="module")
def pages(server):
    return sitepages.discover_public(server)


@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
def test_no_page_scrolls_sideways_at_360px(server, browser, pages, care):
    phone(browser)
    care_mode(browser, server, care)
    problems = []
    for label, path in pages.items():
        browser.get(server + path)
        problems.append(width_problem(browser, f"{label} {path}"))
    # States reached by a form: the application form after a failed submit, a failed progress lookup.
    browser.get(server + pages["依申请公开"])
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.apply-form button[type=submit]"))
    problems.append(width_problem(browser, "依申请公开（提交失败）"))
    browser.get(server + pages["办理进度查询"])
    browser.find_element(By.ID, "t-number").send_keys("16-2026-99999")
    browser.find_element(By.ID, "t-code").send_keys("ABCDEFGH")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    problems.append(width_problem(browser, "办理进度查询（查询失败）"))
    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems)


def test_care_mode_item_page_starts_near_the_top(server, browser, pages):
    phone(browser)
    care_mode(browser, server, True)
    items = {label: path for label, path in pages.items() if label.startswith("信息页")}
    assert items
    problems = []
    for label, path in items.items():
        browser.get(server + path)
        m = browser.execute_script("""
            const top = e => e ? Math.round(e.getBoundingClientRect().top + window.scrollY) : null;
            const lines = e => { const r = document.createRange(); r.selectNodeContents(e); return r.getClientRects().length; };
            return {h1: top(document.querySelector('h1')), title: top(document.querySelector('.item-title')),
                    labels: [...document.querySelectorAll('table.item-meta th')].map(th => [th.textContent, lines(th)])};""")
        if m["h1"] is None or m["h1"] > 800:
            problems.append(f"{label}: h1 starts at {m['h1']} px")
        # The document's own title within the first screen and a half (it was 2,000 px down).
        if m["title"] is None or m["title"] > 1000:
            problems.append(f"{label}: the document title starts at {m['title']} px")
        wrapped = [text for text, lines in m["labels"] if lines > 1]
        if not m["labels"] or wrapped:
            problems.append(f"{label}: metadata labels on more than one line: {wrapped or 'no metadata table'} (title at {m['title']} px)")
    browser.get(server + items["信息页"])
    browser.save_screenshot(os.path.join(SHOTS, "phone-care-item.png"))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
def test_failed_application_focuses_the_error_summary(server, browser, pages, care):
    phone(browser)
    care_mode(browser, server, care)
    browser.get(server + pages["依申请公开"])
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.apply-form button[type=submit]"))
    summary = browser.find_element(By.CSS_SELECTOR, ".error-box")
    assert "申请未提交" in summary.text
    WebDriverWait(browser, 5).until(lambda d: d.execute_script("return document.activeElement") == summary,
                                    "the error summary is not focused after the failed submit")
    top, bottom, height = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight];", summary)
    assert -1 <= top < height and bottom > 0, f"error summary is out of view (top {top:.0f} px, screen {height} px)"
    browser.save_screenshot(os.path.join(SHOTS, f"phone-apply-errors-{'care' if care else 'normal'}.png"))
