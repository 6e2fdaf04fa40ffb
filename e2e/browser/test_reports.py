"""The annual report in the browser: the demo county's 2025 reports are published; an office writes
the 统计局's report, fixes what the check finds, publishes it, and the .docx reads back."""
from selenium.webdriver.common.by import By

from pagewait import navigate
from test_application import login
import io
import urllib.request

import docx


def test_demo_reports_are_published(server, browser):
    for org, name in [(1, "清溪县人民政府"), (16, "清溪县民政局")]:
        browser.get(f"{server}/xxgk/{org}/annual-reports")
        navigate(browser, browser.find_element(By.LINK_TEXT, f"{name}2025年政府信息公开工作年度报告"))
        assert "三、本年度办理结果" in browser.page_source
        assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in browser.page_source


def test_office_writes_fixes_publishes_and_downloads(server, browser):
    login(browser, server, "gkb")
    browser.get(server + "/admin/reports?year=2025")
    assert "已发布 3 /" in browser.page_source
    navigate(browser, browser.find_element(By.LINK_TEXT, "清溪县统计局"))
    assert "表格勾稽关系校验通过" in browser.page_source
    problems = browser.find_element(By.ID, "f-problems")
    problems.clear()
    problems.send_keys("太短")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='保存']"))
    assert "请填写存在的主要问题及改进情况" in browser.find_element(By.ID, "err-problems").text
    problems = browser.find_element(By.ID, "f-problems")
    problems.clear()
    problems.send_keys("一是统计信息发布解读不够；二是数据更新不够及时。下一步将同步发布统计数据解读。")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='保存']"))
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='发布年度报告']"))
    assert browser.find_element(By.ID, "report-status").text == "已发布"
    public = browser.find_element(By.LINK_TEXT, "查看公开页面").get_attribute("href")
    browser.get(public)
    link = browser.find_element(By.LINK_TEXT, "下载 Word 文档（.docx）").get_attribute("href")
    with urllib.request.urlopen(link, timeout=20) as r:
        data = r.read()
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    for heading in ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]:
        assert heading in text, heading
    assert "同步发布统计数据解读" in text
    assert len(document.tables) == 3
    cells = [c.text for c in document.tables[1]._cells]
    assert "三、本年度办理结果" in cells and "四、结转下年度继续办理" in cells
