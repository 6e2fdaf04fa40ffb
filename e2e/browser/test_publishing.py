"""先审后发 in the browser: an officer drafts with a phone number in the body, the reviewers see the
finding, the 保密审查员 masks it, the leader signs, and the public sees the masked item."""
from selenium.webdriver.common.by import By

from conftest import SHOTS
from pagewait import navigate
from selenium.webdriver.support.ui import Select
from test_application import login
import io
import os
import tempfile
import urllib.request

import docx


def logout(browser):
    browser.delete_all_cookies()


def approve(browser, server, item_url, username):
    logout(browser)
    login(browser, server, username)
    browser.get(item_url)
    navigate(browser, browser.find_element(By.XPATH, "//button[starts-with(text(),'审核通过')]"))


def test_officer_drafts_reviewers_mask_and_approve_public_sees_it(server, browser):
    title = "关于2026年冬季临时救助集中发放的通知"
    login(browser, server, "xxy_mz")  # 信息员，清溪县民政局
    browser.get(server + "/admin/items/new?org=16")
    browser.find_element(By.ID, "f-title").send_keys(title)
    browser.find_element(By.ID, "f-body").send_keys("<p>咨询联系人李明，电话13812345678。</p>")
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("normative")
    browser.find_element(By.CSS_SELECTOR, "input[name=columns][value=shjz]").click()
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.item-form button[type=submit]"))
    assert "手机号码未脱敏" in browser.page_source
    item_url = browser.current_url.split("?")[0]

    # A Word attachment made by another program (python-docx, deflated): its text is checked too.
    document = docx.Document()
    document.add_paragraph("发放对象联系方式")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "赵六"
    table.rows[0].cells[1].text = "13987654321"
    path = os.path.join(tempfile.mkdtemp(), "发放名单.docx")
    document.save(path)
    browser.find_element(By.ID, "f-attachment").send_keys(path)
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='上传']"))
    assert "发放名单.docx" in browser.page_source
    assert "附件：发放名单.docx" in browser.page_source and "139****4321" in browser.page_source
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='提交审核']"))
    assert browser.find_element(By.ID, "item-status").text == "审核中"

    # 初审 by the department's reviewer, who sees the finding too.
    logout(browser)
    login(browser, server, "shy_mz")
    browser.get(item_url)
    assert "138****5678" in browser.page_source  # the suggested mask
    browser.save_screenshot(os.path.join(SHOTS, "item-review.png"))
    navigate(browser, browser.find_element(By.XPATH, "//button[starts-with(text(),'审核通过')]"))

    # 保密审查: mask with one click, then approve.
    logout(browser)
    login(browser, server, "bmsc")
    browser.get(item_url)
    navigate(browser, browser.find_element(By.XPATH, "//button[starts-with(text(),'一键脱敏')]"))
    assert "138****5678" in browser.find_element(By.ID, "item-body").text
    assert "13812345678" not in browser.find_element(By.ID, "item-body").text
    # The attachment's number is the office's public service line: let it pass, with the reason.
    browser.find_element(By.ID, "override-reason").send_keys("附件号码为民政局公开的办事电话")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='放行']"))
    assert "保密审查员已放行" in browser.page_source
    navigate(browser, browser.find_element(By.XPATH, "//button[starts-with(text(),'审核通过')]"))

    approve(browser, server, item_url, "leader")
    assert browser.find_element(By.ID, "item-status").text == "已发布"

    # The public finds it in the 社会救助 column of the 民政局, masked.
    logout(browser)
    browser.get(server + "/xxgk/16/fdzdgknr/shjz")
    navigate(browser, browser.find_element(By.LINK_TEXT, title))
    body = browser.page_source
    assert "138****5678" in body and "13812345678" not in body
    assert "索引号" in body
    browser.save_screenshot(os.path.join(SHOTS, "item-public.png"))
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "发放名单.docx").get_attribute("href")
    with urllib.request.urlopen(link, timeout=20) as r:
        assert r.headers["Content-Type"].endswith("wordprocessingml.document")
        assert "13987654321" in "\n".join(c.text for t in docx.Document(io.BytesIO(r.read())).tables for c in t._cells)
    public_url = browser.current_url

    # Later the officer repeals it, in the browser; the public page says so prominently.
    login(browser, server, "xxy_mz")
    browser.get(item_url)
    browser.find_element(By.XPATH, "//summary[starts-with(text(),'变更有效性')]").click()
    Select(browser.find_element(By.ID, "v-validity")).select_by_value("repealed")
    navigate(browser, browser.find_element(By.XPATH, "//form[contains(@action,'/validity')]//button"))
    assert "待审核的有效性变更" in browser.find_element(By.ID, "pending-change").text
    # Not public until the leader signs the change.
    logout(browser)
    browser.get(public_url)
    assert not browser.find_elements(By.CSS_SELECTOR, ".validity-notice") or "废止" not in browser.find_element(By.CSS_SELECTOR, ".validity-notice").text
    login(browser, server, "leader")
    browser.get(item_url)
    navigate(browser, browser.find_element(By.XPATH, "//button[starts-with(text(),'审核通过有效性变更')]"))
    logout(browser)
    browser.get(public_url)
    assert "废止" in browser.find_element(By.CSS_SELECTOR, ".validity-notice").text


def test_demo_policy_library_shows_validity(server, browser):
    browser.get(server + "/xxgk/1/fdzdgknr/zcwj")
    assert "清溪县人民政府关于印发《清溪县临时救助实施办法》的通知" in browser.page_source
    navigate(browser, browser.find_element(By.LINK_TEXT, "清溪县人民政府关于印发《清溪县临时救助实施办法》的通知"))
    links = browser.find_element(By.CSS_SELECTOR, "section.interpretations").text
    for form in ["文字解读", "图解", "简明问答", "视频解读", "新闻发布会", "负责人解读"]:
        assert form in links, form
    navigate(browser, browser.find_element(By.LINK_TEXT, "临时救助政策问答"))
    assert "问：到哪里申请？" in browser.find_element(By.CSS_SELECTOR, "dl.qa").text
    assert "清溪县临时救助实施办法" in browser.find_element(By.CSS_SELECTOR, ".notice-box").text
    browser.get(server + "/xxgk/1/fdzdgknr/zcwj")
    navigate(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "2019年修订"))
    notice = browser.find_element(By.CSS_SELECTOR, ".validity-notice").text
    assert "废止" in notice
    # The county's policy library: in force here, the repealed one under 失效废止.
    browser.get(server + "/zcwjk")
    assert "清溪县人民政府关于印发《清溪县临时救助实施办法》的通知" in browser.page_source
    assert "2019年修订" not in browser.page_source
    navigate(browser, browser.find_element(By.LINK_TEXT, "失效废止"))
    assert "清溪县临时救助实施办法（2019年修订）" in browser.page_source
    # Non-public demo information never appears.
    browser.get(server + "/xxgk/16/fdzdgknr/zcwj")
    assert "内部科室分工" not in browser.page_source


def test_public_search_finds_demo_policy(server, browser):
    browser.get(server + "/")
    navigate(browser, browser.find_element(By.LINK_TEXT, "搜索"))
    browser.find_element(By.ID, "s-q").send_keys("\"临时救助\" 乡镇")
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form[role=search] button"))
    results = browser.find_element(By.CSS_SELECTOR, "ol.search-results").text
    assert "清溪县人民政府关于印发《清溪县临时救助实施办法》的通知" in results
    assert browser.find_elements(By.CSS_SELECTOR, "ol.search-results mark")
    assert "内部科室分工" not in results
