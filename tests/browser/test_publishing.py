"""先审后发 in the browser: an officer drafts with a phone number in the body, the reviewers see the
finding, the 保密审查员 masks it, the leader signs, and the public sees the masked item."""
from selenium.webdriver.common.by import By

from conftest import SHOTS
from pagewait import navigate
from test_application import login
import os


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
    browser.find_element(By.CSS_SELECTOR, "input[name=columns][value=shjz]").click()
    navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.item-form button[type=submit]"))
    assert "手机号码未脱敏" in browser.page_source
    item_url = browser.current_url.split("?")[0]
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
    assert "13812345678" not in browser.page_source
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
