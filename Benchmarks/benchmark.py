#!/usr/bin/env python3
"""Measures `reportsite build` on synthetic sites of N reports (default 10, 100, 1000), and Hugo
on a corpus of the same reports for comparison.

A synthetic site copies the real reports of Content/reports/ round-robin; copy k of a report
has every digit of its body replaced through a permutation of 0-9 of its own (copy 0 unchanged;
front matter unchanged), so no two copies have the same text or numbers. site.yml lists every report.

For each N it measures, with /usr/bin/time -v (wall, user + system CPU, peak resident memory):

  clean      a build into an empty output folder (no cache);
  no-change  a rebuild with nothing changed;
  one-edit   a rebuild after one passage of one report changed (a different report each time);
  hugo       a clean `hugo --quiet -d OUT` of a minimal Hugo site with one page per report of
             the same synthetic site (its Markdown body; front matter title, date and
             topics [ecology, education, industry]), a page per topic term, a term list, a
             section list and a home page. Skipped with --no-hugo.

For the clean builds it also records the output's bytes (every file but hidden ones such as
.reportsite-cache), its ratio to the Markdown, the number of HTML pages and the largest file.

Each figure is the median of --runs runs. Sites, Hugo sources and outputs are written under
--work (default /dev/shm/reportsite-bench: a slow disk makes creating thousands of files the
bottleneck) and removed after each size unless --keep. The table goes to standard output, in
Markdown; --json FILE writes every measurement too.

Usage: Benchmarks/benchmark.py [--sizes 10,100,1000] [--runs 3] [--binary .build/release/reportsite]
                               [--work DIR] [--content DIR] [--no-hugo | --hugo-only] [--keep]
                               [--json FILE]
Build the binary first: swift build -c release --product reportsite  (not needed with --hugo-only)
"""

import argparse
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The three topics every Hugo page carries, so the Hugo site has three term pages.
HUGO_TOPICS = ["ecology", "education", "industry"]


def digit_map(copy):
    """The digits copy `copy` writes for 0-9: the permutation of 0-9 numbered (copy × 1,000,003)
    mod 10! in lexicographic order. 1,000,003 is a prime that divides no factor of 10!, so copies
    below 10! (3,628,800) get distinct permutations, copy 0 the identity, and neighbouring
    copies far-apart ones."""
    index = copy * 1_000_003 % math.factorial(10)
    pool = list(range(10))
    digits = []
    for position in range(9, -1, -1):
        place, index = divmod(index, math.factorial(position))
        digits.append(str(pool.pop(place)))
    return digits


def make_site(n, source, destination):
    """Writes a synthetic content folder of n reports to destination; returns its Markdown bytes
    and the reports' slugs."""
    if os.path.exists(destination):
        shutil.rmtree(destination)
    os.makedirs(os.path.join(destination, "reports"))
    shutil.copy(os.path.join(source, "topics.yml"), os.path.join(destination, "topics.yml"))
    originals = sorted(name[:-3] for name in os.listdir(os.path.join(source, "reports")) if name.endswith(".md"))
    slugs = []
    total = 0
    for i in range(n):
        original = originals[i % len(originals)]
        copy = i // len(originals)
        slug = f"{original}-{copy:04d}"
        with open(os.path.join(source, "reports", original + ".md"), encoding="utf-8") as f:
            text = f.read()
        # Front matter unchanged but for the place of copies after the first (year and date must
        # agree; a place and year shared by two reports makes the build warn and label them
        # apart, which a real archive rarely needs); digits of the body permuted.
        _, front, body = text.split("---\n", 2)
        if copy > 0:
            front = re.sub(r"(?m)^place: (.*)$", lambda m: f"place: {m.group(1)}（副本{copy}）", front)
        digits = digit_map(copy)
        body = re.sub(r"[0-9]", lambda m: digits[int(m.group(0))], body)
        data = ("---\n" + front + "---\n" + body).encode("utf-8")
        with open(os.path.join(destination, "reports", slug + ".md"), "wb") as f:
            f.write(data)
        total += len(data)
        slugs.append(slug)
    with open(os.path.join(destination, "site.yml"), "w", encoding="utf-8") as f:
        f.write("title: 政府工作报告阅读（基准测试）\nlanguage: zh-CN\nreports:\n")
        for slug in slugs:
            f.write(f"  - {slug}\n")
    return total, slugs


