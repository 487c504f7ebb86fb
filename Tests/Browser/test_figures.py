"""Browser tests of the figures pages: charts drawn (inline SVG with a size), tables,
links to the passages, data links, phone width. Each runs from disk and over HTTP."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from selenium.webdriver.common.by import By

FIGURES_PAGE = "reports/hohhot-2022/figures/index.html"
MIN_SCREENSHOT_BYTES = 10 * 1024


def chart_sizes(site):
    """Width, height and bar count of every chart on the current page, as drawn."""
    return site.js(
        "return Array.from(document.querySelectorAll('svg.chart')).map(svg => {"
        "  const box = svg.getBoundingClientRect();"
        "  const bars = Array.from(svg.querySelectorAll('rect')).map(r => r.getBoundingClientRect().width);"
        "  const text = svg.querySelector('text');"
        "  return {id: svg.id, width: box.width, height: box.height, bars: bars.filter(w => w > 0).length,"
        "          fill: text ? getComputedStyle(text).fill : '', barFill: getComputedStyle(svg.querySelector('rect')).fill};"
        "});")


def test_charts_render_with_size_bars_and_styled_colours(fresh_site):
    fresh_site.open("figures/index.html")
    indicator = fresh_site.driver.find_element(By.CSS_SELECTOR, ".indicator-list li a").get_dom_attribute("href")
    # A report's figures page, and the page of the indicator most reports share (a % target).
    for page, least in ((FIGURES_PAGE, 5), ("figures/" + indicator, 1)):
        fresh_site.open(page)
        charts = chart_sizes(fresh_site)
        assert len(charts) >= least, f"{page}: {len(charts)} charts"
        for chart in charts:
            assert chart["width"] > 200 and chart["height"] > 40, f"{page}: {chart}"
            assert chart["bars"] >= 1, f"{page}: {chart['id']} has no visible bar"
            # Colours come from the stylesheet: no black default fill.
            assert chart["barFill"] not in ("", "rgb(0, 0, 0)"), f"{page}: {chart}"
        fresh_site.assert_healthy()


def test_headline_result_link_opens_the_passage_it_came_from(fresh_site):
    fresh_site.open(FIGURES_PAGE)
    link = fresh_site.driver.find_element(By.CSS_SELECTOR, ".headline-table tbody tr td a")
    assert link.text == "6.5%"
    fresh_site.click_and_wait(link)
    url = fresh_site.driver.current_url
    assert unquote(urlsplit(url).path).endswith("/reports/hohhot-2022/index.html")
    target = fresh_site.target_info()
    assert target and target["id"] == unquote(urlsplit(url).fragment)
    text = fresh_site.js("return document.querySelector(':target').textContent;")
    assert "3121.4亿元" in text and "6.5%" in text
    fresh_site.assert_healthy()


def test_report_page_and_navigation_lead_to_the_figures(fresh_site):
    fresh_site.open("reports/hohhot-2022/index.html")
    link = fresh_site.driver.find_element(By.CSS_SELECTOR, ".report-figures-link a")
    fresh_site.click_and_wait(link)
    assert unquote(urlsplit(fresh_site.driver.current_url).path).endswith("/" + FIGURES_PAGE)
    nav = fresh_site.driver.find_element(By.XPATH, "//nav[@id='site-nav']//a[text()='数字']")
    fresh_site.click_and_wait(nav)
    assert unquote(urlsplit(fresh_site.driver.current_url).path).endswith("/figures/index.html")
    first = fresh_site.driver.find_element(By.CSS_SELECTOR, ".indicator-list li a")
    assert first.text.startswith("地区生产总值"), first.text
    fresh_site.click_and_wait(first)
    assert "/figures/i-" in unquote(urlsplit(fresh_site.driver.current_url).path)
    rows = fresh_site.driver.find_elements(By.CSS_SELECTOR, ".compare-table tbody tr")
    assert len(rows) >= 2, f"{len(rows)} reports on the indicator page"
    assert all(r.find_element(By.CSS_SELECTOR, "th a").get_dom_attribute("href").endswith("/figures/index.html") for r in rows)
    fresh_site.assert_healthy()


def test_data_links_name_files_that_exist(fresh_site, output_dir):
    fresh_site.open(FIGURES_PAGE)
    hrefs = fresh_site.js("return Array.from(document.querySelectorAll('.data-links a[download]')).map(a => a.getAttribute('href'));")
    assert sorted(h.rsplit("/", 1)[-1] for h in hrefs) == ["figures.csv", "figures.json"]
    for href in hrefs:
        path = (output_dir / "reports" / "hohhot-2022" / "figures" / href).resolve()
        assert path.is_file(), href


def test_figures_page_fits_phone_width_and_is_photographed(fresh_site, screenshot_dir):
    driver = fresh_site.driver
    original = driver.get_window_size()
    try:
        fresh_site.open(FIGURES_PAGE)
        path = screenshot_dir / f"figures-{fresh_site.mode}.png"
        driver.save_screenshot(str(path))
        assert path.stat().st_size > MIN_SCREENSHOT_BYTES
        driver.set_window_size(390, 844)
        fresh_site.open(FIGURES_PAGE)
        overflow = fresh_site.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
        assert overflow <= 1, f"page is {overflow}px wider than a phone"
        # A chart keeps a readable size and scrolls inside its own box: the box fits the phone,
        # and the chart's labels are drawn at least 10 px tall (shrunk to the phone's width
        # they were 6-7 px, found by a new-user trial).
        boxes = fresh_site.js(
            "return Array.from(document.querySelectorAll('.chart-figure')).map(f => {"
            "  const text = f.querySelector('svg.chart text');"
            "  return {width: f.getBoundingClientRect().width, label: text ? text.getBoundingClientRect().height : 0};"
            "});")
        assert boxes
        for box in boxes:
            assert 0 < box["width"] <= 390, box
            assert box["label"] >= 10, box
        for chart in chart_sizes(fresh_site):
            assert chart["width"] > 0, chart
        driver.save_screenshot(str(screenshot_dir / f"figures-phone-{fresh_site.mode}.png"))
    finally:
        driver.set_window_size(original["width"], original["height"])
