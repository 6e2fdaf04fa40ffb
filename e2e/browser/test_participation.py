"""公众参与 in the browser, across the weeks a consultation takes: the 民政局 puts a matter on its decision
list, opens a consultation on a 规范性文件 draft from it, two citizens comment (one on 第三条), staff
moderate; the site is restarted 18 days later (GONGKAI_SITE_DATE), staff classify, the feedback is
generated, reviewed and published, and the decision list links it. The Word version is read with
python-docx."""
import io
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import docx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ROOT, SHOTS
from pagewait import navigate
from test_application import login


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    """`gongkai demo` on its own data folder, restartable on another date."""

    def __init__(self):
        self.data = tempfile.mkdtemp(prefix="gongkai-participation-")
        self.proc = None
        self.base = None

    def start(self, day):
        binary = os.environ.get("GONGKAI_BIN", os.path.join(ROOT, ".build", "debug", "gongkai"))
        port = free_port()
        env = dict(os.environ, GONGKAI_PORT=str(port), GONGKAI_DATA_DIR=self.data, GONGKAI_BCRYPT_COST="10",
                   GONGKAI_SITE_DATE=day, GONGKAI_JOBS_INTERVAL_MINUTES="0")
        env.pop("DATABASE_URL", None)
        # The shared demo server has the suite's database; this site needs one of its own.
        if os.environ.get("GONGKAI_BROWSER_PARTICIPATION_DATABASE_URL"):
            env["DATABASE_URL"] = os.environ["GONGKAI_BROWSER_PARTICIPATION_DATABASE_URL"]
        log = open(os.path.join(self.data, f"server-{day}.log"), "w")
        self.proc = subprocess.Popen([binary, "demo"], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=self.data)
        self.base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=2)
                return self.base
            except Exception:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.5)
        raise RuntimeError("gongkai demo did not start:\n" + open(os.path.join(self.data, f"server-{day}.log")).read())

    def stop(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=20)
            self.proc = None


@pytest.fixture()
def site():
    s = Site()
    yield s
    s.stop()
    shutil.rmtree(s.data, ignore_errors=True)


def path_of(url):
    return "/" + url.split("/", 3)[3]


def set_value(browser, element_id, value):
    browser.execute_script("document.getElementById(arguments[0]).value = arguments[1]", element_id, value)


