"""Browser tests of the offline search (search/index.html, assets/search*.js, search/data/).

Like test_site.py, every test runs with the site opened from disk (file://) and over HTTP
under a sub-path. The expected passages are read from the report pages themselves, so the
tests hold for any content.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPO, WAIT_SECONDS

CASES = REPO / "Tests/ReportSiteCoreTests/Fixtures/tokenizer-cases.json"
QUERIES = ["生态环境", "高标准农田", "6.5%", "呼和浩特"]
MIN_SCREENSHOT_BYTES = 10 * 1024


# --------------------------------------------------------------------------
# helpers


def fold(text: str) -> str:
    """Close enough to the site's folding for the test queries: NFKC, lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def pattern(query: str) -> re.Pattern:
    """Where `query` occurs as the search finds it: a number or word is never part of a longer one."""
    escaped = re.escape(fold(query))
    if re.match(r"[0-9a-z]", fold(query)):
        escaped = r"(?<![0-9a-z.])" + escaped
    return re.compile(escaped)


def expected_targets(site, query: str) -> dict[str, set[str]]:
    """Per report page (relative path), the ids of the passages and headings containing `query`."""
    found: dict[str, set[str]] = {}
    reports = sorted(p.relative_to(site.output_dir).as_posix() for p in (site.output_dir / "reports").glob("*/index.html"))
    for rel in reports:
        site.open(rel)
        items = site.js(
            "const out = [];"
            "document.querySelectorAll('div.passage[id]').forEach(d => {"
            "  const body = d.querySelector(':scope > p, :scope > pre');"
            "  out.push([d.id, body ? body.textContent : '']); });"
            "document.querySelectorAll('main h2[id], main h3[id]').forEach(h => {"
            "  if (!h.closest('nav')) out.push([h.id, h.textContent]); });"
            "return out;")
        match = pattern(query)
        ids = {i for i, text in items if match.search(fold(text))}
        if ids:
            found[rel] = ids
    return found


def open_search(site, query: str | None = None, **params) -> None:
    """Open search/index.html with ?q= and other parameters, and wait for its results."""
    parts = ([f"q={quote(query)}"] if query is not None else []) + [f"{k}={quote(v)}" for k, v in params.items()]
    site.driver.get(site.base + "search/index.html" + ("?" + "&".join(parts) if parts else ""))
    site._wait_loaded()
    if query:
        wait_results(site, query)
    site.check_page()


def wait_results(site, query: str) -> None:
    WebDriverWait(site.driver, WAIT_SECONDS).until(
        lambda d: d.execute_script(
            "const l = document.getElementById('search-results');"
            "return l && l.getAttribute('data-query') === arguments[0];", query),
        message=f"no results shown for {query!r}: status "
                + repr(site.js("const s = document.getElementById('search-status'); return s && s.textContent;")))


def results(site) -> list[dict]:
    return site.js(
        "return Array.from(document.querySelectorAll('#search-results li.search-result')).map(li => {"
        "  const a = li.querySelector('a.search-result-link');"
        "  return {href: a.href, raw: a.getAttribute('href'), exact: li.classList.contains('search-result-exact'),"
        "          report: li.querySelector('.search-result-report').textContent,"
        "          section: li.querySelector('.search-result-section').textContent,"
        "          snippet: li.querySelector('.search-result-snippet').textContent,"
        "          marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent),"
        "          topics: Array.from(li.querySelectorAll('.topic-badge')).map(b => b.textContent)};"
        "});")


def show_all(site) -> None:
    """Press "more results" until every result is shown."""
    while True:
        more = site.driver.find_element(By.ID, "search-more")
        if not more.is_displayed():
            return
        count = len(results(site))
        more.click()
        WebDriverWait(site.driver, WAIT_SECONDS).until(lambda d: len(results(site)) > count)


