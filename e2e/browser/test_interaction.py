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
    assert "《清溪县临时救助实施办法》政策解读" in browser.page_source  # published interpretations too
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


def test_opinion_ledger_overdue_commitment_and_export(server, browser):
    """The office sees the overdue promise on its dashboard, follows it to the ledger, records it
    done and published, and hands the year's ledger on as a spreadsheet that openpyxl reads."""
    import io
    import urllib.request

    import openpyxl

    login(browser, server, "gkb")
    browser.get(server + "/admin")
    assert "舆情回应承诺事项已逾期未办结" in browser.page_source
    navigate(browser, browser.find_element(By.LINK_TEXT, "查看台账"))
    row = browser.find_element(By.XPATH, "//tr[td/a[contains(., '城区小学招生划片调整')]]")
    assert "回应超时" in row.text  # answered after 60 h against 48 h
    navigate(browser, row.find_element(By.TAG_NAME, "a"))
    assert "已逾期未办结" in browser.page_source
    section = browser.find_element(By.XPATH, "//section[contains(@aria-label, '承诺事项')]")
    date_input = section.find_element(By.NAME, "done_on")
    browser.execute_script("arguments[0].value = new Date().toISOString().slice(0, 10)", date_input)
    section.find_element(By.NAME, "done_note").send_keys("方案已公布，征求意见中")
    navigate(browser, section.find_element(By.XPATH, ".//button[text()='登记办结']"))
    section = browser.find_element(By.XPATH, "//section[contains(@aria-label, '承诺事项')]")
    assert "已完成，待公开结果" in section.text
    section.find_element(By.NAME, "url").send_keys("https://www.example.com/qingxi/jyj/huapian-fangan")
    navigate(browser, section.find_element(By.XPATH, ".//button[text()='登记结果已公开']"))
    assert "已完成并公开" in browser.page_source

    browser.get(server + "/admin/opinions")
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "导出").get_attribute("href")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(link, headers={"Cookie": cookies}), timeout=20) as r:
        book = openpyxl.load_workbook(io.BytesIO(r.read()))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["序号", "发现时间", "来源", "舆情概要"] and "是否按时" in header
    rows = {r[3]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    school = next(r for s, r in rows.items() if "招生划片" in s)
    assert "超时" in school[header.index("是否按时")]
    assert "已完成并公开" in school[header.index("承诺办理情况")]
    storm = next(r for s, r in rows.items() if "暴雨" in s)
    assert storm[header.index("级别")] == "特别重大、重大突发事件"
    assert "召开新闻发布会：按时" in storm[header.index("是否按时")]


def test_interview_question_moderated_answered_live(server, browser):
    """A citizen asks the announced interview a question; the department's officer approves it,
    starts the session, writes the transcript and answers; the public page shows both."""
    browser.delete_all_cookies()
    browser.get(server + "/hudong")
    navigate(browser, browser.find_element(By.LINK_TEXT, "在线访谈"))
    navigate(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "优化营商环境"))
    interview_url = browser.current_url
    browser.find_element(By.ID, "f-name").send_keys("钱多多")
    browser.find_element(By.ID, "f-contact").send_keys("13900006666")
    browser.find_element(By.ID, "f-question").send_keys("个体户年报可以在手机上办理吗？")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='提交问题']"))
    assert "您的问题已提交" in browser.page_source
    assert "个体户年报可以在手机上办理吗？" not in browser.find_element(By.ID, "h-questions").find_element(By.XPATH, "..").text

    login(browser, server, "gkb")
    browser.get(server + "/admin/interviews")
    navigate(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "优化营商环境"))
    admin_url = browser.current_url.split("?")[0]
    question = browser.find_element(By.XPATH, "//section[.//p[contains(., '个体户年报可以在手机上办理吗？')]]")
    assert "13900006666" in question.text  # staff can reach the asker
    navigate(browser, question.find_element(By.XPATH, ".//button[text()='采用']"))
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='开始访谈']"))
    browser.find_element(By.ID, "l-speaker").send_keys("主持人")
    browser.find_element(By.ID, "l-text").send_keys("各位网友下午好，欢迎参加今天的在线访谈。")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='发布实录']"))
    browser.get(admin_url)
    question = browser.find_element(By.XPATH, "//section[.//p[contains(., '个体户年报可以在手机上办理吗？')]]")
    question.find_element(By.TAG_NAME, "textarea").send_keys("可以，通过国家企业信用信息公示系统手机端即可办理。")
    navigate(browser, question.find_element(By.XPATH, ".//button[text()='发布答复']"))

    browser.delete_all_cookies()
    browser.get(interview_url)
    transcript = browser.find_element(By.ID, "transcript").text
    assert "各位网友下午好" in transcript
    questions = browser.find_element(By.ID, "h-questions").find_element(By.XPATH, "..").text
    assert "钱*多" in questions and "手机端即可办理" in questions and "访谈中答复" in questions
    assert "钱多多" not in browser.page_source and "13900006666" not in browser.page_source
