"""办事服务 in the browser: an information officer writes a guide (refused while key elements are missing,
each named), the reviewer publishes it, the office bundles it with a demo guide into a 一件事; the public
finds it, computes the promised date, prints the 一次告知单 and downloads it as .docx (python-docx reads it)."""
import io
import urllib.request

import docx
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pagewait import navigate
from test_application import login


def fill(browser, field, text):
    element = browser.find_element(By.ID, "f-" + field)
    element.clear()
    element.send_keys(text)


def test_guide_from_draft_to_checklist_and_bundle(server, browser):
    login(browser, server, "xxy_mz")
    browser.get(server + "/admin/guides")
    Select(browser.find_element(By.ID, "g-org")).select_by_visible_text("清溪县民政局")
    browser.find_element(By.ID, "g-name").send_keys("困难残疾人生活补贴申领")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='新建']"))
    guide_admin = browser.current_url.split("?")[0]
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='保存并提交审核']"))
    assert "缺少办事指南必备要素：事项类型、设定依据" in browser.page_source
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("benefit")
    fill(browser, "basis", "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》")
    fill(browser, "conditions", "具有本县户籍、持有第二代残疾人证的低保家庭残疾人。")
    fill(browser, "materials", "居民身份证 | 申请人自备 | 1 | 纸质 | 原件核验\n残疾人证 | 政府部门核发 | 1 | 纸质 | 原件")
    fill(browser, "steps", "申请：向户籍所在地乡镇人民政府提出\n审核：县民政局审核确认")
    fill(browser, "statutory_days", "20")
    fill(browser, "promised_days", "10")
    browser.find_element(By.NAME, "free").click()
    fill(browser, "place", "清溪县政务服务中心一楼民政窗口")
    fill(browser, "hours", "工作日上午9:00—12:00，下午14:00—17:30")
    fill(browser, "enquiry_phone", "0832-6201101")
    fill(browser, "complaint_phone", "12345")
    fill(browser, "visits", "1")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='保存并提交审核']"))
    assert "新版本审核中" in browser.find_element(By.ID, "guide-state").text or "审核中" in browser.find_element(By.ID, "guide-state").text

    browser.delete_all_cookies()
    login(browser, server, "shy_mz")
    browser.get(guide_admin)
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='审核通过并发布']"))
    assert "已发布第1版" in browser.find_element(By.ID, "guide-state").text

    browser.delete_all_cookies()
    login(browser, server, "gkb")
    browser.get(server + "/admin/guide-bundles")
    browser.find_element(By.ID, "e-name").send_keys("残疾人生活保障")
    label = browser.find_element(By.XPATH, "//label[contains(., '困难残疾人生活补贴申领')]")
    browser.find_element(By.ID, label.get_attribute("for")).send_keys("1")
    label = browser.find_element(By.XPATH, "//label[contains(., '最低生活保障审核确认')]")
    browser.find_element(By.ID, label.get_attribute("for")).send_keys("2")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='发布']"))
    assert "残疾人生活保障" in browser.page_source

    browser.delete_all_cookies()
    browser.get(server + "/banshi")
    browser.find_element(By.ID, "b-q").send_keys("残疾人")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='查找']"))
    navigate(browser, browser.find_element(By.LINK_TEXT, "困难残疾人生活补贴申领"))
    guide_url = browser.current_url
    browser.get(guide_url + "?accepted=2026-09-30")
    # 10 working days from 9月30日: 10月8日, 9日, 10日 (调休), 12日–16日, 19日, 20日.
    assert "承诺在2026年10月20日前办结" in browser.page_source
    navigate(browser, browser.find_element(By.LINK_TEXT, "残疾人生活保障"))
    assert "共用，只交一次" in browser.page_source
    browser.get(guide_url)
    docx_link = browser.find_element(By.LINK_TEXT, "下载一次告知单（Word）").get_attribute("href")
    navigate(browser, browser.find_element(By.LINK_TEXT, "打印一次告知单"))
    assert "一次告知单" in browser.find_element(By.TAG_NAME, "h1").text
    with urllib.request.urlopen(docx_link, timeout=20) as r:
        document = docx.Document(io.BytesIO(r.read()))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "困难残疾人生活补贴申领" in text and "残疾人证" in text and "一次性告知" in text


def test_map_by_township_with_navigation_links_and_print_sheet(server, browser):
    """A citizen on the home page opens the 政务地图, narrows it to one township, sees today's opening
    and the map-app links, and opens the printable sheet; the GeoJSON carries the same places."""
    import json

    browser.delete_all_cookies()
    browser.get(server + "/")
    navigate(browser, browser.find_element(By.LINK_TEXT, "政务地图"))
    assert browser.find_element(By.CSS_SELECTOR, ".place-map svg")
    Select(browser.find_element(By.ID, "m-area")).select_by_visible_text("清溪县石桥镇")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='查找']"))
    names = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".place-name")]
    assert any("石桥镇便民服务中心" in n for n in names) and not any("横塘镇" in n for n in names)
    card = browser.find_element(By.XPATH, "//li[.//h2[contains(., '石桥镇便民服务中心')]]")
    assert "今日" in card.text
    amap = card.find_element(By.PARTIAL_LINK_TEXT, "高德地图").get_attribute("href")
    assert amap.startswith("https://uri.amap.com/marker?position=104.651200,31.063800")
    geojson = browser.find_element(By.LINK_TEXT, "下载 GeoJSON").get_attribute("href")
    with urllib.request.urlopen(geojson, timeout=20) as r:
        features = json.loads(r.read().decode("utf-8"))["features"]
    assert {f["properties"]["name"] for f in features} == {n.split(" ", 1)[1] for n in names}
    navigate(browser, browser.find_element(By.LINK_TEXT, "打印线下政务地图"))
    assert "线下政务地图" in browser.find_element(By.TAG_NAME, "h1").text
    assert "石桥镇便民服务中心" in browser.page_source