def target_of(site, href: str) -> tuple[str, str]:
    """(report page relative to the site, fragment) of a result link."""
    assert href.startswith(site.base), f"result link {href} leaves the site"
    page, _, fragment = href[len(site.base):].partition("#")
    return unquote(page), unquote(fragment)


def type_into(element, text: str) -> None:
    element.clear()
    element.send_keys(text)


# --------------------------------------------------------------------------
# 1. the tokenizer's twin


def test_browser_tokenizer_gives_the_tokens_of_the_shared_cases(fresh_site):
    site = fresh_site
    data = json.loads(CASES.read_text(encoding="utf-8"))
    open_search(site)
    texts = [c["text"] for c in data["cases"]]
    got = site.js(
        "return arguments[0].map(t => [ReportSiteSearch.tokenize(t, 'index'), ReportSiteSearch.tokenize(t, 'query')]);",
        texts)
    wrong = []
    for case, (index, query) in zip(data["cases"], got):
        if index != case["index"]:
            wrong.append(f"{case['name']} (index): {index} != {case['index']}")
        if query != case["query"]:
            wrong.append(f"{case['name']} (query): {query} != {case['query']}")
    hashes = site.js("return arguments[0].map(t => ReportSiteSearch.termHash(t));", [h["term"] for h in data["hashes"]])
    for case, value in zip(data["hashes"], hashes):
        if value != case["hash"]:
            wrong.append(f"hash of {case['term']!r}: {value} != {case['hash']}")
    assert not wrong, "search.js disagrees with tokenizer-cases.json:\n  " + "\n  ".join(wrong)
    assert len(data["cases"]) >= 20
    site.assert_healthy()


# --------------------------------------------------------------------------
# 2. queries typed into the box of the home page


@pytest.mark.parametrize("query", QUERIES)
def test_query_typed_on_home_page_finds_its_passages_with_working_links(fresh_site, query):
    site = fresh_site
    expected = expected_targets(site, query)
    assert expected, f"the content has no passage with {query!r}; the test needs one"

    site.open("index.html")
    box = site.driver.find_element(By.CSS_SELECTOR, "header form[role=search] input[type=search][name=q]")
    type_into(box, query)
    site.driver.execute_script("window.__rs_old_doc = true;")
    box.send_keys(Keys.ENTER)
    WebDriverWait(site.driver, WAIT_SECONDS).until(
        lambda d: d.execute_script("return !window.__rs_old_doc && document.readyState === 'complete';"),
        message="Enter in the header's search box did not open the search page")
    assert urlsplit(site.driver.current_url).path.endswith("/search/index.html")
    assert site.js("return new URLSearchParams(location.search).get('q');") == query
    wait_results(site, query)
    assert site.js("return document.getElementById('search-input').value;") == query

    show_all(site)
    found = results(site)
    exact = [r for r in found if r["exact"]]
    # Every passage and heading with the query is found, as an exact match, before the rest.
    targets: dict[str, set[str]] = {}
    for r in exact:
        page, fragment = target_of(site, r["href"])
        targets.setdefault(page, set()).add(fragment)
    assert targets == expected, f"exact results {targets} != passages containing {query!r}: {expected}"
    assert found[:len(exact)] == exact, "exact phrase matches are not ranked first"
    for r in exact:
        assert fold(query) in [fold(m) for m in r["marks"]], f"{query!r} is not highlighted in {r['snippet']!r}"
        assert r["report"] and r["section"], f"result without report or section: {r}"

    # Every result link names an existing anchor; the first one opens its passage.
    for page, ids in targets.items():
        site.open(page)
        missing = [i for i in ids if not site.js("return !!document.getElementById(arguments[0]);", i)]
        assert not missing, f"{page} has no element with ids {missing}"
    open_search(site, query)
    link = site.driver.find_element(By.CSS_SELECTOR, "#search-results a.search-result-link")
    page, fragment = target_of(site, link.get_attribute("href"))
    site.click_and_wait(link)
    assert urlsplit(site.driver.current_url).path.endswith("/" + page)
    t = site.target_info()
    assert t and t["id"] == fragment, f":target after following the first result is {t}"
    text = site.js("return document.getElementById(arguments[0]).textContent;", fragment)
    assert pattern(query).search(fold(text)), f"#{fragment} does not contain {query!r}"
    site.assert_healthy()