def edit_one_report(content, slug, round_):
    """Changes one passage of one report: appends a sentence to its first paragraph after the
    first part heading (a different sentence each round, so every edit changes the bytes)."""
    path = os.path.join(content, "reports", slug + ".md")
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for index, line in enumerate(lines):
        if line.startswith("## "):
            for j in range(index + 1, len(lines)):
                if lines[j].strip() and not lines[j].startswith("#") and not lines[j].startswith("<!--"):
                    lines[j] = re.sub(r"（基准第\d+次修改。）$", "", lines[j]) + f"（基准第{round_}次修改。）"
                    break
            break
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


# --- Hugo -----------------------------------------------------------------------------------

HUGO_CONFIG = """\
baseURL: /
title: 政府工作报告阅读（基准测试）
languageCode: zh-CN
relativeURLs: true
disableKinds: [RSS, sitemap, robotsTXT, "404"]
taxonomies:
  topic: topics
"""

# The layouts: a report page (with its table of contents and its topics), the home page, a
# section list (reports/), the term list (topics/) and a term page (topics/ecology/).
HUGO_LAYOUTS = {
    "_default/single.html": """\
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body>
<nav><a href="{{ "/" | relURL }}">首页</a> · <a href="{{ "/topics/" | relURL }}">主题</a></nav>
<h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2006-01-02" }}</time>
{{ range .GetTerms "topics" }} <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{ .TableOfContents }}
<article>{{ .Content }}</article>
</body></html>
""",
    "_default/list.html": """\
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}
</ul>
</body></html>
""",
    "index.html": """\
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ site.Title }}</title></head>
<body>
<h1>{{ site.Title }}</h1>
<h2>主题</h2>
<ul>{{ range site.Taxonomies.topics }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}
</ul>
<h2>报告</h2>
<ul>{{ range site.RegularPages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul>
</body></html>
""",
    "_default/terms.html": """\
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}
</ul>
</body></html>
""",
    "_default/taxonomy.html": """\
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}
</ul>
</body></html>
""",
}