def test_consultation_comments_feedback_and_decision_list(site, browser):
    server = site.start("2026-09-25")
    login(browser, server, "xxy_mz")  # 信息员，清溪县民政局
    browser.get(server + "/admin/participation")
    navigate(browser, browser.find_element(By.XPATH, "//tr[td[text()='清溪县民政局']]//a[text()='决策事项目录']"))
    list_url = browser.current_url.split("?")[0]
    browser.find_element(By.ID, "f-title").send_keys("清溪县困难老年人养老服务补贴办法")
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("public_policy")
    browser.find_element(By.ID, "f-undertaker").send_keys("清溪县民政局")
    browser.find_element(By.ID, "f-planned").send_keys("2026年12月")
    browser.find_element(By.CSS_SELECTOR, "input[name=methods][value=public_comment]").click()
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='加入目录']"))
    browser.find_element(By.ID, "f-approval").send_keys("经县民政局党组2026年9月20日会议审定")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='公布目录']"))
    assert "本年度目录已公布" in browser.page_source
    navigate(browser, browser.find_element(By.LINK_TEXT, "清溪县困难老年人养老服务补贴办法"))
    decision_url = browser.current_url.split("?")[0]
    navigate(browser, browser.find_element(By.LINK_TEXT, "就本事项新建征求意见"))

    Select(browser.find_element(By.ID, "f-subject")).select_by_value("normative_document")
    browser.find_element(By.ID, "f-title").send_keys("清溪县困难老年人养老服务补贴办法（征求意见稿）")
    browser.find_element(By.ID, "f-explanation").send_keys("为做好困难老年人养老服务补贴工作，县民政局起草了本办法。")
    draft = ("第一条　为做好困难老年人养老服务补贴工作，制定本办法。\n第二条　本办法适用于本县户籍老年人。\n"
             "第三条　年满80周岁的低保老年人每月发放养老服务补贴100元。\n第四条　本办法自发布之日起施行。")
    set_value(browser, "f-draft", draft)
    # Too short first: seven working days from 9月25日 end on 10月12日 at the earliest (国庆 in between).
    set_value(browser, "f-closes_on", "2026-10-09")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='保存']"))
    assert "最早可于2026年10月12日截止" in browser.find_element(By.ID, "err-closes_on").text
    set_value(browser, "f-closes_on", "2026-10-12")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='保存']"))
    admin_url = browser.current_url.split("?")[0]
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='发布征求意见']"))
    public_url = browser.find_element(By.XPATH, "//dt[text()='公开页面']/following-sibling::dd/a").get_attribute("href")

    # Two citizens: one on 第三条 through its own link, one on the whole draft.
    browser.delete_all_cookies()
    browser.get(public_url)
    assert "还剩18天" in browser.page_source
    navigate(browser, browser.find_element(By.LINK_TEXT, "对第三条提意见"))
    assert Select(browser.find_element(By.ID, "f-section")).first_selected_option.get_attribute("value") == "3"
    browser.find_element(By.ID, "f-name").send_keys("李桂兰")
    browser.find_element(By.ID, "f-contact").send_keys("13812340000")
    browser.find_element(By.ID, "f-text").send_keys("建议把70周岁以上的失能老人也纳入补贴范围。")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='提交意见']"))
    first_receipt = browser.find_element(By.ID, "receipt-number").text
    assert first_receipt.startswith("YJ20260925")
    browser.delete_all_cookies()
    browser.get(public_url)
    browser.find_element(By.ID, "f-text").send_keys("希望补贴能按季度一次性发放，减少跑腿。")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='提交意见']"))
    assert browser.find_element(By.ID, "receipt-number").text
    browser.get(public_url)
    assert "暂无公开的意见" in browser.page_source  # nothing before moderation

    login(browser, server, "xxy_mz")
    browser.get(admin_url)
    assert "2条待审核" in browser.page_source
    for _ in range(2):
        navigate(browser, browser.find_element(By.XPATH, "(//form[.//select[@name='moderation']])[1]//button"))
    browser.delete_all_cookies()
    browser.get(public_url)
    assert "李*兰" in browser.page_source and "李桂兰" not in browser.page_source
    assert "13812340000" not in browser.page_source

    # Eighteen days later the consultation has closed by itself.
    site.stop()
    server = site.start("2026-10-13")
    browser.delete_all_cookies()
    browser.get(server + path_of(public_url))
    assert "已结束" in browser.page_source
    assert "提交意见" not in browser.page_source
    login(browser, server, "xxy_mz")
    browser.get(server + path_of(admin_url))
    outcomes = [("adopted", "补贴范围", "第三条增加70周岁以上失能老年人。"),
                ("not_adopted", "发放方式", "按月发放是上级资金拨付方式决定的。")]
    for outcome, theme, response in outcomes:
        forms = [f for f in browser.find_elements(By.XPATH, "//form[.//select[@name='disposition']]")
                 if not f.find_element(By.NAME, "theme").get_attribute("value")]
        form = forms[0]
        Select(form.find_element(By.NAME, "disposition")).select_by_value(outcome)
        form.find_element(By.NAME, "theme").send_keys(theme)
        form.find_element(By.NAME, "response").send_keys(response)
        navigate(browser, form.find_element(By.TAG_NAME, "button"))
    assert "一、关于补贴范围" in browser.page_source  # the preview
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='生成反馈并进入发布流程']"))
    item_url = browser.current_url.split("?")[0]
    assert "采纳情况的反馈" in browser.page_source
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='提交审核']"))
    for reviewer in ["shy_mz", "bmsc", "leader"]:
        browser.delete_all_cookies()
        login(browser, server, reviewer)
        browser.get(item_url)
        navigate(browser, browser.find_element(By.XPATH, "//button[starts-with(text(),'审核通过')]"))
    assert browser.find_element(By.ID, "item-status").text == "已发布"

    # The public sees the feedback from the consultation and from the decision list.
    browser.delete_all_cookies()
    browser.get(server + path_of(public_url))
    assert "本次征求意见的采纳情况已公布" in browser.page_source
    docx_url = browser.find_element(By.LINK_TEXT, "下载 Word 版").get_attribute("href")
    document = docx.Document(io.BytesIO(urllib.request.urlopen(docx_url).read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于《清溪县困难老年人养老服务补贴办法（征求意见稿）》公开征求意见采纳情况的反馈" in text
    assert "采纳1条，未采纳1条" in text and "（针对第三条）" in text
    assert "李桂兰" not in text and "13812340000" not in text
    browser.get(server + "/participation")
    navigate(browser, browser.find_element(By.LINK_TEXT, "清溪县民政局"))
    assert "清溪县困难老年人养老服务补贴办法" in browser.page_source
    link = browser.find_element(By.XPATH, "//li[span[contains(text(),'意见采纳情况反馈')]]/a")
    navigate(browser, link)
    assert "公开征求意见采纳情况的反馈" in browser.title
    browser.save_screenshot(os.path.join(SHOTS, "participation-feedback.png"))