# --------------------------------------------------------------------------
# 3. filters, links to results, phrases


def test_query_and_filters_in_the_address_are_applied_and_kept(fresh_site):
    site = fresh_site
    open_search(site)
    slug = site.js("return document.querySelector('#search-report option[value]:not([value=\"\"])').value;")
    open_search(site, "生态", topic="ecology", report=slug)
    assert site.js("return [document.getElementById('search-report').value, document.getElementById('search-topic').value];") == [slug, "ecology"]
    name = site.js("return document.querySelector('#search-topic option[value=ecology]').textContent;")
    found = results(site)
    assert found, "no results for 生态 in ecology"
    passages = [r for r in found if r["topics"]]
    assert all(any(name.startswith(t) for t in r["topics"]) for r in passages), \
        f"a result outside the topic {name}: {[r['topics'] for r in passages]}"
    assert re.search(r"（\d+）$", name), f"the topic filter shows no count: {name!r}"

    # Changing a filter narrows the results and goes into the address.
    before = len(found)
    select = site.driver.find_element(By.ID, "search-topic")
    select.find_element(By.CSS_SELECTOR, "option[value='']").click()
    WebDriverWait(site.driver, WAIT_SECONDS).until(lambda d: len(results(site)) >= before)
    assert len(results(site)) > before, "removing the topic filter did not widen the results"
    assert "topic=" not in site.driver.current_url and "report=" in site.driver.current_url
    site.assert_healthy()


def test_quoted_phrase_matches_only_as_a_phrase(fresh_site):
    site = fresh_site
    open_search(site, "生态 保护")
    loose = results(site)
    open_search(site, '"生态保护"')
    strict = results(site)
    assert strict and all(r["exact"] for r in strict)
    assert len(strict) < len(loose), "a quoted phrase found as much as the two words apart"
    for r in strict:
        assert "生态保护" in r["marks"], r
    site.assert_healthy()


def test_more_results_are_shown_on_request(fresh_site):
    site = fresh_site
    open_search(site, "发展")
    first = results(site)
    total = int(re.search(r"找到 (\d+) 条结果", site.js("return document.getElementById('search-status').textContent;")).group(1))
    assert total > len(first) == 20, f"{total} results, {len(first)} shown"
    more = site.driver.find_element(By.ID, "search-more")
    assert more.is_displayed()
    more.click()
    WebDriverWait(site.driver, WAIT_SECONDS).until(lambda d: len(results(site)) > 20)
    shown = results(site)
    assert len(shown) == min(total, 40)
    assert [r["href"] for r in shown[:20]] == [r["href"] for r in first]
    assert site.js("return document.activeElement.href;") == shown[20]["href"], "focus did not move to the first new result"
    site.assert_healthy()


def test_snippets_never_cut_a_number(fresh_site):
    """Every snippet the page would show, for a highlight at the start and at each number of
    every loaded passage, holds only whole numbers of its passage (`10.65`, never `10.6`)."""
    site = fresh_site
    open_search(site, "亿元")
    show_all(site)
    found = site.js(
        "const numbers = t => { const out = []; const re = /[0-9]+(?:\\.[0-9]+)*%?/g; let m;"
        "  while ((m = re.exec(t))) out.push([m.index, m.index + m[0].length]); return out; };"
        "const bad = []; let windows = 0, cut = 0;"
        "const reports = ReportSiteSearch.page.engine.reports;"
        "for (const r of Object.keys(reports)) {"
        "  for (const doc of reports[r].docs) {"
        "    const text = doc.text;"
        "    const whole = new Set(numbers(text).map(r => r.join(':')));"
        "    for (const focus of [0].concat(numbers(text).map(r => r[0]))) {"
        "      const [s, e] = ReportSiteSearch.snippetWindow(text, focus);"
        "      windows++; if (s > 0 || e < text.length) cut++;"
        "      if (numbers(text.slice(s, e)).some(r => !whole.has((r[0] + s) + ':' + (r[1] + s)))) bad.push(text.slice(s, e));"
        "    }"
        "  }"
        "}"
        "return {bad: bad.slice(0, 5), count: bad.length, windows: windows, cut: cut};")
    assert found["windows"] > 100 and found["cut"] > 50, found
    assert found["count"] == 0, found
    site.assert_healthy()


