"""Browser smoke test: portal, 长辈 mode, log-in as 系统管理员, create an organisation, see it in the tree."""
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import SHOTS
from pagewait import navigate


def shot(browser, name):
    browser.save_screenshot(os.path.join(SHOTS, name + ".png"))


def test_portal_and_care_mode_is_remembered(server, browser):
    browser.get(server + "/")
    assert "清溪县人民政府" in browser.title
    assert "清溪县民政局" in browser.page_source
    assert "care" not in browser.find_element(By.TAG_NAME, "body").get_attribute("class")
    shot(browser, "portal-home")
    navigate(browser, browser.find_element(By.LINK_TEXT, "长辈模式（大字）"))
    assert "care" in browser.find_element(By.TAG_NAME, "body").get_attribute("class").split()
    size = browser.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 18, size
    # Remembered across pages without JavaScript doing anything.
    navigate(browser, browser.find_element(By.LINK_TEXT, "清溪县人民政府"))
    assert "care" in browser.find_element(By.TAG_NAME, "body").get_attribute("class").split()
    assert "政府信息公开指南" in browser.page_source
    shot(browser, "portal-org-care")
    navigate(browser, browser.find_element(By.LINK_TEXT, "退出长辈模式"))
    assert "care" not in browser.find_element(By.TAG_NAME, "body").get_attribute("class").split()


def test_phone_width_has_no_horizontal_scrolling(server, browser):
    browser.set_window_size(360, 800)
    for path in ["/", "/xxgk/1", "/xxgk/1/guide", "/admin/login"]:
        browser.get(server + path)
        width = browser.execute_script("return document.documentElement.scrollWidth")
        viewport = browser.execute_script("return window.innerWidth")
        assert width <= viewport, f"{path}: content {width}px wider than {viewport}px"
    browser.get(server + "/xxgk/1")
    shot(browser, "phone-org")


def test_admin_creates_organisation_and_sees_it_in_tree(server, browser):
    browser.get(server + "/admin")
    assert "/admin/login" in browser.current_url
    browser.find_element(By.ID, "username").send_keys("admin")
    browser.find_element(By.ID, "password").send_keys("Qx-Demo#2026")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "button[type=submit].primary"))
    assert "工作台" in browser.page_source
    navigate(browser, browser.find_element(By.LINK_TEXT, "机构管理"))
    shot(browser, "admin-orgs")
    navigate(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "添加下级"))
    assert "新建机构" in browser.page_source
    # A wrong credit code is reported next to the field and the input is kept.
    browser.find_element(By.ID, "f-name").send_keys("清溪县水务局")
    browser.find_element(By.ID, "f-short_name").send_keys("县水务局")
    Select(browser.find_element(By.ID, "f-kind")).select_by_visible_text("县级部门")
    browser.find_element(By.ID, "f-credit_code").send_keys("11441700007280420X")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.panel button[type=submit]"))
    error = browser.find_element(By.ID, "err-credit_code").text
    assert "校验码不正确" in error
    assert browser.find_element(By.ID, "f-name").get_attribute("value") == "清溪县水务局"
    shot(browser, "admin-org-error")
    field = browser.find_element(By.ID, "f-credit_code")
    field.clear()
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.panel button[type=submit]"))
    assert "已创建" in browser.page_source
    navigate(browser, browser.find_element(By.LINK_TEXT, "机构管理"))
    rows = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "table.org-tree tbody tr")]
    assert any("清溪县水务局" in r for r in rows), rows
    shot(browser, "admin-orgs-after")
    # The new organisation has its own public column.
    browser.get(server + "/")
    assert "清溪县水务局" in browser.page_source


def test_rules_column_lists_the_work_rules_under_the_office_text(server, browser):
    """政府信息公开制度 is a real column: the government's own text and its 工作制度 items, opened from the section list."""
    browser.get(server + "/xxgk/1")
    navigate(browser, browser.find_element(By.LINK_TEXT, "政府信息公开制度"))
    assert browser.current_url.endswith("/xxgk/1/rules")
    page = browser.page_source
    assert "本府已建立政府信息公开保密审查" in page
    assert "上线后" not in page
    navigate(browser, browser.find_element(By.LINK_TEXT, "清溪县人民政府政府信息公开保密审查制度"))
    assert "清府办发〔2024〕5号" in browser.page_source
    shot(browser, "portal-rules-item")
