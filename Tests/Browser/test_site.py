"""Browser tests for the generated ReportSite output.

Every test runs twice (fixture ``site`` in conftest.py): once with the site
opened from disk (file://) and once through a local HTTP server with the
site under a sub-path (http://127.0.0.1:PORT/Output/).

Only the HTML contract is relied on: class names / ids / href shapes of
home, report, topic and overview pages, the skip link and <main id="main">.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import Select
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

REPORT_HREF = re.compile(r"^reports/([^/#]+)/index\.html$")
TOPIC_HREF_FROM_HOME = re.compile(r"^topics/([^/#]+)/index\.html$")
BADGE_HREF = re.compile(r"^\.\./\.\./topics/([^/#]+)/([^/#]+)/index\.html#(.+)$")
PASSAGE_LINK_HREF = re.compile(r"^\.\./\.\./\.\./reports/([^/#]+)/index\.html#(.+)$")
MIN_SCREENSHOT_BYTES = 10 * 1024


# --------------------------------------------------------------------------
# helpers


def frag(url: str) -> str:
    """Percent-decoded fragment of a URL."""
    return unquote(urlsplit(url).fragment)


def page_path(url: str) -> str:
    """Percent-decoded path of a URL (no query, no fragment)."""
    return unquote(urlsplit(url).path)


def first_report(site) -> tuple[str, str]:
    """Open the home page; return (href, slug) of the first report card link."""
    site.open("index.html")
    link = site.driver.find_element(By.CSS_SELECTOR, ".report-rows li > a")
    raw = link.get_dom_attribute("href")
    m = REPORT_HREF.match(raw or "")
    assert m, f"first .report-rows link has href {raw!r}, expected reports/<slug>/index.html"
    return raw, m.group(1)


def passages_with_badges(site) -> list[str]:
    """Ids of report passages (div.passage[id]) that carry at least one topic badge."""
    return site.js(
        "return Array.from(document.querySelectorAll('div.passage[id]'))"
        "  .filter(p => p.querySelector('a.topic-badge')).map(p => p.id);")


def follow_first_passage_badge(site) -> tuple[str, str, str]:
    """From the report page, click the first topic badge of the first passage
    that has one. Returns (slug, passage anchor, topic key) and leaves the
    browser on the topic page."""
    _, slug = first_report(site)
    site.open(f"reports/{slug}/index.html")
    ids = passages_with_badges(site)
    assert ids, "no div.passage[id] with an a.topic-badge on the report page"
    anchor = ids[0]
    badge = site.js(
        "return document.getElementById(arguments[0]).querySelector('a.topic-badge');", anchor)
    raw = badge.get_dom_attribute("href")
    m = BADGE_HREF.match(raw or "")
    assert m, f"badge in passage #{anchor} has href {raw!r}, expected ../../topics/<key>/<slug>/index.html#<anchor>"
    key = m.group(1)
    assert m.group(2) == slug, f"badge in passage #{anchor} leads to the topic page of {m.group(2)!r}, not {slug!r}"
    assert unquote(m.group(3)) == anchor, (
        f"badge in passage #{anchor} points at #{unquote(m.group(3))}, expected #{anchor}")

    site.click_and_wait(badge)
    url = site.driver.current_url
    assert page_path(url).endswith(f"/topics/{key}/{slug}/index.html"), f"badge led to {url}"
    assert frag(url) == anchor, f"badge led to fragment {frag(url)!r}"
    return slug, anchor, key


# --------------------------------------------------------------------------
# 1. home page


def test_home_page_opens_first_report(fresh_site):
    site = fresh_site
    site.open("index.html")
    d = site.driver
    assert d.title.strip(), "home page <title> is empty"
    assert site.js("return document.documentElement.getAttribute('lang');") == "zh-CN"

    hrefs = [a.get_dom_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "a[href]")]
    assert "topics/index.html" in hrefs, "home page has no link to topics/index.html"
    assert any(TOPIC_HREF_FROM_HOME.match(h or "") for h in hrefs), \
        "home page has no link to any topics/<key>/index.html"

    link = d.find_element(By.CSS_SELECTOR, ".report-rows li > a")
    raw = link.get_dom_attribute("href")
    m = REPORT_HREF.match(raw or "")
    assert m, f"first report link has href {raw!r}"
    site.click_and_wait(link)
    assert page_path(d.current_url).endswith(f"/reports/{m.group(1)}/index.html"), d.current_url
    assert d.find_elements(By.CSS_SELECTOR, "nav.toc#toc"), "report page has no nav#toc.toc"
    site.assert_healthy()


# --------------------------------------------------------------------------
# 2. table of contents


def test_toc_covers_every_heading_and_section_link_targets_it(fresh_site):
    site = fresh_site
    _, slug = first_report(site)
    site.open(f"reports/{slug}/index.html")

    toc = site.js(
        "return Array.from(document.querySelectorAll('nav#toc a[href^=\"#\"]'))"
        "  .map(a => a.getAttribute('href').slice(1));")
    toc_anchors = [unquote(a) for a in toc]
    headings = site.js(
        "return Array.from(document.querySelectorAll('main h2[id], main h3[id]'))"
        "  .filter(h => !h.closest('nav')).map(h => [h.tagName.toLowerCase(), h.id]);")
    assert any(tag == "h3" for tag, _ in headings), "report page has no h3[id] sections"
    heading_ids = {hid for _, hid in headings}
    missing = [hid for _, hid in headings if hid not in toc_anchors]
    assert not missing, f"headings without a TOC link: {missing}"
    dangling = [a for a in toc_anchors if a not in heading_ids]
    assert not dangling, f"TOC links to no h2/h3 id: {dangling}"

    # Click the TOC link of the last section (far down: the page must scroll).
    h3_ids = [hid for tag, hid in headings if tag == "h3"]
    anchor = h3_ids[-1]
    link = next(a for a in site.driver.find_elements(By.CSS_SELECTOR, "nav#toc a[href^='#']")
                if unquote(a.get_dom_attribute("href")[1:]) == anchor)
    site.click_and_wait(link, cross_document=False)

    assert frag(site.driver.current_url) == anchor
    state = site.js(
        "const el = document.getElementById(arguments[0]);"
        "if (!el) return null;"
        "const r = el.getBoundingClientRect();"
        "return {target: el.matches(':target'), top: r.top, vh: innerHeight, y: scrollY};", anchor)
    assert state is not None, f"document.getElementById({anchor!r}) is null"
    assert state["target"], f"#{anchor} is not :target after clicking its TOC link"
    assert state["y"] > 0 and 0 <= state["top"] < state["vh"], \
        f"#{anchor} was not scrolled into view: {state}"
    site.assert_healthy()


# --------------------------------------------------------------------------
# 3./4. topic badge -> topic entry -> back to passage


def test_topic_badge_leads_to_topic_entry(fresh_site):
    site = fresh_site
    slug, anchor, _ = follow_first_passage_badge(site)
    t = site.target_info()
    assert t is not None, "no :target element on the topic page"
    assert t["tag"] == "li" and "topic-entry" in t["cls"].split(), f":target is {t}"
    assert t["id"] == anchor, f":target id is {t['id']!r}"
    assert t["marks"] >= 1, f"topic entry #{t['id']} contains no <mark>"
    site.assert_healthy()


def test_topic_entry_passage_link_returns_to_passage(fresh_site):
    site = fresh_site
    slug, anchor, _ = follow_first_passage_badge(site)
    entry = site.js("return document.querySelector(':target');")
    assert entry is not None, "no :target entry on the topic page"
    link = entry.find_element(By.CSS_SELECTOR, "a.passage-link")
    raw = link.get_dom_attribute("href")
    m = PASSAGE_LINK_HREF.match(raw or "")
    assert m and m.group(1) == slug and unquote(m.group(2)) == anchor, \
        f"passage-link href {raw!r}, expected ../../../reports/{slug}/index.html#{anchor}"

    site.click_and_wait(link)
    url = site.driver.current_url
    assert page_path(url).endswith(f"/reports/{slug}/index.html"), url
    assert frag(url) == anchor
    t = site.target_info()
    assert t is not None, "no :target on the report page"
    assert t["tag"] == "div" and "passage" in t["cls"].split() and t["id"] == anchor, f":target is {t}"
    site.assert_healthy()


# --------------------------------------------------------------------------
# 5. heat map


def test_heatmap_links_name_existing_pages_and_fragments(fresh_site):
    site = fresh_site
    site.open("topics/index.html")
    links = site.js(
        "const t = document.querySelector('table.heatmap');"
        "if (!t) return null;"
        "return Array.from(t.querySelectorAll('td a[href]')).map(a => ({"
        "  href: a.href, raw: a.getAttribute('href'), cell: a.closest('td').className}));")
    assert links is not None, "topics/index.html has no table.heatmap"
    assert links, "table.heatmap has no td a links"

    by_page: dict[str, set[str]] = {}
    problems = []
    for link in links:
        href, cell = link["href"], link["cell"]
        if not href.startswith(site.base):
            problems.append(f"{link['raw']!r} leaves the site ({href})")
            continue
        fragment = frag(href)
        if not re.match(r"^\.\./topics/[^/#]+/[^/#]+/index\.html$", link["raw"] or ""):
            problems.append(f"{link['raw']!r} in td.{cell} is not a report's page for a topic")
        if "heat-0" in cell.split():
            problems.append(f"{link['raw']!r}: a cell with no passages must not link")
        by_page.setdefault(href.split("#", 1)[0], set()).add(fragment)
    assert not problems, "\n".join(problems)

    missing = []
    for page, fragments in sorted(by_page.items()):
        site.driver.get(page)
        site._wait_loaded()
        site.check_page()
        if not site.js("return !!document.getElementById('main') && document.title.trim() !== '';"):
            missing.append(f"page {page} does not exist (no titled page with #main)")
            continue
        for f in sorted(x for x in fragments if x):
            if not site.js("return !!document.getElementById(arguments[0]);", f):
                missing.append(f"{page}#{f}: no element with that id")
    assert not missing, "heat-map links to missing targets:\n  " + "\n  ".join(missing)
    site.assert_healthy()


# --------------------------------------------------------------------------
# 6. console + network, every page


def all_pages(output_dir: Path) -> list[str]:
    """Every page, but 404.html: a host shows that one for a missing path, at any depth, so its
    links start at the host's root; it is tested served from a root (test_not_found.py)."""
    return sorted(p.relative_to(output_dir).as_posix() for p in output_dir.rglob("*.html")
                  if p.relative_to(output_dir).as_posix() != "404.html")


