#!/usr/bin/env python3
"""Measures `reportsite build` on synthetic sites of N reports (default 10, 100, 1000).

A synthetic site copies the real reports of Content/reports/ round-robin; copy k of a report
has every digit d of its body replaced by (d + k) mod 10 (front matter unchanged), so no two
copies have the same text, numbers, anchors or search postings. site.yml lists every report.

For each N it measures, with /usr/bin/time -v (wall, user + system CPU, peak resident memory):

  clean      a build into an empty output folder (no cache);
  no-change  a rebuild with nothing changed;
  one-edit   a rebuild after one passage of one report changed (a different report each time).

Each figure is the median of --runs runs. Sites and outputs are written under --work
(default /dev/shm/reportsite-bench: a slow disk makes creating thousands of files the
bottleneck). The table goes to standard output, in Markdown.

Usage: Benchmarks/benchmark.py [--sizes 10,100,1000] [--runs 3] [--binary .build/release/reportsite]
Build the binary first: swift build -c release --product reportsite
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def make_site(n, source, destination):
    """Writes a synthetic content folder of n reports to destination; returns its Markdown bytes."""
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
        # Front matter unchanged (year and date must agree); digits of the body shifted.
        _, front, body = text.split("---\n", 2)
        body = re.sub(r"[0-9]", lambda m: str((int(m.group(0)) + copy) % 10), body)
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


def timed(binary, content, output):
    """Runs one build under /usr/bin/time -v; returns (wall s, cpu s, peak MB)."""
    command = ["/usr/bin/time", "-v", binary, "build", "--content", content, "--templates",
               os.path.join(ROOT, "Templates"), "--output", output, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("build failed:\n" + result.stderr[-3000:])
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


def count_pages(output):
    pages = 0
    for folder, directories, files in os.walk(output):
        directories[:] = [d for d in directories if not d.startswith(".")]
        pages += sum(1 for name in files if name.endswith(".html"))
    return pages


def median_row(samples):
    return tuple(statistics.median(s[i] for s in samples) for i in range(3))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/reportsite"))
    parser.add_argument("--work", default="/dev/shm/reportsite-bench")
    parser.add_argument("--content", default=os.path.join(ROOT, "Content"))
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"no binary at {args.binary}; run: swift build -c release --product reportsite")

    print("| reports | build | wall (ms) | CPU (ms) | peak memory (MB) | pages | pages/s | Markdown MB/s |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in (int(s) for s in args.sizes.split(",")):
        content = os.path.join(args.work, f"site-{n}", "Content")
        output = os.path.join(args.work, f"site-{n}", "Output")
        markdown_bytes, slugs = make_site(n, args.content, content)
        megabytes = markdown_bytes / 1e6
        clean = []
        for _ in range(args.runs):
            shutil.rmtree(output, ignore_errors=True)
            clean.append(timed(args.binary, content, output))
        pages = count_pages(output)
        unchanged = [timed(args.binary, content, output) for _ in range(args.runs)]
        edits = []
        for round_ in range(args.runs):
            edit_one_report(content, slugs[(round_ * 7919) % len(slugs)], round_ + 1)
            edits.append(timed(args.binary, content, output))
        for name, samples in (("clean", clean), ("no-change", unchanged), ("one-edit", edits)):
            wall, cpu, peak = median_row(samples)
            print(f"| {n} | {name} | {wall * 1000:.0f} | {cpu * 1000:.0f} | {peak:.0f} | {pages} | "
                  f"{pages / wall:,.0f} | {megabytes / wall:.1f} |", flush=True)
    print(f"\nMarkdown per site: {n} reports = {markdown_bytes / 1e6:.1f} MB. Medians of {args.runs} runs; "
          "pages/s and MB/s are the site's pages and Markdown over the wall time of that build.")


if __name__ == "__main__":
    main()
