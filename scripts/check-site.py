#!/usr/bin/env python3
"""Checks the links of a built site: scripts/check-site.py OUTPUT_DIR [--max-page-bytes N] [--jobs N]

Walks OUTPUT_DIR (hidden files and folders such as .reportsite-cache left out), parses every
.html file once with Python's html.parser, and checks:

- every internal link (an href or src attribute without a scheme such as https:, mailto:,
  javascript:, data:) names an existing file, relative to the page: `?query` removed, the path
  percent-decoded, a path ending in `/` meaning its index.html. A link that starts with `/` is a
  problem (it breaks from disk and under a sub-path), except on a page named 404.html, whose links
  start at the host's root and are skipped; so is a link that climbs out of OUTPUT_DIR or names
  a folder;
- every `#fragment` (percent-decoded) of a link to an .html file names an element id of that
  file (an empty fragment is the top of the page);
- every .html file is at most --max-page-bytes bytes (default 2,000,000).

Prints a summary line, then the first 20 problems; exits 1 on any problem, 0 otherwise.
The pages are parsed on --jobs processes (default: every core).
"""

import argparse
import concurrent.futures
import os
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import unquote

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
SHOWN_PROBLEMS = 20


class PageParser(HTMLParser):
    """Collects the ids and the href/src values of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=False)  # text is not looked at; attributes are unescaped anyway
        self.ids = set()
        self.links = Counter()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name == "href" or name == "src":
                self.links[value.strip()] += 1

    handle_startendtag = handle_starttag

    def updatepos(self, i, j):
        return j  # no line numbers are reported: skip counting newlines (a tenth of the time)


def parse_page(path):
    """Returns (ids, links Counter) of the HTML file at path."""
    parser = PageParser()
    with open(path, encoding="utf-8", errors="replace") as f:
        parser.feed(f.read())
    parser.close()
    return parser.ids, parser.links


def walk(root):
    """Every non-hidden file under root, as a path relative to root with `/` separators, sorted."""
    files = []
    for folder, directories, names in os.walk(root):
        directories[:] = [d for d in directories if not d.startswith(".")]
        relative = os.path.relpath(folder, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        files.extend(prefix + name for name in names if not name.startswith("."))
    files.sort()
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", metavar="OUTPUT_DIR")
    parser.add_argument("--max-page-bytes", type=int, default=2_000_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    root = os.path.abspath(args.output)
    if not os.path.isdir(root):
        print(f"check-site: {args.output} is not a folder", file=sys.stderr)
        sys.exit(2)

    files = walk(root)
    file_set = set(files)
    pages = [f for f in files if f.endswith(".html")]
    paths = [os.path.join(root, p) for p in pages]
    if args.jobs > 1 and len(pages) > 50:
        with concurrent.futures.ProcessPoolExecutor(args.jobs) as pool:
            parsed = list(pool.map(parse_page, paths, chunksize=max(1, len(paths) // (args.jobs * 8))))
    else:
        parsed = [parse_page(p) for p in paths]
    ids_of = {page: ids for page, (ids, _) in zip(pages, parsed)}

    def target_ids(target):
        """The ids of an .html target: parsed above, or once now if it is not a walked page
        (inside a hidden folder)."""
        if target not in ids_of:
            ids_of[target] = parse_page(os.path.join(root, target))[0]
        return ids_of[target]

    def exists(target):
        return target in file_set or os.path.isfile(os.path.join(root, target))

    problems = []
    broken = 0
    links = 0
    times = lambda count: f" (×{count})" if count > 1 else ""
    resolved = {}  # (page folder, path) -> (target or None, problem or None)
    for page, (_, page_links) in zip(pages, parsed):
        folder = page.rpartition("/")[0]
        is_404 = page.rpartition("/")[2] == "404.html"
        for href, count in page_links.items():
            if SCHEME.match(href):
                continue
            if href.startswith("/"):
                if is_404:
                    continue
                links += count
                broken += count
                problems.append(f"{page}: root-relative link {href!r} (breaks from disk and under a sub-path){times(count)}")
                continue
            links += count
            path, hash_, fragment = href.partition("#")
            path = path.partition("?")[0]
            # An empty path (`#anchor`) is the page itself: resolved per page, not per folder.
            key = (folder, path) if path else (page, "")
            if key not in resolved:
                resolved[key] = resolve(root, folder, unquote(path), page, exists)
            target, problem = resolved[key]
            if target is None:
                broken += count
                problems.append(f"{page}: broken link {href!r}: {problem}{times(count)}")
                continue
            if hash_ and fragment and target.endswith(".html"):
                name = unquote(fragment)
                if name not in target_ids(target):
                    broken += count
                    problems.append(f"{page}: broken fragment {href!r}: no id {name!r} in {target}{times(count)}")

    largest = ("", 0)
    oversized = 0
    for page, path in zip(pages, paths):
        size = os.path.getsize(path)
        if size > largest[1]:
            largest = (page, size)
        if size > args.max_page_bytes:
            oversized += 1
            problems.append(f"{page}: {size:,} bytes, over --max-page-bytes {args.max_page_bytes:,}")

    summary = f"check-site: {len(pages)} pages, {links} links, {broken} broken"
    if oversized:
        summary += f", {oversized} over {args.max_page_bytes} bytes"
    summary += f", largest page {largest[0]} {largest[1]} bytes" if pages else ", no pages"
    print(summary)
    for problem in problems[:SHOWN_PROBLEMS]:
        print("  " + problem)
    if len(problems) > SHOWN_PROBLEMS:
        print(f"  … and {len(problems) - SHOWN_PROBLEMS} more problems")
    sys.exit(1 if problems else 0)


def resolve(root, folder, path, page, exists):
    """The file (relative to the site) that a decoded link path names from a page in folder, or
    (None, why not)."""
    if path == "":
        return page, None  # the page itself (`#fragment` or `?query` only)
    parts = folder.split("/") if folder else []
    segments = path.split("/")
    names_folder = segments[-1] in ("", ".", "..")
    for segment in segments:
        if segment in ("", "."):
            continue
        if segment == "..":
            if not parts:
                return None, "climbs out of the site"
            parts.pop()
        else:
            parts.append(segment)
    if segments[-1] == "":
        parts.append("index.html")  # `x/` means x/index.html
    target = "/".join(parts)
    if not names_folder or segments[-1] == "":
        if exists(target):
            return target, None
    if not target or os.path.isdir(os.path.join(root, target)):
        return None, f"names the folder {target or '.'}/ (link its index.html, or end the link with /)"
    return None, f"no file {target}"


if __name__ == "__main__":
    main()