# --------------------------------------------------------------------------
# 4. keyboard


def test_arrow_keys_move_between_search_box_and_results(fresh_site):
    site = fresh_site
    open_search(site)
    box = site.driver.find_element(By.ID, "search-input")
    assert site.js("return document.activeElement === document.getElementById('search-input');"), \
        "the search page does not focus its box"
    box.send_keys("呼和浩特")
    wait_results(site, "呼和浩特")
    links = site.driver.find_elements(By.CSS_SELECTOR, "#search-results a.search-result-link")
    assert len(links) >= 2

    def active_index():
        return site.js(
            "const links = Array.from(document.querySelectorAll('#search-results a.search-result-link'));"
            "return document.activeElement === document.getElementById('search-input') ? 'input'"
            "  : links.indexOf(document.activeElement);")

    box.send_keys(Keys.ARROW_DOWN)
    assert active_index() == 0
    site.driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert active_index() == 1
    site.driver.switch_to.active_element.send_keys(Keys.ARROW_UP)
    assert active_index() == 0
    site.driver.switch_to.active_element.send_keys(Keys.ARROW_UP)
    assert active_index() == "input"
    box.send_keys(Keys.ARROW_DOWN)
    href = site.driver.switch_to.active_element.get_attribute("href")
    _, fragment = target_of(site, href)
    site.driver.execute_script("window.__rs_old_doc = true;")
    site.driver.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(site.driver, WAIT_SECONDS).until(
        lambda d: d.execute_script("return !window.__rs_old_doc && document.readyState === 'complete';"))
    assert site.target_info()["id"] == fragment
    site.assert_healthy()


# --------------------------------------------------------------------------
# 5. loading: only what a query needs; time to the first result


def test_first_query_loads_only_its_own_shards_and_the_reports_holding_it(fresh_site, capsys):
    site = fresh_site
    open_search(site)
    # Script elements, not resource timing: Chromium keeps no timing entries for file:// URLs.
    def loaded(kind):
        return f"Array.from(document.scripts).map(s => s.src).filter(n => n.includes('/search/data/{kind}'))"
    assert site.js(f"return {loaded('terms-')}.length + {loaded('r/')}.length;") == 0
    box = site.driver.find_element(By.ID, "search-input")
    box.send_keys("生态环境", Keys.ENTER)
    wait_results(site, "生态环境")
    info = site.js(
        "const meta = ReportSiteSearch.page.meta;"
        "const want = new Set(ReportSiteSearch.tokenize('生态环境', 'query').map(t => ReportSiteSearch.termShard(t[0], meta.termShards)));"
        f"const got = {loaded('terms-')}"
        "  .map(n => +n.match(/terms-(\\d+)\\.js/)[1]);"
        f"const reports = {loaded('r/')}.map(n => decodeURIComponent(n.match(/r\\/([^/]+)\\.js/)[1]));"
        "const candidates = ReportSiteSearch.page.current.candidates.map(r => meta.reports[r].slug);"
        "return {want: Array.from(want).sort((a, b) => a - b), got: got.sort((a, b) => a - b), shards: meta.termShards,"
        "  reports: reports.sort(), candidates: candidates.sort(), all: meta.reports.length,"
        "  timing: ReportSiteSearch.page.timing};")
    assert info["got"] == info["want"], f"loaded term shards {info['got']}, the query needs {info['want']}"
    assert info["reports"] == info["candidates"], f"loaded report files {info['reports']}, the reports holding every term {info['candidates']}"
    timing = info["timing"]
    with capsys.disabled():
        print(f"\n[{site.mode}] first query 生态环境: first results after {timing['firstMilliseconds']:.0f} ms, "
              f"all after {timing['milliseconds']:.0f} ms; {timing['results']} results, "
              f"{timing['termShards']} of {info['shards']} term shards, {timing['reports']} of {info['all']} report files")
    site.assert_healthy()


