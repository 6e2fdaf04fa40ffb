"""Waiting for a click's navigation to finish, robust to Chromium's errors about old nodes."""
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def navigate(browser, element):
    """Clicks a link or button and waits until the next page has replaced this one and loaded."""
    page = browser.find_element(By.TAG_NAME, "html")
    element.click()

    def replaced(driver):
        try:
            page.tag_name  # touching the old page fails once it is gone
            return False
        except WebDriverException:  # stale element, or "node does not belong to the document"
            return True

    WebDriverWait(browser, 15).until(replaced)
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")