def test_gazette_issue_contents_item_and_editions(server, browser):
    """The public open the latest 政府公报 issue, follow its contents to a document whose page names
    the issue, see where the printed 公报 can be read, and open the two-column print edition; the Word
    edition opens in python-docx."""
    browser.delete_all_cookies()
    browser.get(server + "/")
    navigate(browser, browser.find_element(By.LINK_TEXT, "政府公报"))
    assert "清溪县图书馆（政府公报查阅点）" in browser.page_source
    navigate(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "第2期"))
    issue_url = browser.current_url
    docx_link = browser.find_element(By.LINK_TEXT, "下载（Word）").get_attribute("href")
    navigate(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "关于印发《清溪县临时救助实施办法》的通知"))
    assert "刊登公报" in browser.page_source and "第2期" in browser.page_source
    browser.get(issue_url)
    navigate(browser, browser.find_element(By.LINK_TEXT, "阅读印刷版"))
    columns = browser.find_element(By.CSS_SELECTOR, ".gazette-columns")
    assert browser.execute_script("return getComputedStyle(arguments[0]).columnCount", columns) == "2"
    with urllib.request.urlopen(docx_link, timeout=20) as r:
        document = docx.Document(io.BytesIO(r.read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "目录" in text and "关于印发《清溪县临时救助实施办法》的通知" in text


def test_guide_book_pages_match_contents_and_docx_opens(server, browser, tmp_path):
    """The 办事一本通: the contents' page number of a guide is the folio of the page box it opens in
    Chromium; the .docx opens in python-docx and converts in LibreOffice."""
    import shutil
    import subprocess

    browser.delete_all_cookies()
    browser.get(server + "/banshi")
    navigate(browser, browser.find_element(By.LINK_TEXT, "办事一本通"))
    navigate(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "办事一本通"))
    book_url = browser.current_url
    rows = browser.find_elements(By.CSS_SELECTOR, ".book-toc tbody tr")
    assert len(rows) >= 30
    for row in (rows[0], rows[len(rows) // 2], rows[-1]):
        number, name, _, page = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
        section = browser.find_element(By.XPATH, f"//section[.//p[contains(@class,'book-title') and text()='{number}. {name}']]")
        assert section.find_element(By.CSS_SELECTOR, ".book-folio").text == f"— {page} —"
    # No line is cut: every line fits its page box.
    assert browser.execute_script(
        "return [...document.querySelectorAll('.book-line')].every(p => p.scrollWidth <= p.clientWidth + 1)")
    with urllib.request.urlopen(book_url + "/book.docx", timeout=30) as r:
        data = r.read()
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "目录" in text and "最低生活保障审核确认" in text
    soffice = shutil.which("soffice")
    if soffice:
        path = tmp_path / "book.docx"
        path.write_bytes(data)
        subprocess.run([soffice, "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(path)],
                       check=True, timeout=180, capture_output=True)
        converted = (tmp_path / "book.txt").read_text(encoding="utf-8", errors="replace")
        assert "最低生活保障审核确认" in converted


def test_kiosk_touch_tiles_qr_and_idle_reset(server, browser, tmp_path):
    """The hall terminal: started once, it shows large tiles in 长辈 mode; a visitor finds a guide by
    touch, the page carries its own QR code (read back by zbarimg from Chromium's rendering) and the
    print button; left alone, the terminal returns to the start page."""
    import shutil
    import subprocess
    import time

    browser.delete_all_cookies()
    browser.get(server + "/zhuanqu/start")
    assert browser.current_url.endswith("/zhuanqu")
    assert "care" in browser.find_element(By.TAG_NAME, "body").get_attribute("class")
    tile = browser.find_element(By.XPATH, "//a[contains(@class,'kiosk-tile')][.//span[text()='查办事']]")
    size = tile.size
    assert size["height"] >= 100 and size["width"] >= 200, size  # touch-sized
    navigate(browser, tile)
    navigate(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "结婚登记"))
    guide_url = browser.current_url
    assert browser.find_element(By.LINK_TEXT, "打印一次告知单")
    qr = browser.find_element(By.CSS_SELECTOR, ".kiosk-qr svg")
    zbarimg = shutil.which("zbarimg")
    if zbarimg:
        shot = tmp_path / "qr.png"
        qr.screenshot(str(shot))
        out = subprocess.run([zbarimg, "--raw", "-q", str(shot)], capture_output=True, text=True, timeout=30)
        assert out.stdout.strip().endswith(guide_url.split(server, 1)[1]), out.stdout  # the site's base address + this page
    time.sleep(23)
    assert browser.current_url.endswith("/zhuanqu"), browser.current_url
    browser.get(server + "/zhuanqu/exit")
    browser.get(server + "/banshi")
    assert not browser.find_elements(By.CSS_SELECTOR, ".kiosk-qr")
