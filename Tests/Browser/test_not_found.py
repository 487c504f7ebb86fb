"""The 404 page, as a web host shows it: served from the root of a host, for a missing path at
any depth. Without a base URL its links and stylesheet start at the host's root (``/…``)."""

from __future__ import annotations

import http.server
import threading
from functools import partial

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


class NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder at the root and answers a missing path with 404.html, as
    GitHub Pages, Netlify and most static hosts do."""

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (self.directory_path / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def root_host(output_dir):
    handler = partial(NotFoundHandler, directory=str(output_dir))
    NotFoundHandler.directory_path = output_dir
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("missing", ["/no-such-page.html", "/reports/no-such-report/", "/a/b/c/d/e.html"])
def test_missing_path_shows_the_styled_404_page_whose_links_work(driver, root_host, missing):
    driver.get(root_host + missing)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert driver.find_element(By.TAG_NAME, "h1").text == "页面不存在"
    # The stylesheet loaded (its rules apply) at every depth.
    sheets = driver.execute_script("return Array.from(document.styleSheets).map(s => s.cssRules.length);")
    assert sheets and sheets[0] > 10, f"stylesheet not loaded at {missing}: {sheets}"
    severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE" and "404" not in e.get("message", "")]
    assert not severe, severe
    home = driver.find_element(By.CSS_SELECTOR, "main a[href]")
    home.click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/index.html"))
    assert driver.find_element(By.CSS_SELECTOR, ".home h1")