def test_every_page_loads_without_console_errors_or_remote_resources(fresh_site):
    site = fresh_site
    pages = all_pages(site.output_dir)
    assert "index.html" in pages
    for rel in pages:
        site.open(rel)
    site.assert_healthy()


# --------------------------------------------------------------------------
# 7. keyboard


def test_every_page_starts_with_skip_link_to_main(fresh_site):
    site = fresh_site
    bad = []
    for rel in all_pages(site.output_dir):
        site.open(rel)
        info = site.js(
            "const sel = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex=\"-1\"])';"
            "const first = document.querySelector(sel);"
            "return {cls: first ? first.className : null,"
            "        href: first ? first.getAttribute('href') : null,"
            "        main: !!document.querySelector('main#main')};")
        if info["cls"] is None or "skip" not in info["cls"].split() or info["href"] != "#main":
            bad.append(f"{rel}: first focusable is class={info['cls']!r} href={info['href']!r}")
        if not info["main"]:
            bad.append(f"{rel}: no <main id=\"main\">")
    assert not bad, "\n".join(bad)
    site.assert_healthy()


def test_tab_focuses_skip_link_which_jumps_to_main(fresh_site):
    site = fresh_site
    site.open("index.html")
    ActionChains(site.driver).send_keys(Keys.TAB).perform()
    focused = site.js(
        "const a = document.activeElement; const r = a.getBoundingClientRect();"
        "return {tag: a.tagName.toLowerCase(), cls: a.className, href: a.getAttribute('href'),"
        "        left: r.left, right: r.right, top: r.top, w: r.width, vw: innerWidth};")
    assert focused["tag"] == "a" and "skip" in focused["cls"].split(), \
        f"after one Tab the focus is on {focused}"
    assert focused["href"] == "#main"
    assert focused["w"] > 0 and focused["left"] >= 0 and focused["right"] <= focused["vw"] \
        and focused["top"] >= 0, f"focused skip link is not visible on screen: {focused}"

    ActionChains(site.driver).send_keys(Keys.ENTER).perform()
    WebDriverWait(site.driver, 5).until(lambda d: frag(d.current_url) == "main",
                                        message="Enter on the skip link did not go to #main")
    t = site.target_info()
    assert t and t["tag"] == "main" and t["id"] == "main", f":target after skip link is {t}"
    site.assert_healthy()


