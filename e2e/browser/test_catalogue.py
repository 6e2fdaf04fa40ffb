"""The standard catalogue: public pages with links to what fulfils each row, the coverage dashboard,
and an XLSX export that openpyxl reads and that imports back unchanged."""
from selenium.webdriver.common.by import By

from pagewait import navigate
from test_application import login
import io
import json
import os
import tempfile
import urllib.request

import openpyxl


def org_id(server, name):
    with urllib.request.urlopen(server + "/api/v1/organisations", timeout=20) as r:
        return next(o["id"] for o in json.loads(r.read().decode("utf-8")) if o["name"] == name)


def test_public_catalogues_county_and_townships(server, browser):
    browser.get(server + "/xxgk/16/catalogue")
    navigate(browser, browser.find_element(By.LINK_TEXT, "社会救助领域"))
    table = browser.find_element(By.CSS_SELECTOR, "table.catalogue-public").text
    assert "最低生活保障" in table and "低保对象名单" in table
    assert "清溪县民政局2026年第三季度城乡最低生活保障资金发放情况公示" in table
    for town in ["清溪县清溪镇", "清溪县石桥镇"]:
        browser.get(f"{server}/xxgk/{org_id(server, town)}/catalogue")
        for domain in ["社会救助领域", "涉农补贴领域", "重大建设项目领域"]:
            assert domain in browser.page_source, (town, domain)


def test_coverage_and_xlsx_round_trip(server, browser):
    login(browser, server, "gkb")
    browser.get(server + "/admin/coverage?org=16")
    assert "正常 1" in browser.find_element(By.ID, "coverage-counts").text
    browser.get(server + "/admin/catalogue/16/%E7%A4%BE%E4%BC%9A%E6%95%91%E5%8A%A9")
    before = len(browser.find_elements(By.CSS_SELECTOR, "table.catalogue tbody tr"))
    link = browser.find_element(By.LINK_TEXT, "Excel（.xlsx）").get_attribute("href")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(link, headers={"Cookie": cookies}), timeout=20) as r:
        data = r.read()
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet["B1"].value == "公开事项" and sheet["B2"].value == "一级事项"
    assert sheet.max_row == before + 2
    # Saved again by openpyxl (shared strings), then imported through the page: nothing changes.
    path = os.path.join(tempfile.mkdtemp(), "社会救助.xlsx")
    book.save(path)
    browser.find_element(By.ID, "c-file").send_keys(path)
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='导入']"))
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.catalogue tbody tr")) == before
    problems = browser.find_element(By.ID, "import-problems").text
    assert problems == "", problems
    # Unchanged: no new version, and the page says so.
    assert "导入的目录与当前版本完全相同，没有生成新版本" in browser.page_source, browser.find_element(By.TAG_NAME, "main").text[-600:]
    assert "导入社会救助.xlsx" not in browser.page_source
