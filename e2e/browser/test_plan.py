"""Running the plan in a browser on the demo county: the office imports a task table written by openpyxl
(in the layout of 安岳's 附件2, with a unit the site does not have, placed by hand on the review screen),
the 民政局 information officer reports progress with one of its published items as evidence and reports the
task done, the office's 回头看 lists it as done on time; then the year's assessment: a pending manual score is
confirmed by another person, and the ranking is exported and read back by openpyxl."""
import io
import os
import tempfile
import urllib.request

import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pagewait import navigate
from test_application import login

TASK = "编制政务公开事项标准目录解读图册"


def download(browser, url):
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookies}), timeout=60) as r:
        return r.read()


def test_office_imports_department_reports_lookback_and_assessment(server, browser):
    base = server
    login(browser, base, "gkb")
    browser.get(base + "/admin/plan")
    year = int(Select(browser.find_element(By.ID, "f-year")).first_selected_option.get_attribute("value"))

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([f"{year}年政务公开工作要点任务分解表"])
    sheet.append(["类别", "工作任务", "具体要求", "责任单位", "时限要求"])
    sheet.append(["六、补充任务", TASK, "用图解方式解读本单位标准目录", "县民政局牵头，县融媒体中心负责落实", "12月31日前"])
    sheet.append([None, "更新社会救助政策问答", "按季度更新问答库", "县民政局", "每季度"])
    path = os.path.join(tempfile.mkdtemp(), "补充任务.xlsx")
    book.save(path)

    browser.get(base + "/admin/plan/import")
    browser.find_element(By.ID, "i-file").send_keys(path)
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='读取并核对']"))
    assert "共2项任务" in browser.page_source, browser.find_element(By.TAG_NAME, "main").text[:800]
    assert "“县融媒体中心”对应" in browser.page_source
    Select(browser.find_element(By.ID, "u-0")).select_by_visible_text("（不是本县单位，略去）")
    navigate(browser, browser.find_element(By.XPATH, "//button[starts-with(text(), '导入')]"))
    assert "任务分解表已导入" in browser.page_source
    assert TASK in browser.page_source

    # The 民政局 information officer sees the task and reports it done with a published item as evidence.
    browser.delete_all_cookies()
    login(browser, base, "xxy_mz")
    browser.get(base + f"/admin/plan?year={year}")
    assert TASK in browser.page_source
    assert "做好就业创业信息公开" not in browser.page_source, "another unit's task"
    navigate(browser, browser.find_element(By.LINK_TEXT, TASK))
    browser.find_element(By.ID, "p-body").send_keys("已制作标准目录解读图册并在专栏发布。")
    options = Select(browser.find_element(By.ID, "p-item")).options
    evidence = options[1].text.rsplit("（", 1)[0]
    Select(browser.find_element(By.ID, "p-item")).select_by_index(1)
    browser.find_element(By.NAME, "done").click()
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='提交']"))
    assert "已保存" in browser.page_source
    assert f"《{evidence}》" in browser.page_source
    assert "已完成" in browser.page_source

    # The office's 回头看 lists it done on time, with its evidence.
    browser.delete_all_cookies()
    login(browser, base, "gkb")
    browser.get(base + f"/admin/plan?year={year}")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='开展回头看']"))
    assert "已完成回头看" in browser.page_source
    row = browser.find_element(By.XPATH, f"//tr[td[text()='{TASK}']]")
    assert "按期完成" in row.text and evidence in row.text, row.text

    # The assessment: the pending manual score is confirmed by the office (not the one who entered it).
    browser.get(base + "/admin/assessments")
    navigate(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "政务公开工作考核方案"))
    assert "待复核的人工评分" in browser.page_source
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='复核确认']"))
    assert "待复核的人工评分" not in browser.page_source
    ranking = browser.find_elements(By.CSS_SELECTOR, "[aria-label='得分和排名'] tbody tr")
    assert ranking[0].find_elements(By.TAG_NAME, "td")[0].text == "1"
    link = browser.find_element(By.LINK_TEXT, "导出得分（Excel）").get_attribute("href")
    sheet = openpyxl.load_workbook(io.BytesIO(download(browser, link))).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][:2] == ["名次", "单位"] and rows[0][-1] == "总分"
    totals = [float(r[-1]) for r in rows[1:]]
    assert totals == sorted(totals, reverse=True), totals
    assert [r[1] for r in rows[1:]] == [r.find_element(By.TAG_NAME, "th").text.split("\n")[0] for r in ranking]
    assert "清溪县清溪镇" in [r[1] for r in rows[1:]]