# --------------------------------------------------------------------------
# 8. screenshots


def shoot(site, directory: Path, name: str) -> Path:
    path = directory / f"{site.mode}-{name}.png"
    if path.exists():
        path.unlink()
    assert site.driver.save_screenshot(str(path)), f"could not write {path}"
    return path


def set_media(site, media: str = "", dark: bool | None = None) -> None:
    features = [] if dark is None else [
        {"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]
    site.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media, "features": features})


def test_report_page_fits_phone_width(fresh_site):
    site = fresh_site
    _, slug = first_report(site)
    d = site.driver
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        overflow = {}
        for rel in (f"reports/{slug}/index.html", "index.html", "topics/index.html"):
            site.open(rel)
            sizes = site.js("return [document.documentElement.scrollWidth, innerWidth];")
            if sizes[0] > sizes[1]:
                overflow[rel] = sizes
        assert not overflow, f"horizontal overflow at 390 px (scrollWidth, innerWidth): {overflow}"
    finally:
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    site.assert_healthy()


def test_screenshots_of_home_report_topic_heatmap_phone_dark_print(fresh_site, screenshot_dir):
    site = fresh_site
    d = site.driver
    _, slug = first_report(site)
    shots = [shoot(site, screenshot_dir, "home")]

    report = f"reports/{slug}/index.html"
    site.open(report)
    ids = passages_with_badges(site)
    assert ids, "no passage with topic badges"
    anchor = ids[len(ids) // 2]          # a passage in the middle of the report
    badge_href = site.js(
        "return document.getElementById(arguments[0]).querySelector('a.topic-badge').href;", anchor)

    site.open(report, anchor)
    assert site.target_info()["id"] == anchor
    shots.append(shoot(site, screenshot_dir, "report-passage"))

    d.get(badge_href)
    site._wait_loaded()
    site.check_page()
    shots.append(shoot(site, screenshot_dir, "topic"))

    site.open("topics/index.html")
    shots.append(shoot(site, screenshot_dir, "heatmap"))

    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        site.open(report, anchor)
        assert site.js("return innerWidth;") == 390
        shots.append(shoot(site, screenshot_dir, "report-phone"))
    finally:
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    try:
        set_media(site, dark=True)
        site.open(report, anchor)
        assert site.js("return matchMedia('(prefers-color-scheme: dark)').matches;")
        shots.append(shoot(site, screenshot_dir, "report-dark"))

        set_media(site, media="print")
        site.open(report, anchor)
        assert site.js("return matchMedia('print').matches;")
        shots.append(shoot(site, screenshot_dir, "report-print"))
    finally:
        set_media(site)

    small = {p.name: p.stat().st_size for p in shots if not p.is_file() or p.stat().st_size <= MIN_SCREENSHOT_BYTES}
    assert not small, f"screenshots missing or trivial (<= {MIN_SCREENSHOT_BYTES} bytes): {small}"
    site.assert_healthy()


def test_home_filter_keeps_only_matching_reports(fresh_site):
    """The home page's filter (assets/list-filter.js) hides the reports that do not match the
    text typed, and the years left empty; clearing it shows them all again."""
    site = fresh_site
    site.open("index.html")
    d = site.driver
    rows = d.find_elements(By.CSS_SELECTOR, ".report-rows li[data-level]")
    assert len(rows) == 10, f"{len(rows)} report rows on the home page"
    box = d.find_element(By.CSS_SELECTOR, "form.list-filter input[name=text]")
    assert box.is_displayed(), "the filter is not shown (its script did not run)"
    box.send_keys("呼和浩特")
    visible = [r.text for r in rows if r.is_displayed()]
    assert len(visible) == 1 and "呼和浩特" in visible[0], visible
    years = [s.get_attribute("id") for s in d.find_elements(By.CSS_SELECTOR, "section.report-year") if s.is_displayed()]
    assert years == ["year-2022"], years
    # The year navigation and the year's count follow the filter.
    shown_links = [(a.get_attribute("href").rsplit("#", 1)[-1], a.find_element(By.TAG_NAME, "small").text)
                   for a in d.find_elements(By.CSS_SELECTOR, "nav.year-nav a") if a.is_displayed()]
    assert shown_links == [("year-2022", "1")], shown_links
    assert d.find_element(By.CSS_SELECTOR, "#year-2022 h3 small").text == "1 份"
    box.clear()
    box.send_keys(" ")
    box.send_keys("\b")
    site.js("document.querySelector('form.list-filter').dispatchEvent(new Event('input'));")
    assert sum(1 for r in rows if r.is_displayed()) == 10
    output = d.find_element(By.CSS_SELECTOR, "form.list-filter output")

    def typed(text):
        box.clear()
        box.send_keys(text)
        return [r.text for r in rows if r.is_displayed()]

    # Words separated by a space each match, anywhere in place, title or level.
    visible = typed("内蒙古 2025")
    assert len(visible) == 1 and "内蒙古" in visible[0], visible
    assert len(typed("省级")) == 8 and output.text == "显示 8 / 10 份", output.text
    assert len(typed("国家级 2022")) == 1
    assert typed("没有这个地方") == [] and output.text == "没有符合条件的报告（共 10 份）", output.text
    # The level list filters too, chosen as a script or WebDriver does (a `change` event only).
    box.clear()
    Select(d.find_element(By.CSS_SELECTOR, "form.list-filter select[name=level]")).select_by_value("national")
    visible = [r.text for r in rows if r.is_displayed()]
    assert len(visible) == 1 and output.text == "显示 1 / 10 份", (visible, output.text)
    Select(d.find_element(By.CSS_SELECTOR, "form.list-filter select[name=level]")).select_by_value("")
    # The year links jump to each year's list.
    links = d.find_elements(By.CSS_SELECTOR, "nav.year-nav a")
    assert [a.get_attribute("href").rsplit("#", 1)[-1] for a in links] == ["year-2025", "year-2022"], [a.get_attribute("href") for a in links]
    site.assert_healthy()
