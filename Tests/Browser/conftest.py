"""Fixtures for the ReportSite browser tests.

The built site is opened in headless Chromium in two ways:

* ``file``: straight from disk (``file:///…/Output/index.html``);
* ``http``: through ``python3 -m http.server`` serving the *parent* of the
  output directory, so the site lives under a sub-path
  (``http://127.0.0.1:PORT/Output/``).

Environment:
  REPORTSITE_OUTPUT       output directory (default: <repo>/Output)
  REPORTSITE_SCREENSHOTS  where screenshots go (default: /tmp/reportsite-screenshots)
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 10


# --------------------------------------------------------------------------
# Paths


@pytest.fixture(scope="session")
def output_dir() -> Path:
    out = Path(os.environ.get("REPORTSITE_OUTPUT") or REPO / "Output").resolve()
    if not (out / "index.html").is_file():
        pytest.fail(
            f"No built site: {out / 'index.html'} does not exist. "
            "Build it with `swift build && .build/debug/reportsite build`, "
            "or point REPORTSITE_OUTPUT at the output directory.",
            pytrace=False,
        )
    return out


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    d = Path(os.environ.get("REPORTSITE_SCREENSHOTS") or "/tmp/reportsite-screenshots")
    d.mkdir(parents=True, exist_ok=True)
    return d


# --------------------------------------------------------------------------
# Browser


def _chromedriver_path() -> str:
    if os.path.exists("/usr/bin/chromedriver"):
        return "/usr/bin/chromedriver"
    found = shutil.which("chromedriver")
    if not found:
        pytest.fail("chromedriver not found (/usr/bin/chromedriver or on PATH)", pytrace=False)
    return found


@pytest.fixture(scope="session")
def driver():
    opts = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1400"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(_chromedriver_path()), options=opts)
    drv.set_page_load_timeout(20)
    try:
        yield drv
    finally:
        drv.quit()


# --------------------------------------------------------------------------
# HTTP server (serves the parent of the output directory)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def http_base(output_dir: Path):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port),
         "--directory", str(output_dir.parent)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/{quote(output_dir.name)}/"
    try:
        deadline = time.monotonic() + 10
        while True:
            if proc.poll() is not None:
                pytest.fail(f"http.server exited early with code {proc.returncode}", pytrace=False)
            try:
                with urllib.request.urlopen(base + "index.html", timeout=1) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"http.server on port {port} did not come up within 10 s", pytrace=False)
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


# --------------------------------------------------------------------------
# Site helper


class Site:
    """One way of opening the site, plus a record of page-health problems."""

    def __init__(self, mode: str, base: str, drv, output_dir: Path):
        self.mode = mode
        self.base = base  # ends with "/"
        self.driver = drv
        self.output_dir = output_dir
        self.problems: list[str] = []
        self.allowed_prefix = "file://" if mode == "file" else "http://127.0.0.1"

    # -- navigation -------------------------------------------------------

    def url(self, rel: str, fragment: str | None = None) -> str:
        u = self.base + quote(rel)
        if fragment is not None:
            u += "#" + quote(fragment, safe="")
        return u

    def open(self, rel: str, fragment: str | None = None) -> None:
        self.driver.get(self.url(rel, fragment))
        self._wait_loaded()
        self.check_page()

    def click_and_wait(self, element, cross_document: bool = True) -> None:
        """Click a link and wait for the resulting navigation."""
        before = self.driver.current_url
        if cross_document:
            # Mark the old document so we can tell when it has been replaced.
            self.driver.execute_script("window.__rs_old_doc = true;")
        element.click()
        if cross_document:
            WebDriverWait(self.driver, WAIT_SECONDS).until(
                lambda d: d.execute_script(
                    "return !window.__rs_old_doc && document.readyState === 'complete';"),
                message=f"no page load after clicking a link on {before}",
            )
        else:
            WebDriverWait(self.driver, WAIT_SECONDS).until(
                lambda d: d.current_url != before,
                message=f"URL did not change after clicking a link on {before}",
            )
        self.check_page()

    def _wait_loaded(self) -> None:
        WebDriverWait(self.driver, WAIT_SECONDS).until(
            lambda d: d.execute_script("return document.readyState") == "complete")

    # -- DOM helpers ------------------------------------------------------

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def target_info(self):
        return self.js(
            "const t = document.querySelector(':target');"
            "return t ? {tag: t.tagName.toLowerCase(), id: t.id, cls: t.className,"
            " marks: t.querySelectorAll('mark').length} : null;")

    # -- health -----------------------------------------------------------

    def drain_console(self) -> list[dict]:
        try:
            return self.driver.get_log("browser")
        except WebDriverException:
            return []

    def check_page(self) -> None:
        """Record console SEVERE entries and non-local resources of the current page."""
        page = self.driver.current_url
        for entry in self.drain_console():
            if entry.get("level") == "SEVERE" and not self._implicit_favicon_miss(entry, page):
                self.problems.append(f"console SEVERE on {page}: {entry.get('message')}")
        names = self.js(
            "return performance.getEntriesByType('resource').map(e => e.name);") or []
        for name in names:
            if not name.startswith(self.allowed_prefix):
                self.problems.append(f"non-local resource on {page}: {name}")

    def _implicit_favicon_miss(self, entry: dict, page: str) -> bool:
        """Chrome fetches <origin>/favicon.ico by itself when a page declares no
        icon. With the site under a sub-path that URL is outside the site (the
        server root), so a 404 for it is not the site's doing -- unless the page
        itself declares an icon, in which case the entry counts."""
        if self.mode != "http":
            return False
        msg = entry.get("message", "")
        root_icon = self.base.split("/", 3)
        root_icon = f"{root_icon[0]}//{root_icon[2]}/favicon.ico"
        if not msg.startswith(root_icon + " "):
            return False
        declares_icon = self.js("return !!document.querySelector('link[rel~=\"icon\"]');")
        return not declares_icon

    def assert_healthy(self) -> None:
        self.check_page()
        problems, self.problems = self.problems, []
        assert not problems, "page-health problems:\n  " + "\n  ".join(problems)


@pytest.fixture(scope="session", params=["file", "http"])
def site(request, driver, output_dir):
    if request.param == "file":
        base = output_dir.as_uri() + "/"
    else:
        base = request.getfixturevalue("http_base")
    return Site(request.param, base, driver, output_dir)


@pytest.fixture
def fresh_site(site):
    """The site, with console/health state reset at the start of each test."""
    site.drain_console()
    site.problems = []
    yield site
