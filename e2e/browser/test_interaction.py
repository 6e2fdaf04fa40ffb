"""政民互动 in the browser: a citizen asks about 临时救助, sees a suggested answer from the knowledge base,
names the policy and writes anyway; the county office routes the letter to the 民政局 (the policy's
drafter, preselected), which signs for it and replies; the
reviewer approves; the reply is public with the writer's name masked; the citizen rates it with the
number and query code; staff add it to the knowledge base."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pagewait import navigate
from test_application import login


def test_letter_from_question_to_knowledge_base(server, browser):
    browser.get(server + "/hudong")
    navigate(browser, browser.find_element(By.LINK_TEXT, "我要写信"))
    browser.find_element(By.ID, "q-ask").send_keys("临时救助")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='查一查']"))
    assert "可能已有答复" in browser.page_source
    assert "遇到突发困难怎样申请临时救助？" in browser.page_source
    browser.find_element(By.XPATH, "//label[contains(., '关于印发《清溪县临时救助实施办法》的通知')]/input").click()
    Select(browser.find_element(By.ID, "f-to")).select_by_visible_text("县长信箱（清溪县人民政府）")
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("policy_question")
    subject = browser.find_element(By.ID, "f-subject")
    subject.clear()
    subject.send_keys("临时救助一年内能否申请两次")
    browser.find_element(By.ID, "f-body").send_keys("今年上半年已经领过一次临时救助，下半年又遇到困难，还能再申请吗？")
    browser.find_element(By.ID, "f-name").send_keys("张秀英")
    browser.find_element(By.ID, "f-phone").send_keys("13912340000")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='提交来信']"))
    number = browser.find_element(By.ID, "letter-number").text
    code = browser.find_element(By.ID, "query-code").text
    assert number.startswith("XX") and len(code) == 8

    # The county office (公开办) routes it to the 民政局, which drafted the policy.
    login(browser, server, "gkb")
    browser.get(server + "/admin/letters")
    navigate(browser, browser.find_element(By.LINK_TEXT, "临时救助一年内能否申请两次"))
    letter_url = browser.current_url.split("?")[0]
    assert "13912340000" in browser.page_source  # the handler can reach the writer
    assert "默认交办给政策起草单位：清溪县民政局" in browser.page_source
    assert Select(browser.find_element(By.ID, "f-assign")).first_selected_option.text == "清溪县民政局"
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='交办']"))
    browser.delete_all_cookies()
    login(browser, server, "xxy_mz")
    browser.get(letter_url)
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='签收']"))
    browser.find_element(By.ID, "f-reply").send_keys("您好：临时救助不限次数，再次遭遇突发困难、符合条件的，可以再次申请，救助金额按困难程度核定。")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='提交审核']"))
    assert browser.find_element(By.ID, "letter-state").text == "答复审核中"
    browser.delete_all_cookies()
    login(browser, server, "shy_mz")
    browser.get(letter_url)
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='审核通过并答复']"))
    assert browser.find_element(By.ID, "letter-state").text == "已答复"

    # Public, masked; the citizen rates it.
    browser.delete_all_cookies()
    browser.get(server + "/hudong")
    navigate(browser, browser.find_element(By.LINK_TEXT, "临时救助一年内能否申请两次"))
    assert "清溪县临时救助实施办法" in browser.page_source  # the policy asked about is named
    assert "张*英" in browser.page_source and "张秀英" not in browser.page_source and "13912340000" not in browser.page_source
    browser.get(server + "/hudong/track")
    browser.find_element(By.ID, "t-number").send_keys(number)
    browser.find_element(By.ID, "t-code").send_keys(code)
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='查询']"))
    assert "临时救助不限次数" in browser.find_element(By.ID, "letter-reply").text
    browser.find_element(By.CSS_SELECTOR, "input[name=rating][value=satisfied]").click()
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='提交评价']"))
    assert "感谢您的评价" in browser.page_source

    # Staff add the answer to the knowledge base; the public finds it there.
    login(browser, server, "xxy_mz")
    browser.get(letter_url)
    Select(browser.find_element(By.ID, "f-topic")).select_by_value("民政、扶贫、救灾")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='加入知识问答库']"))
    assert "已加入知识问答库" in browser.page_source
    browser.delete_all_cookies()
    browser.get(server + "/hudong/knowledge")
    assert "临时救助一年内能否申请两次" in browser.page_source