def test_a_query_with_a_term_no_report_holds_loads_no_report(fresh_site):
    site = fresh_site
    open_search(site, "生态环境 zzqx")
    assert not results(site)
    assert "没有找到" in site.js("return document.getElementById('search-status').textContent;")
    assert site.js("return Array.from(document.scripts).filter(s => s.src.includes('/search/data/r/')).length;") == 0
    site.assert_healthy()


def test_a_missing_report_file_is_reported(fresh_site):
    site = fresh_site
    open_search(site)
    site.js("const r = ReportSiteSearch.page.meta.reports[0]; r.slug = 'no-such-report';"
            "ReportSiteSearch.page.meta.reportFile = 'search/data/r/{slug}.js';")
    open_search_in_page(site, "发展")
    WebDriverWait(site.driver, WAIT_SECONDS).until(
        lambda d: "搜索出错" in d.execute_script("return document.getElementById('search-status').textContent;"))
    site.drain_console()
    site.problems = []


def open_search_in_page(site, query: str) -> None:
    box = site.driver.find_element(By.ID, "search-input")
    type_into(box, query)
    box.send_keys(Keys.ENTER)


# --------------------------------------------------------------------------
# 6. without JavaScript


def test_without_javascript_the_search_box_says_it_needs_javascript(fresh_site):
    site = fresh_site
    d = site.driver
    d.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        for rel in ("index.html", "search/index.html"):
            d.get(site.base + rel + "?q=" + quote("生态"))
            notes = [e for e in d.find_elements(By.CSS_SELECTOR, ".search-noscript") if e.is_displayed()]
            assert notes and all("搜索需要启用 JavaScript" in e.text for e in notes), f"{rel}: no visible notice"
        assert not d.find_elements(By.CSS_SELECTOR, "#search-results li")
    finally:
        d.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    open_search(site, "生态")
    assert not [e for e in d.find_elements(By.CSS_SELECTOR, ".search-noscript") if e.is_displayed()], \
        "the no-JavaScript notice shows although JavaScript runs"
    site.assert_healthy()


# --------------------------------------------------------------------------
# 7. phone width and screenshots


def test_search_results_fit_phone_width_and_are_photographed(fresh_site, screenshot_dir):
    site = fresh_site
    d = site.driver
    shots = []
    open_search(site, "生态环境")
    path = screenshot_dir / f"{site.mode}-search-results.png"
    d.save_screenshot(str(path))
    shots.append(path)
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        open_search(site, "高标准农田")
        sizes = site.js("return [document.documentElement.scrollWidth, innerWidth];")
        assert sizes[0] <= sizes[1], f"search page overflows at 390 px: {sizes}"
        path = screenshot_dir / f"{site.mode}-search-phone.png"
        d.save_screenshot(str(path))
        shots.append(path)
    finally:
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        open_search(site, "6.5%")
        path = screenshot_dir / f"{site.mode}-search-dark.png"
        d.save_screenshot(str(path))
        shots.append(path)
    finally:
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    small = [p.name for p in shots if p.stat().st_size <= MIN_SCREENSHOT_BYTES]
    assert not small, f"trivial screenshots: {small}"
    site.assert_healthy()