def make_hugo_site(content, slugs, destination):
    """Writes a Hugo site with one page per report of the synthetic content folder `content`
    (the same bodies); returns the bytes of its content Markdown."""
    if os.path.exists(destination):
        shutil.rmtree(destination)
    os.makedirs(destination)
    with open(os.path.join(destination, "hugo.yaml"), "w", encoding="utf-8") as f:
        f.write(HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        path = os.path.join(destination, "layouts", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    pages = os.path.join(destination, "content", "reports")
    os.makedirs(pages)
    total = 0
    for slug in slugs:
        with open(os.path.join(content, "reports", slug + ".md"), encoding="utf-8") as f:
            _, front, body = f.read().split("---\n", 2)
        fields = dict(re.findall(r"^(\w+):\s*(.*?)\s*$", front, re.M))
        # JSON strings are YAML strings.
        header = (f"---\ntitle: {json.dumps(fields.get('title', slug), ensure_ascii=False)}\n"
                  f"date: {fields.get('date', '2025-01-01')}\n"
                  f"topics: [{', '.join(HUGO_TOPICS)}]\n---\n")
        data = (header + body).encode("utf-8")
        with open(os.path.join(pages, slug + ".md"), "wb") as f:
            f.write(data)
        total += len(data)
    return total


# --- Measuring ------------------------------------------------------------------------------

def run_timed(command, cwd=None):
    """Runs command under /usr/bin/time -v; returns (wall s, cpu s, peak MB)."""
    result = subprocess.run(["/usr/bin/time", "-v"] + command, capture_output=True, text=True, cwd=cwd)
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed:\n" + result.stderr[-3000:])
    fields = {}
    for line in result.stderr.splitlines():
        if ":" in line:
            key, _, value = line.strip().rpartition(": ")
            fields[key] = value
    wall_text = fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"]
    seconds = 0.0
    for part in wall_text.split(":"):
        seconds = seconds * 60 + float(part)
    cpu = float(fields["User time (seconds)"]) + float(fields["System time (seconds)"])
    peak = int(fields["Maximum resident set size (kbytes)"]) / 1024
    return seconds, cpu, peak


# The templates every build of a run uses: a copy of the repository's Templates/ made when the run
# starts (see main), so that editing a template while a run goes on does not make its no-change
# and one-edit builds render every page again.
TEMPLATES = os.path.join(ROOT, "Templates")


def timed(binary, content, output):
    """One `reportsite build`; returns (wall s, cpu s, peak MB)."""
    return run_timed([binary, "build", "--content", content, "--templates",
                      TEMPLATES, "--output", output, "--quiet"])


def timed_hugo(hugo, source, output, cache):
    """One clean Hugo build of source into output; returns (wall s, cpu s, peak MB)."""
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(os.path.join(source, "resources"), ignore_errors=True)
    return run_timed([hugo, "--quiet", "--source", source, "--cacheDir", cache, "-d", output], cwd=source)


def survey_output(output):
    """Walks a built site, leaving out hidden entries (.reportsite-cache, .reportsite-manifest.json):
    returns its bytes, HTML pages, largest file and largest HTML page (path relative, bytes)."""
    total = pages = 0
    largest = ("", 0)
    largest_page = ("", 0)
    for folder, directories, files in os.walk(output):
        directories[:] = sorted(d for d in directories if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            size = os.path.getsize(path)
            relative = os.path.relpath(path, output)
            total += size
            if size > largest[1]:
                largest = (relative, size)
            if name.endswith(".html"):
                pages += 1
                if size > largest_page[1]:
                    largest_page = (relative, size)
    return {"output_bytes": total, "pages": pages,
            "largest_file": {"path": largest[0], "bytes": largest[1]},
            "largest_page": {"path": largest_page[0], "bytes": largest_page[1]}}


def median_row(samples):
    return tuple(statistics.median(s[i] for s in samples) for i in range(3))


def measurement(name, samples, survey=None, markdown_bytes=None):
    wall, cpu, peak = median_row(samples)
    row = {"build": name, "wall_ms": wall * 1000, "cpu_ms": cpu * 1000, "peak_mb": peak,
           "runs": [{"wall_ms": s[0] * 1000, "cpu_ms": s[1] * 1000, "peak_mb": s[2]} for s in samples]}
    if survey is not None:
        row.update(survey)
        row["markdown_bytes"] = markdown_bytes
        row["output_to_markdown"] = survey["output_bytes"] / markdown_bytes
    return row


def table_line(n, row, pages):
    """One Markdown table row; the output columns only for rows that surveyed their output."""
    if "output_bytes" in row:
        output = f"{row['output_bytes'] / 1e6:.1f}"
        ratio = f"{row['output_to_markdown']:.1f}×"
        largest = f"{row['largest_page']['bytes'] / 1e3:,.0f}"
    else:
        output = ratio = largest = ""
    return (f"| {n} | {row['build']} | {row['wall_ms']:,.0f} | {row['cpu_ms']:,.0f} | {row['peak_mb']:,.0f} | "
            f"{output} | {ratio} | {pages:,} | {largest} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/reportsite"))
    parser.add_argument("--work", default="/dev/shm/reportsite-bench")
    parser.add_argument("--content", default=os.path.join(ROOT, "Content"))
    parser.add_argument("--hugo", default="hugo", help="the Hugo command (default: hugo on PATH)")
    hugo_group = parser.add_mutually_exclusive_group()
    hugo_group.add_argument("--no-hugo", action="store_true", help="do not measure Hugo")
    hugo_group.add_argument("--hugo-only", action="store_true", help="measure only Hugo (no reportsite binary needed)")
    parser.add_argument("--keep", action="store_true", help="keep the sites and outputs under --work")
    parser.add_argument("--json", metavar="FILE", help="also write every measurement as JSON to FILE")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with_reportsite = not args.hugo_only
    with_hugo = not args.no_hugo
    if with_reportsite and not os.access(args.binary, os.X_OK):
        sys.exit(f"no binary at {args.binary}; run: swift build -c release --product reportsite")
    hugo = shutil.which(args.hugo) if with_hugo else None
    if with_hugo and hugo is None:
        sys.exit(f"no {args.hugo} on PATH (apt-get install hugo), or pass --no-hugo")
    results = {"runs": args.runs, "work": args.work, "sizes": []}
    global TEMPLATES
    TEMPLATES = os.path.join(args.work, "Templates")
    shutil.rmtree(TEMPLATES, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "Templates"), TEMPLATES)
    if hugo:
        results["hugo_version"] = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip()

    print("| reports | build | wall (ms) | CPU (ms) | peak memory (MB) | output (MB) | output/Markdown | pages | largest page (KB) |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |", flush=True)
    notes = []
    for n in sizes:
        site = os.path.join(args.work, f"site-{n}")
        content = os.path.join(site, "Content")
        output = os.path.join(site, "Output")
        markdown_bytes, slugs = make_site(n, args.content, content)
        entry = {"reports": n, "markdown_bytes": markdown_bytes, "builds": []}
        clean_row = hugo_row = None
        if with_reportsite:
            clean = []
            for _ in range(args.runs):
                shutil.rmtree(output, ignore_errors=True)
                clean.append(timed(args.binary, content, output))
            survey = survey_output(output)
            pages = survey["pages"]
            unchanged = [timed(args.binary, content, output) for _ in range(args.runs)]
            edits = []
            for round_ in range(args.runs):
                edit_one_report(content, slugs[(round_ * 7919) % len(slugs)], round_ + 1)
                edits.append(timed(args.binary, content, output))
            clean_row = measurement("clean", clean, survey, markdown_bytes)
            rows = [clean_row, measurement("no-change", unchanged), measurement("one-edit", edits)]
            for row in rows:
                row["tool"] = "reportsite"
                print(table_line(n, row, pages), flush=True)
            entry["builds"] += rows
            notes.append(f"{n} reports, ReportSite: Markdown {markdown_bytes / 1e6:.2f} MB; largest file "
                         f"{survey['largest_file']['path']} ({survey['largest_file']['bytes']:,} bytes), largest "
                         f"HTML page {survey['largest_page']['path']} ({survey['largest_page']['bytes']:,} bytes).")
        if with_hugo:
            source = os.path.join(site, "hugo")
            hugo_output = os.path.join(site, "hugo-public")
            cache = os.path.join(site, "hugo-cache")
            hugo_markdown = make_hugo_site(content, slugs, source)
            samples = [timed_hugo(hugo, source, hugo_output, cache) for _ in range(args.runs)]
            survey = survey_output(hugo_output)
            hugo_row = measurement("hugo clean", samples, survey, hugo_markdown)
            hugo_row["tool"] = "hugo"
            print(table_line(n, hugo_row, survey["pages"]), flush=True)
            entry["builds"].append(hugo_row)
            notes.append(f"{n} reports, Hugo: Markdown {hugo_markdown / 1e6:.2f} MB; largest file "
                         f"{survey['largest_file']['path']} ({survey['largest_file']['bytes']:,} bytes).")
        if clean_row and hugo_row:
            entry["ratio_to_hugo"] = {"clean_wall": clean_row["wall_ms"] / hugo_row["wall_ms"],
                                      "peak_memory": clean_row["peak_mb"] / hugo_row["peak_mb"]}
            print(f"\nratio to Hugo (clean wall): {entry['ratio_to_hugo']['clean_wall']:.2f}×, "
                  f"(peak memory): {entry['ratio_to_hugo']['peak_memory']:.2f}×\n", flush=True)
        results["sizes"].append(entry)
        if args.json:  # rewritten after each size, so a long run leaves what it measured so far
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump(results, f, ensure_ascii=False, indent=2)
        if not args.keep:
            shutil.rmtree(site, ignore_errors=True)

    print()
    for note in notes:
        print(note)
    print(f"Medians of {args.runs} runs. Output: every file but hidden ones (.reportsite-*), in 10^6 bytes; "
          "largest page: the largest HTML file, in 10^3 bytes; the output columns are those of the clean build.")
    if args.keep:
        print(f"Sites and outputs kept under {args.work}/site-N/ (Content, Output, hugo, hugo-public).")


if __name__ == "__main__":
    main()
