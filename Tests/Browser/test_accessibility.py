"""axe-core (PyPI ``axe-selenium-python``) on every page of the built site, in headless
Chromium, opened from disk and over HTTP (the site under a sub-path, as published): no serious
or critical violation. The counts of every impact are printed and written to
``$REPORTSITE_AXE_SUMMARY`` (default /tmp/reportsite-axe.txt), one line per way of opening."""

from __future__ import annotations

import json
import os
from collections import Counter
from urllib.parse import quote

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.support.ui import WebDriverWait

from test_site import all_pages


SUMMARY = os.environ.get("REPORTSITE_AXE_SUMMARY", "/tmp/reportsite-axe.txt")


@pytest.fixture(scope="module")
def summary_file():
    """The summary file, emptied once for this module's runs (one line per mode)."""
    open(SUMMARY, "w", encoding="utf-8").close()
    return SUMMARY


@pytest.mark.parametrize("mode", ["file", "http"])
def test_no_serious_or_critical_axe_violation_on_any_page(request, driver, output_dir, summary_file, mode):
    pages = all_pages(output_dir)
    if mode == "file":
        url = lambda rel: (output_dir / rel).as_uri()
    else:
        base = request.getfixturevalue("http_base")
        url = lambda rel: base + quote(rel)
    # A whole report is a long page: axe takes seconds on it, more on two busy cores.
    driver.set_script_timeout(180)
    counts: Counter[str] = Counter()
    serious: list[str] = []
    for rel in pages:
        driver.get(url(rel))
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        axe = Axe(driver)
        axe.inject()
        results = axe.run()
        for violation in results["violations"]:
            impact = violation.get("impact") or "unknown"
            counts[impact] += len(violation["nodes"])
            if impact in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"][:3]]
                serious.append(f"{rel}: {impact} {violation['id']} ({violation['help']}) at {json.dumps(targets, ensure_ascii=False)}")
    summary = (f"axe-core ({mode}): {len(pages)} pages; violations by impact (elements): "
               f"critical {counts['critical']}, serious {counts['serious']}, "
               f"moderate {counts['moderate']}, minor {counts['minor']}")
    print(summary)
    with open(summary_file, "a", encoding="utf-8") as f:
        f.write(summary + "\n")
    assert not serious, "\n".join(serious)
