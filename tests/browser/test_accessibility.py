"""axe-core (bundled in the axe-selenium-python test package) on the main pages: no serious or critical
violations of the WCAG A/AA rules that bundled axe knows (tags wcag2a, wcag2aa), in normal and 长辈 mode."""
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By

from pagewait import navigate

PUBLIC = ["/", "/xxgk/1", "/xxgk/1/guide", "/xxgk/16/fdzdgknr", "/xxgk/16/fdzdgknr/shjz", "/xxgk/1/fdzdgknr/zcwj", "/xxgk/1/fdzdgknr/zcjd", "/zcwjk", "/zcwjk?validity=invalid", "/xxgk/16/catalogue/%E7%A4%BE%E4%BC%9A%E6%95%91%E5%8A%A9", "/search?q=%E4%B8%B4%E6%97%B6%E6%95%91%E5%8A%A9", "/xxgk/1/apply",
          "/ysq/track", "/no-such-page", "/admin/login"]
ADMIN = ["/admin", "/admin/applications", "/admin/calendar?year=2026&start=2026-09-28&days=20", "/admin/orgs", "/admin/orgs/1", "/admin/orgs/new?parent=1", "/admin/users", "/admin/audit", "/admin/account/password",
         "/admin/items", "/admin/items/new?org=16", "/admin/check-lists", "/admin/mail", "/admin/orgs/16/letters", "/admin/orgs/16/letters/reply.1",
         "/admin/cleanup", "/admin/orgs/1/publishing",
         "/admin/reports?year=2025", "/admin/reports/16/2025",
         "/admin/catalogue", "/admin/catalogue/16/%E7%A4%BE%E4%BC%9A%E6%95%91%E5%8A%A9", "/admin/coverage?org=16"]


def serious_violations(browser):
    Axe(browser).inject()
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})"
        ".then(r => done(r)).catch(e => done({violations: [{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]}));")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_public_pages(server, browser):
    problems = {}
    for care in ("0", "1"):
        browser.get(f"{server}/care-mode?on={care}&back=/")
        for path in PUBLIC:
            browser.get(server + path)
            found = serious_violations(browser)
            if found:
                problems[f"{path} care={care}"] = found
    assert not problems, problems


def test_back_office_pages(server, browser):
    browser.get(server + "/admin/login")
    browser.find_element(By.ID, "username").send_keys("admin")
    browser.find_element(By.ID, "password").send_keys("Qx-Demo#2026")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "button[type=submit].primary"))
    problems = {}
    for path in ADMIN:
        browser.get(server + path)
        found = serious_violations(browser)
        if found:
            problems[path] = found
    assert not problems, problems
