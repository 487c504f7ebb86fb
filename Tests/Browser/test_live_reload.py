"""`reportsite serve` in a browser: a page open in headless Chromium reloads with the new text
after a report is edited, shows the build's error over the page after a bad edit (the last good
page still under it), and drops the overlay and shows the fixed text after the fix.

Runs the built executable (REPORTSITE_BIN, see Tests/CLI/cli_support.py) on a copy of a small
site in a temporary folder, on a free port.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "CLI"))
from cli_support import Running, binary, free_port, make_site, mini_report  # noqa: E402

WAIT = 60  # a rebuild on two busy cores; the debug build is slower


def overlay(driver):
    return driver.execute_script(
        "const o = document.querySelector('div[role=alert]'); return o ? o.textContent : null;")


@pytest.fixture
def served(tmp_path):
    if not os.access(binary(), os.X_OK):
        pytest.fail(f"no executable at {binary()}: run `swift build` (or set REPORTSITE_BIN)", pytrace=False)
    site = make_site(tmp_path, [])
    report = site / "Content" / "reports" / "mini.md"
    report.write_text(mini_report("加强生态环境保护，初稿文字。"), encoding="utf-8")
    port = free_port()
    serve = Running(binary(), ["serve", "--port", str(port)], site)
    try:
        serve.wait_for(r"^Serving ", timeout=120)
        yield serve, report, f"http://127.0.0.1:{port}/reports/mini/index.html"
    finally:
        serve.interrupt()


def test_a_served_page_reloads_after_an_edit_shows_a_bad_edit_over_it_and_clears_after_the_fix(driver, served):
    serve, report, url = served
    # Record the page's EventSource (in every document this tab opens), to wait until it is
    # connected before editing: an edit before that would be a reload the page never hears of.
    hook = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        if (window.EventSource) {
          const Original = window.EventSource;
          window.EventSource = function (url, options) { const e = new Original(url, options); window.__rs_events = e; return e; };
          window.EventSource.prototype = Original.prototype;
        }"""})
    try:
        check(driver, serve, report, url)
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": hook["identifier"]})
        # Leave the page before the server stops, and drop this page's console entries (the
        # event stream cut off), which the next test of the shared browser would count.
        driver.get("about:blank")
        try:
            driver.get_log("browser")
        except WebDriverException:
            pass


def wait_connected(driver):
    WebDriverWait(driver, WAIT).until(
        lambda d: d.execute_script("return !!window.__rs_events && window.__rs_events.readyState === 1;"),
        message="the page did not connect to the server's event stream")


def check(driver, serve, report, url):
    driver.get(url)
    WebDriverWait(driver, WAIT).until(lambda d: d.execute_script("return document.readyState") == "complete")
    body = lambda: driver.find_element(By.TAG_NAME, "body").text
    assert "初稿文字" in body()
    wait_connected(driver)

    # An edit: the page reloads by itself (a new document) with the new text.
    driver.execute_script("window.__before_edit = true;")
    report.write_text(mini_report("加强生态环境保护，修改后的文字。"), encoding="utf-8")
    WebDriverWait(driver, WAIT).until(
        lambda d: d.execute_script("return !window.__before_edit && document.readyState === 'complete';"),
        message="the page did not reload after the edit")
    assert "修改后的文字" in body() and "初稿文字" not in body()
    assert overlay(driver) is None
    wait_connected(driver)

    # A bad edit (a link to no report): the error over the page, the last good page under it.
    driver.execute_script("window.__before_bad_edit = true;")
    report.write_text(mini_report("加强生态环境保护，见[别处](no-such-report.md)。"), encoding="utf-8")
    WebDriverWait(driver, WAIT).until(lambda d: overlay(d) is not None, message="no error overlay after a bad edit")
    text = overlay(driver)
    assert "构建失败（上次成功的版本仍在提供）" in text
    assert "Content/reports/mini.md:" in text and "no-such-report.md" in text, text
    assert driver.execute_script("return window.__before_bad_edit === true;"), "a failed build must not reload the page"
    assert "修改后的文字" in driver.execute_script("return document.querySelector('.report-body').textContent;")
    serve.wait_for(r"build failed; the last good site stays", name="stderr", timeout=5)

    # Fixed: the overlay goes and the page shows the fixed text.
    report.write_text(mini_report("加强生态环境保护，改好的文字。"), encoding="utf-8")
    WebDriverWait(driver, WAIT).until(
        lambda d: overlay(d) is None and "改好的文字" in d.find_element(By.TAG_NAME, "body").text,
        message="the overlay stayed or the fixed text did not come after the fix")
    assert "no-such-report" not in body()
