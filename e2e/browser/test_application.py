"""A citizen applies online, keeps the receipt, and follows the case while staff register it."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import SHOTS
from pagewait import navigate
import io
import re
import os
import urllib.parse
import urllib.request

import docx
import pytest


def login(browser, server, username):
    browser.get(server + "/admin/login")
    browser.find_element(By.ID, "username").send_keys(username)
    browser.find_element(By.ID, "password").send_keys("Qx-Demo#2026")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "button[type=submit].primary"))


def test_citizen_applies_and_tracks_while_staff_register(server, browser):
    browser.get(server + "/xxgk/16/apply")  # 清溪县民政局
    assert "提交申请" in browser.page_source
    browser.find_element(By.ID, "f-name").send_keys("王芳")
    browser.find_element(By.ID, "f-idnumber").send_keys("11010519491231002X")
    browser.find_element(By.ID, "f-phone").send_keys("13912345678")
    browser.find_element(By.ID, "f-address").send_keys("清溪县滨江路8号")
    browser.find_element(By.ID, "f-desc").send_keys("清溪县民政局2025年城乡低保资金发放情况")
    # The box counts what was typed against its 2,000-character limit.
    assert browser.find_element(By.ID, "f-desc-count").text == "已输入 21 字，还可输入 1979 字（最多 2000 字）"
    Select(browser.find_element(By.ID, "f-way")).select_by_visible_text("邮寄")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.apply-form button[type=submit]"))
    number = browser.find_element(By.ID, "registration-number").text
    code = browser.find_element(By.ID, "query-code").text
    assert number.startswith("16-") and len(code) == 8
    browser.save_screenshot(os.path.join(SHOTS, "apply-receipt.png"))

    def track():
        browser.get(server + "/ysq/track")
        browser.find_element(By.ID, "t-number").send_keys(number)
        browser.find_element(By.ID, "t-code").send_keys(code)
        navigate(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
        return browser.find_element(By.ID, "track-status").text

    assert track() == "待确认收到"

    # The disclosure office (公开办管理员 for the county and its subtree) registers the application.
    login(browser, server, "gkb")
    browser.get(server + "/admin/applications")
    assert "王*" in browser.page_source and "王芳" not in browser.page_source
    navigate(browser, browser.find_element(By.LINK_TEXT, number))
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='确认收到并登记']"))
    assert browser.find_element(By.ID, "app-status").text == "办理中"
    assert "第20个工作日为" in browser.find_element(By.ID, "derivation").text
    browser.save_screenshot(os.path.join(SHOTS, "admin-application.png"))

    # A 领导 approves an extension; the derivation and the 延期答复告知书 follow.
    case_url = browser.current_url.split("?")[0]
    browser.delete_all_cookies()
    login(browser, server, "leader")
    browser.get(case_url)
    browser.find_element(By.ID, "ext-days").clear()
    browser.find_element(By.ID, "ext-days").send_keys("10")
    browser.find_element(By.ID, "ext-note").send_keys("需要调取历年档案")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='批准延期']"))
    assert "经批准延长10个工作日" in browser.find_element(By.ID, "derivation").text
    assert "第30个工作日为" in browser.find_element(By.ID, "derivation").text
    browser.get(case_url + "/documents/extension")
    assert "答复期限延长10个工作日" in browser.page_source
    browser.delete_all_cookies()
    login(browser, server, "gkb")
    browser.get(case_url)

    # Reply: the office decides (予以公开) and the .docx reply opens in python-docx with the case's text.
    Select(browser.find_element(By.ID, "dec-code")).select_by_value("1")
    browser.find_element(By.ID, "dec-provision").send_keys("随本告知书在网上查询页面提供电子文件")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='登记答复']"))
    assert browser.find_element(By.ID, "app-status").text == "已作出答复"
    # The information itself goes with the reply: a file the applicant downloads from the tracking page.
    provided = os.path.join(SHOTS, "低保资金发放明细.pdf")
    with open(provided, "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    browser.find_element(By.ID, "case-file").send_keys(provided)
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='上传并提供给申请人']"))
    assert "低保资金发放明细.pdf" in browser.find_element(By.ID, "case-files").text
    link = browser.find_element(By.CSS_SELECTOR, "a[href$='/documents/reply?format=docx']")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    request = urllib.request.Request(link.get_attribute("href"), headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=20) as response:
        assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
        data = response.read()
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "政府信息公开申请答复告知书" in text
    assert "清溪县民政局2025年城乡低保资金发放情况" in text
    assert "王芳：" in text
    assert "本机关通过以下方式向您提供该政府信息：随本告知书在网上查询页面提供电子文件。" in text
    assert re.search(r"依申〔\d{4}〕\d+号", "\n".join(p.text for p in document.paragraphs)), "the letter carries its 文号"
    assert document.sections[0].page_width.mm == pytest.approx(210, abs=1)

    browser.delete_all_cookies()
    assert track() == "已作出答复"

    assert "低保资金发放明细.pdf" in browser.page_source, "the provided file is on the tracking page"

    # The citizen opens the reply from the tracking page, then downloads it as .docx with the same form.
    form = browser.find_element(By.XPATH, "//ul[@class='track-documents']/li[span='答复告知书']/form")
    fields = {i.get_attribute("name"): i.get_attribute("value")
              for i in form.find_elements(By.CSS_SELECTOR, "input[type=hidden]")}
    navigate(browser, form.find_element(By.CSS_SELECTOR, "button[value=html]"))
    assert "政府信息公开申请答复告知书" in browser.page_source
    assert "清溪县民政局2025年城乡低保资金发放情况" in browser.page_source
    browser.save_screenshot(os.path.join(SHOTS, "track-reply.png"))
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    body = urllib.parse.urlencode({**fields, "format": "docx"}).encode()
    request = urllib.request.Request(server + "/ysq/track/document", data=body, headers={
        "Cookie": cookies, "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=20) as response:
        assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
        data = response.read()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "王芳：" in text and "予以公开" in text
