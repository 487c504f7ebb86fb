#!/usr/bin/env python3
"""Measures the time to the first search results of a built site in headless Chromium, opened
from disk (file://), as a reader on a train would: for each query, a fresh load of
search/index.html?q=QUERY, then the page's own timing (ReportSiteSearch.page.timing, set by
Templates/assets/search.js): milliseconds from the query to the first results shown, and to the
end of what the query loads by itself (up to 64 reports), with the term shards and report files
it loaded.

Usage: Benchmarks/search-latency.py OUTPUT_DIR [--runs 5] [--query 生态环境 --query 6.5% ...]
Prints a Markdown table of medians (and every run with --verbose). Needs chromium,
chromium-driver and Python's selenium (scripts/install-deps.sh --test). Times are reported,
never asserted: they depend on the machine and on what else runs on it.
"""

import argparse
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait


def measure(driver, output, query):
    url = (output / "search" / "index.html").as_uri() + "?q=" + urllib.parse.quote(query)
    driver.get("about:blank")
    driver.get(url)
    WebDriverWait(driver, 60).until(
        lambda d: d.execute_script("var l = document.getElementById('search-results');"
                                   "return l && l.getAttribute('data-query') === arguments[0];", query))
    return driver.execute_script("return ReportSiteSearch.page.timing;")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--query", action="append", dest="queries")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    queries = args.queries or ["生态环境", "高标准农田", "6.5%"]
    output = args.output.resolve()
    if not (output / "search" / "index.html").exists():
        sys.exit(f"no search/index.html in {output}: build the site first")

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    reports = len(list((output / "search" / "data" / "r").glob("*.js")))
    print(f"{output} ({reports} report files), file://, headless Chromium, median of {args.runs} loads")
    print("| query | first results (ms) | all it loads by itself (ms) | results | term shards | report files |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    try:
        for query in queries:
            runs = []
            for _ in range(args.runs):
                runs.append(measure(driver, output, query))
                if args.verbose:
                    print(f"  {query}: {runs[-1]}", file=sys.stderr)
                time.sleep(0.2)
            first = statistics.median(r["firstMilliseconds"] for r in runs)
            total = statistics.median(r["milliseconds"] for r in runs)
            last = runs[-1]
            print(f"| {query} | {first:.0f} | {total:.0f} | {last['results']} | {last['termShards']} | {last['reports']} |")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
