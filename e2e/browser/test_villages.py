"""村（居）务公开 on a 360 px phone: the 桃花村 operator publishes a monthly finance table with a photo of
the 公开栏 (made by Pillow with GPS, camera and orientation in its EXIF), the 清溪镇 review publishes
it, and the public finds it in 清溪镇's 村（居）务公开 section; the photo served to the public keeps its
orientation and nothing else (Pillow reads it back)."""
import io
import os
import urllib.request

from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import SHOTS
from pagewait import navigate
from test_application import login
from test_publishing import approve

QINGXI, TAOHUA = 21, 25  # 清溪镇, 桃花村 in the demo county


def phone(browser):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True})


def fits(browser):
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 360, f"{browser.current_url} is {width} px wide"


def board_photo(path):
    image = Image.new("RGB", (64, 48), (200, 180, 120))
    exif = Image.Exif()
    exif[0x0112] = 6          # Orientation: rotate 90°
    exif[0x010F] = "PhoneMaker"
    exif[0x0132] = "2026:11:30 10:15:00"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (31.0, 1.0, 30.0)
    image.save(path, "JPEG", exif=exif)
    before = Image.open(path).getexif()
    assert before.get(0x010F) == "PhoneMaker" and before.get_ifd(0x8825), "the test photo carries camera and GPS data"


def test_village_finance_from_a_phone_with_board_photo(server, browser, tmp_path):
    phone(browser)
    login(browser, server, "cw_thc")
    browser.get(server + "/admin/m/publish")
    fits(browser)
    Select(browser.find_element(By.ID, "m-column")).select_by_value("cwgk")
    title = "桃花村2026年11月财务收支公开"
    browser.find_element(By.ID, "m-title").send_keys(title)
    browser.find_element(By.ID, "m-text").send_keys("经村务监督委员会审核，现将11月村级财务收支公开如下。")
    browser.find_element(By.TAG_NAME, "summary").click()
    Select(browser.find_element(By.ID, "m-period")).select_by_value("2026-11")
    browser.find_element(By.ID, "m-opening").send_keys("20000")
    browser.find_element(By.ID, "m-income").send_keys("上级转移支付 8000")
    browser.find_element(By.ID, "m-expense").send_keys("保洁费 1500")
    browser.find_element(By.ID, "m-closing").send_keys("26000")
    navigate(browser, browser.find_element(By.XPATH, "//button[starts-with(text(),'保存')]"))
    assert "收支不平" in browser.page_source  # 20000 + 8000 - 1500 = 26500
    assert browser.find_element(By.ID, "m-title").get_attribute("value") == title, "nothing typed is lost"
    closing = browser.find_element(By.ID, "m-closing")
    closing.clear()
    closing.send_keys("26500")
    navigate(browser, browser.find_element(By.XPATH, "//button[starts-with(text(),'保存')]"))
    item_page = browser.current_url
    assert "收入合计" in browser.page_source
    fits(browser)

    # 清溪镇 requires the board photo: refused without it, accepted with it.
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='提交乡镇审核']"))
    assert "须附公开栏张贴的照片" in browser.page_source
    photo = str(tmp_path / "IMG_20261130.jpg")
    board_photo(photo)
    browser.find_element(By.ID, "m-photo").send_keys(photo)
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='上传照片']"))
    assert browser.find_elements(By.CSS_SELECTOR, ".photo-list img")
    navigate(browser, browser.find_element(By.XPATH, "//button[text()='提交乡镇审核']"))
    assert "审核中" in browser.find_element(By.ID, "m-state").text
    browser.save_screenshot(os.path.join(SHOTS, "village-phone.png"))

    # The township's review, then the public section.
    item_id = item_page.rstrip("/").rsplit("/", 1)[1]
    for reviewer in ["shy_qx", "bmsc", "leader"]:
        approve(browser, server, f"{server}/admin/items/{item_id}", reviewer)
    browser.delete_all_cookies()
    browser.get(f"{server}/xxgk/{QINGXI}/cunwu")
    fits(browser)
    navigate(browser, browser.find_element(By.LINK_TEXT, "桃花村"))
    assert f"/xxgk/{QINGXI}/cunwu/{TAOHUA}" in browser.current_url
    fits(browser)
    navigate(browser, browser.find_element(By.LINK_TEXT, title))
    assert "26,500.00" in browser.page_source
    photo_url = browser.find_element(By.XPATH, "//a[contains(., '公开栏照片')]").get_attribute("href")
    served = Image.open(io.BytesIO(urllib.request.urlopen(photo_url).read()))
    exif = served.getexif()
    assert exif.get(0x0112) == 6, "the orientation stays"
    assert exif.get(0x010F) is None and exif.get(0x0132) is None, dict(exif)
    assert not exif.get_ifd(0x8825), "no GPS position"
