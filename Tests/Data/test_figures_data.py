"""The figures as data, read the way a researcher would: Python's csv and json modules.

Checks every figures.csv / figures.json pair the build wrote (one per report) and the site's
figures.csv and reports.csv: UTF-8, a header row, the same columns in the same order, as many
CSV rows as JSON rows, and the same values in both. Also checks that every inline SVG chart of every
page is well-formed XML with role="img" and a <title>.

Environment: REPORTSITE_OUTPUT, the built site (default: <repo>/Output).
"""

from __future__ import annotations

import csv
import json
import os
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def output_dir() -> Path:
    out = Path(os.environ.get("REPORTSITE_OUTPUT") or REPO / "Output").resolve()
    if not (out / "index.html").is_file():
        pytest.fail(f"No built site at {out}; build it or set REPORTSITE_OUTPUT.", pytrace=False)
    return out


def data_pairs(output_dir: Path) -> list[tuple[Path, Path]]:
    pairs = [(p, p.with_suffix(".json")) for p in sorted(output_dir.glob("reports/*/figures/figures.csv"))]
    assert pairs, "no figures.csv in the site"
    return pairs


def as_text(value) -> str:
    """A JSON value as the CSV writes it."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def test_every_csv_opens_with_the_csv_module_and_matches_its_json(output_dir):
    """A report's figures.csv has the site-wide columns; its figures.json has the report-level
    fields once (`report`) and one array per row in `columns` order, `report` left out: with
    the slug put back, every JSON row is its CSV row."""
    for csv_path, json_path in data_pairs(output_dir):
        assert json_path.is_file(), f"{csv_path} has no {json_path.name}"
        raw = csv_path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), f"{csv_path} starts with a byte-order mark"
        with csv_path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            rows = list(reader)
        data = json.loads(json_path.read_text(encoding="utf-8"), parse_float=Decimal)
        slug = csv_path.parent.parent.name
        assert data["report"]["report"] == slug and data["report"]["url"].endswith(f"reports/{slug}/index.html"), json_path
        assert header == ["report"] + data["columns"], f"{csv_path}: header differs from the JSON columns"
        figures = data["figures"]
        assert len(rows) == len(figures), f"{csv_path}: {len(rows)} CSV rows, {len(figures)} JSON rows"
        for number, (row, values) in enumerate(zip(rows, figures), start=2):
            assert len(values) == len(data["columns"]), f"{json_path}: row {number - 1} has {len(values)} values"
            for column, cell, value in zip(header, row, [slug] + values):
                assert cell == as_text(value), f"{csv_path}:{number} {column}: CSV {cell!r}, JSON {value!r}"


def json_rows(path: Path) -> list[dict]:
    """A report's figures.json as one dict per row, with the report-level fields put back."""
    data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    report = data["report"]
    return [dict(zip(data["columns"], values), report=report["report"], report_title=report["report_title"],
                 place=report["place"], year=report["year"],
                 passage_url=report["url"] + "#" + values[data["columns"].index("passage_anchor")])
            for values in data["figures"]]


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_site_wide_data_is_every_report_in_order(output_dir):
    """figures/figures.csv holds every report's rows, in site order, without the report-level
    columns, which figures/reports.csv holds once per report: it is every report's own
    figures.csv, row for row, and reports.csv agrees with each report's JSON header."""
    site = read_csv(output_dir / "figures" / "figures.csv")
    reports = {row["report"]: row for row in read_csv(output_dir / "figures" / "reports.csv")}
    order = list(reports)
    # Site order is the order of site.yml's `reports:` list (the site is built from Content/).
    listed = re.findall(r"^  - ([a-z0-9-]+)", (REPO / "Content" / "site.yml").read_text(encoding="utf-8"), re.M)
    assert order == listed, f"reports.csv order {order}, site.yml {listed}"
    assert [row["report"] for row in site] == [slug for slug in order for row in site if row["report"] == slug], \
        "figures.csv rows are not grouped by report in site order"
    per_report = []
    for slug in order:
        per_report += read_csv(output_dir / "reports" / slug / "figures" / "figures.csv")
    assert len(site) == len(per_report) > 0
    assert not {"report_title", "place", "year", "passage_url"} & set(site[0])
    assert site == per_report
    for slug, report in reports.items():
        own = read_csv(output_dir / "reports" / slug / "figures" / "figures.csv")
        assert int(report["figure_count"]) == len(own), slug
        header = json.loads((output_dir / "reports" / slug / "figures" / "figures.json").read_text(encoding="utf-8"))["report"]
        assert {k: as_text(v) for k, v in header.items()} == report, slug


def test_values_are_exact_and_scaled_values_agree(output_dir):
    figures = []
    for json_path in sorted(output_dir.glob("reports/*/figures/figures.json")):
        figures += json_rows(json_path)
    numeric = [f for f in figures if f["value"] is not None]
    assert numeric
    for f in numeric:
        assert Decimal(f["value"]) * Decimal(f["scale"]) == Decimal(f["value_scaled"]), f
        assert f["measure"] in {"level", "growth", "points", "rank", "multiple"}
        assert f["kind"] in {"achievement", "estimate", "target", "five-year target", "project"}
        page, _, anchor = f["passage_url"].partition("#")
        assert (output_dir / page).is_file() and anchor, f["passage_url"]
    gdp = next(f for f in figures if f["report"] == "hohhot-2022" and f["display"] == "3121.4亿元")
    assert (gdp["indicator"], gdp["value_scaled"], gdp["unit"]) == ("地区生产总值", 312140000000, "亿元")


def test_every_chart_is_well_formed_xml_with_a_title(output_dir):
    count = 0
    for page in sorted(output_dir.rglob("*.html")):
        for svg in re.findall(r"<svg .*?</svg>", page.read_text(encoding="utf-8"), flags=re.S):
            root = ET.fromstring(svg)  # raises on malformed XML
            count += 1
            assert root.tag == SVG_NS + "svg" and root.get("role") == "img", page
            title = root.find(SVG_NS + "title")
            assert title is not None and title.text, f"{page}: chart without a title"
            assert root.findall(f".//{SVG_NS}rect"), f"{page}: chart without bars"
    assert count >= 20, f"only {count} charts"
