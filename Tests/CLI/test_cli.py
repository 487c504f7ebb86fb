"""`reportsite` as a user meets it: each subcommand run as a process, on success and on a
typical error, with its exit status, what it prints on standard output and on standard error,
and what it leaves on disk.

Exit statuses: 0 success; 1 a problem with the input or the system (build errors, a file in
the way, a port in use), the diagnostics on standard error; 64 a usage error (an unknown
option, a bad --base-url), with `Error:` and the usage text (swift-argument-parser's EX_USAGE).
"""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

from cli_support import REPO, free_port, make_site, mini_report
from cli_support import reportsite, run, site, start  # noqa: F401 (fixtures)

SOURCES = REPO / "Tests" / "ReportSiteCoreTests" / "Fixtures" / "sources"
BROKEN_LINK = "现在，我代表市人民政府向[大会](china-2022.md)报告工作"
BROKEN_LINK_ERROR = ("Content/reports/hohhot-2022.md:15:13: error: link `china-2022.md` names no report: "
                     "there is no reports/china-2022.md")


def progress_only(stderr: str) -> bool:
    """A build longer than a second writes `progress: …` lines on standard error (not a
    terminal); nothing else may be there after a clean build."""
    return all(line.startswith("progress: ") for line in stderr.splitlines())


def diagnostics(stderr: str) -> list[str]:
    """The lines of standard error without the progress lines (a build slower than a second,
    as on a busy machine, writes one every second)."""
    return [line for line in stderr.splitlines() if not line.startswith("progress: ")]


def break_link(site: Path) -> None:
    report = site / "Content" / "reports" / "hohhot-2022.md"
    text = report.read_text(encoding="utf-8")
    assert "现在，我代表市人民政府向大会报告工作" in text
    report.write_text(text.replace("现在，我代表市人民政府向大会报告工作", BROKEN_LINK, 1), encoding="utf-8")


# --------------------------------------------------------------------------
# build


def test_build_succeeds_prints_what_it_wrote_and_quiet_prints_nothing(run, site):
    done = run("build", cwd=site)
    assert done.returncode == 0, done.stderr
    assert progress_only(done.stderr), done.stderr
    lines = done.stdout.splitlines()
    assert re.fullmatch(r"Built 1 report\(s\), 73 passages: 31 pages, 47 files \([\d.]+ KB\) in Output/ in \d+ ms; "
                        r"47 written, 0 unchanged, 0 removed\.", lines[-3]), lines[-3]
    assert lines[-2] == "Incremental: 1 report(s) parsed, 0 from the cache; 31 page(s) rendered, 0 unchanged page(s) not rendered."
    assert lines[-1].startswith("Search index: ")
    assert (site / "Output" / "reports" / "hohhot-2022" / "index.html").is_file()
    # Again: nothing changed.
    again = run("build", cwd=site)
    assert again.returncode == 0, again.stderr
    assert re.match(r"Nothing changed: 1 report\(s\), 73 passages, 31 pages, 47 files \([\d.]+ KB\) in Output/ are up to date",
                    again.stdout.splitlines()[-1]), again.stdout
    quiet = run("build", "--quiet", "--clean", cwd=site)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_build_with_an_error_prints_it_with_file_line_and_column_writes_nothing_and_exits_1(run, site):
    break_link(site)
    done = run("build", cwd=site)
    assert done.returncode == 1
    assert done.stdout == ""
    lines = diagnostics(done.stderr)
    assert lines[0] == BROKEN_LINK_ERROR
    assert lines[1].strip().startswith(BROKEN_LINK)
    assert lines[2].strip() == "^"
    assert lines[3] == "    hint: link to a report by its file name, `other-report.md`"
    assert lines[-1] == "error: build failed with 1 error(s); nothing was written."
    assert not (site / "Output").exists()


def as_from_a_terminal():
    """In the child before it runs: SIGINT as a terminal's Ctrl-C finds it (a test runner
    started in the background by a shell without job control ignores it, and so would we)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_a_build_started_ignoring_sigint_keeps_ignoring_it(reportsite, tmp_path):
    """A background job of a shell without job control is started with SIGINT ignored: the
    build keeps it so, as the shell asked, and ends as usual."""
    site = make_site(tmp_path, ["hohhot-2022", "anhui-2025", "beijing-2025"])
    output = tmp_path / "Output"
    proc = subprocess.Popen([str(reportsite), "build", "--output", str(output), "--quiet"], cwd=site,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    entries = output / ".reportsite-cache" / "reports"
    deadline = time.monotonic() + 60
    while proc.poll() is None and not (entries.is_dir() and any(entries.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.002)
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert (output / "index.html").is_file()


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_a_build_stopped_by_a_signal_removes_the_folders_and_entries_it_made(reportsite, tmp_path, number):
    """Ctrl-C (SIGINT) or SIGTERM while the reports are read: the new output folder, its missing
    parents, the cache entries written so far and the lock are removed, and the exit status is
    128 + the signal's number, as a shell reports it."""
    site = make_site(tmp_path, sorted(p.stem for p in (REPO / "Content" / "reports").glob("*.md")))
    output = tmp_path / "new" / "deeper" / "Output"
    proc = subprocess.Popen([str(reportsite), "build", "--output", str(output), "--quiet"], cwd=site,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=as_from_a_terminal)
    entries = output / ".reportsite-cache" / "reports"
    deadline = time.monotonic() + 60
    while proc.poll() is None and not (entries.is_dir() and any(entries.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.002)
    assert proc.poll() is None, "the build ended before its first cache entry was seen"
    proc.send_signal(number)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + number, err
    assert f"stopped ({signal.Signals(number).name})" in err
    assert not (tmp_path / "new").exists(), sorted(str(p) for p in (tmp_path / "new").rglob("*"))


def test_a_build_stopped_while_it_writes_pages_leaves_the_site_as_it_was(reportsite, tmp_path):
    """SIGINT once the render stage has begun staging pages under temporary names (the
    journal exists): the staged files and the journal are removed, the published files are as
    the last build left them, the lock file is empty, and the next build completes."""
    site = make_site(tmp_path, sorted(p.stem for p in (REPO / "Content" / "reports").glob("*.md")))
    output = site / "Output"
    subprocess.run([str(reportsite), "build", "--quiet"], cwd=site, check=True, timeout=600)
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file() and ".reportsite" not in str(p)}
    layout = site / "Templates" / "layout.mustache"
    layout.write_text(layout.read_text(encoding="utf-8") + "\n<!-- changed -->\n", encoding="utf-8")
    proc = subprocess.Popen([str(reportsite), "build", "--quiet"], cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=as_from_a_terminal)
    journal = output / ".reportsite-journal"
    deadline = time.monotonic() + 120
    while proc.poll() is None and not journal.exists() and time.monotonic() < deadline:
        time.sleep(0.002)
    assert proc.poll() is None, "the build ended before it staged a page"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert not journal.exists()
    assert sorted(str(p) for p in output.rglob("*reportsite-tmp*")) == []
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file() and ".reportsite" not in str(p)} == before
    assert (output / ".reportsite-cache" / "lock").read_bytes() == b""
    again = subprocess.run([str(reportsite), "build", "--quiet"], cwd=site, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "<!-- changed -->" in (output / "index.html").read_text(encoding="utf-8")


def test_build_strict_fails_on_a_warning(run, tmp_path):
    site = make_site(tmp_path, [])
    # No passage with a topic: a warning, an error with --strict.
    (site / "Content" / "reports" / "r.md").write_text(mini_report("今天天气不错。"), encoding="utf-8")
    done = run("build", cwd=site)
    assert done.returncode == 0, done.stderr
    assert "Content/reports/r.md: warning: no passage of this report has a topic: it appears on no topic page" in done.stderr
    strict = run("build", "--strict", "--output", "Strict", cwd=site)
    assert strict.returncode == 1
    assert "Content/reports/r.md: error: no passage of this report has a topic" in strict.stderr, strict.stderr
    assert diagnostics(strict.stderr)[-1] == "error: build failed with 1 error(s); nothing was written."
    # Nothing of the site is written. (The build's lock file is: a failure found after the lock
    # is taken leaves Strict/.reportsite-cache/lock, where a link error leaves no folder at all.)
    assert [p.relative_to(site).as_posix() for p in (site / "Strict").rglob("*")] in ([], ["Strict/.reportsite-cache", "Strict/.reportsite-cache/lock"])


@pytest.mark.parametrize("args, message", [
    (["build", "--base-url", "ftp://example.org/"],
     'Error: --base-url "ftp://example.org/" cannot be used: it must start with https:// or http://; write it like https://example.org/reports/'),
    (["build", "--no-such-option"], "Error: Unknown option '--no-such-option'"),
    (["bild"], "Error: Unexpected argument 'bild'"),
    (["import", "a.txt", "b.txt", "--slug", "x"], "Error: --slug can be given only when importing one file"),
    (["serve", "--port", "http"], "Error: The value 'http' is invalid for '--port <port>'"),
])
def test_a_usage_error_exits_64_with_the_usage(run, site, args, message):
    done = run(*args, cwd=site)
    assert done.returncode == 64, (done.returncode, done.stderr)
    assert done.stdout == ""
    lines = diagnostics(done.stderr)
    assert lines[0] == message, done.stderr
    assert any(line.startswith("Usage: reportsite ") for line in lines[1:]), done.stderr
    assert not (site / "Output").exists()


def test_shared_folder_options_are_accepted_by_every_command_that_builds(run, site):
    """--content and --templates (build, check, pack, watch, serve), --output (build, watch,
    serve) are one option group: each command's help lists them alike."""
    for command in ("build", "check", "pack", "watch", "serve"):
        done = run(command, "--help", cwd=site)
        assert done.returncode == 0, (command, done.stderr)
        assert "--content <content>" in done.stdout and "--templates <templates>" in done.stdout, command
    for command in ("build", "watch", "serve"):
        assert "--output <output>" in run(command, "--help", cwd=site).stdout
    moved = site / "elsewhere"
    (site / "Content").rename(moved)
    done = run("build", "--content", "elsewhere", "--output", "Out", "--quiet", cwd=site)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert (site / "Out" / "index.html").is_file()
    missing = run("check", cwd=site)
    assert missing.returncode == 1
    assert "Content" in missing.stderr and "error:" in missing.stderr, missing.stderr


def test_version(run, site):
    done = run("--version", cwd=site)
    assert done.returncode == 0
    assert re.fullmatch(r"\d+\.\d+\.\d+\n", done.stdout), done.stdout


# --------------------------------------------------------------------------
# check


def test_check_succeeds_and_writes_nothing(run, site):
    done = run("check", cwd=site)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert done.stdout == "Checked 1 report(s), 73 passages, 31 pages: no error, 0 warning(s).\n"
    assert not (site / "Output").exists()


def test_check_with_an_error_exits_1_and_counts_it(run, site):
    break_link(site)
    done = run("check", cwd=site)
    assert done.returncode == 1
    assert done.stdout == ""
    lines = diagnostics(done.stderr)
    assert lines[0] == BROKEN_LINK_ERROR
    assert lines[-1] == "error: check failed: 1 error(s), 0 warning(s)."


# --------------------------------------------------------------------------
# pack


def test_pack_writes_one_folder_zip_refuses_to_overwrite_without_force(run, site):
    done = run("pack", cwd=site)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert re.fullmatch(r"Packed 47 files \(31 pages\) into site\.zip: [\d.]+ KB\. Unzip it anywhere and open index\.html in its folder\.\n",
                        done.stdout), done.stdout
    with zipfile.ZipFile(site / "site.zip") as z:
        names = z.namelist()
    assert len([n for n in names if not n.endswith("/")]) == 47
    assert all(n.startswith("site/") for n in names)
    assert "site/index.html" in names and "site/reports/hohhot-2022/index.html" in names
    first = (site / "site.zip").read_bytes()

    again = run("pack", cwd=site)
    assert again.returncode == 1
    assert again.stdout == ""
    assert again.stderr == "site.zip: error: file already exists; not overwritten\n    hint: pass --force to replace it\n"

    forced = run("pack", "--force", cwd=site)
    assert forced.returncode == 0, forced.stderr
    assert (site / "site.zip").read_bytes() == first, "the same site packs to the same bytes"
    assert not (site / "Output").exists()


def test_pack_refuses_the_content_folder_and_a_failing_build(run, site):
    inside = run("pack", "-o", "Content/x.zip", cwd=site)
    assert inside.returncode == 1
    assert inside.stderr == ("Content/x.zip: error: the package would be written inside Content\n"
                             "    hint: write it beside the content, e.g. `--output site.zip`\n")
    assert not (site / "Content" / "x.zip").exists()
    break_link(site)
    failed = run("pack", cwd=site)
    assert failed.returncode == 1
    assert diagnostics(failed.stderr)[0] == BROKEN_LINK_ERROR
    assert diagnostics(failed.stderr)[-1] == "error: build failed; nothing was packed."
    assert not (site / "site.zip").exists()


# --------------------------------------------------------------------------
# import


def test_import_writes_the_report_and_says_what_it_found(run, tmp_path):
    source = SOURCES / "shanghai-2025.txt"
    done = run("import", str(source), "--into", "reports", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0] == f"{source} → reports/shanghai-2025.md  [text (UTF-8, LF)]"
    assert lines[1].startswith("  3 parts, 19 sections, ")
    assert "  sections per part: 6, 9, 4" in lines
    assert re.fullmatch(r"  no loss: \d+ characters of the input, in order, in the import", lines[-1]), lines[-1]
    written = (tmp_path / "reports" / "shanghai-2025.md").read_text(encoding="utf-8")
    assert written.startswith("---\ntitle: ")
    assert "## 一、2024年工作回顾" in written

    again = run("import", str(source), "--into", "reports", cwd=tmp_path)
    assert again.returncode == 1
    assert again.stdout == ""
    assert again.stderr == ("reports/shanghai-2025.md: error: file already exists; not overwritten\n"
                            "    hint: pass --force to replace it (hand edits in it are lost), or --slug to import under another name\n"
                            "error: 1 of 1 file(s) not imported.\n")
    forced = run("import", str(source), "--into", "reports", "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr


def test_import_verbose_lists_each_repair_with_its_input_line(run, tmp_path):
    source = SOURCES / "hohhot-2022.txt"
    plain = run("import", str(source), "--into", "a", "--slug", "hohhot", cwd=tmp_path)
    verbose = run("import", str(source), "--into", "b", "--slug", "hohhot", "--verbose", cwd=tmp_path)
    assert plain.returncode == verbose.returncode == 0, verbose.stderr
    assert verbose.stdout.startswith(plain.stdout.replace("→ a/", "→ b/")), "the summary comes first"
    extra = verbose.stdout[len(plain.stdout):].splitlines()
    # The first page break of the PDF copy, line 17.
    at = extra.index(f"  {source}:17: sentence split across lines")
    assert extra[at + 1:at + 3] == ['    - "川草原陆游房车营⏎地等文旅项目建成"', '    + "川草原陆游房车营地等文旅项目建成"']
    assert "  repaired 9 × sentence split across lines" in plain.stdout.splitlines()
    assert sum(1 for line in extra if line.endswith(": sentence split across lines")) == 9
    assert (tmp_path / "a" / "hohhot.md").read_bytes() == (tmp_path / "b" / "hohhot.md").read_bytes()


@pytest.mark.parametrize("args, first_line", [
    (["nope.txt"], "nope.txt: error: file does not exist"),
    ([str(SOURCES / "hohhot-2022.txt"), "--slug", "Bad_Slug"],
     f"{SOURCES / 'hohhot-2022.txt'}: error: `Bad_Slug` is not a valid report slug"),
])
def test_import_of_a_missing_file_or_a_bad_slug_exits_1(run, tmp_path, args, first_line):
    done = run("import", *args, "--into", "reports", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    lines = diagnostics(done.stderr)
    assert lines[0] == first_line
    assert lines[1].startswith("    hint: ")
    assert lines[-1] == "error: 1 of 1 file(s) not imported."
    assert not (tmp_path / "reports").exists() or not any((tmp_path / "reports").iterdir())


def test_import_of_two_files_one_bad_imports_the_other_and_exits_1(run, tmp_path):
    done = run("import", str(SOURCES / "hohhot-2022.txt"), "nope.txt", "--into", "reports", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.startswith(f"{SOURCES / 'hohhot-2022.txt'} → reports/hohhot-2022.md")
    assert diagnostics(done.stderr)[-1] == "error: 1 of 2 file(s) not imported."
    assert (tmp_path / "reports" / "hohhot-2022.md").is_file()


# --------------------------------------------------------------------------
# watch


def wait_for_build(process, builds: int, timeout: float = 90) -> None:
    """Waits for the `builds`-th finished build (good: its `Built` line; failed: its last line)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = process.count(r"^(Built|Nothing changed)") + process.count(r"^error: build failed", "stderr")
        if done >= builds:
            return
        if process.proc.poll() is not None:
            break
        time.sleep(0.05)
    raise AssertionError(f"build {builds} did not finish within {timeout} s:\nstdout:\n"
                         + "\n".join(process.output()) + "\nstderr:\n" + "\n".join(process.output("stderr")))


def builds_done(process) -> int:
    return process.count(r"^(Built|Nothing changed)") + process.count(r"^error: build failed", "stderr")


def test_watch_rebuilds_after_a_template_edit_a_delete_a_rename_and_a_bad_edit(start, tmp_path):
    site = make_site(tmp_path, ["hohhot-2022"])
    reports = site / "Content" / "reports"
    (reports / "mini.md").write_text(mini_report("加强生态环境保护，第一版。"), encoding="utf-8")
    watch = start("watch", cwd=site)
    assert watch.wait_for(r"^Watching ") == "Watching Content/ and Templates/ (Ctrl-C to stop)."
    wait_for_build(watch, 1)
    assert re.match(r"Built 2 report\(s\), ", watch.output()[-3]), watch.output()
    output = site / "Output"
    assert (output / "reports" / "mini" / "index.html").is_file()

    # A template edit: every page is rendered again with it.
    footer = site / "Templates" / "partials" / "footer.mustache"
    footer.write_text(footer.read_text(encoding="utf-8") + "<!-- template-edit-marker -->\n", encoding="utf-8")
    wait_for_build(watch, 2)
    assert "template-edit-marker" in (output / "index.html").read_text(encoding="utf-8")
    assert "template-edit-marker" in (output / "reports" / "hohhot-2022" / "index.html").read_text(encoding="utf-8")

    # A rename: the page moves, the old one is removed.
    (reports / "mini.md").rename(reports / "mini-renamed.md")
    wait_for_build(watch, 3)
    assert (output / "reports" / "mini-renamed" / "index.html").is_file()
    assert not (output / "reports" / "mini").exists()

    # A delete: the report's pages are removed.
    (reports / "mini-renamed.md").unlink()
    wait_for_build(watch, 4)
    assert re.match(r"Built 1 report\(s\), ", [l for l in watch.output() if l.startswith("Built")][-1])
    assert not (output / "reports" / "mini-renamed").exists()
    assert "mini-renamed" not in (output / "index.html").read_text(encoding="utf-8")

    # A bad edit: the errors on standard error, the last good site stays.
    page_before = (output / "reports" / "hohhot-2022" / "index.html").read_bytes()
    break_link(site)
    wait_for_build(watch, 5)
    errors = watch.output("stderr")
    assert any(re.fullmatch(r"\[.+\] build failed; the last good site stays", line) for line in errors), errors
    assert BROKEN_LINK_ERROR in errors
    assert (output / "reports" / "hohhot-2022" / "index.html").read_bytes() == page_before

    # Fixed: built again.
    report = reports / "hohhot-2022.md"
    report.write_text(report.read_text(encoding="utf-8").replace(BROKEN_LINK, "现在，我代表市人民政府向大会报告工作（改）"), encoding="utf-8")
    wait_for_build(watch, 6)
    assert "向大会报告工作（改）" in (output / "reports" / "hohhot-2022" / "index.html").read_text(encoding="utf-8")
    assert watch.proc.poll() is None, "watch stopped"
    # Ctrl-C: the process ends by the signal (no handler; the site was written by then).
    assert watch.interrupt() == -2


def test_watch_coalesces_a_burst_of_writes_into_one_build(start, tmp_path):
    site = make_site(tmp_path, [])
    report = site / "Content" / "reports" / "mini.md"
    report.write_text(mini_report("加强生态环境保护，第零版。"), encoding="utf-8")
    watch = start("watch", cwd=site)
    wait_for_build(watch, 1)
    # Five saves within a few milliseconds (an editor writing in steps, a checkout).
    for version in range(1, 6):
        report.write_text(mini_report(f"加强生态环境保护，第{version}版。"), encoding="utf-8")
    wait_for_build(watch, 2)
    time.sleep(2)  # far longer than the 200 ms poll and 150 ms quiet period
    assert builds_done(watch) == 2, watch.output()
    assert "第5版" in (site / "Output" / "reports" / "mini" / "index.html").read_text(encoding="utf-8")
    watch.interrupt()


# --------------------------------------------------------------------------
# serve


def test_serve_on_a_port_in_use_says_so_and_exits_1_without_usage(run, site):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = run("serve", "--port", str(port), cwd=site, timeout=120)
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert (f"Error: port {port} on 127.0.0.1 is already in use by another program; "
            "choose another with --port (--port 0 picks a free one)") in done.stderr.splitlines(), done.stderr
    assert "Usage:" not in done.stderr
    assert not re.search(r"^Serving ", done.stdout, re.M)


def test_serve_on_an_address_not_of_this_machine_says_so(run, site):
    done = run("serve", "--host", "192.0.2.1", "--port", "0", cwd=site, timeout=120)
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert ("Error: cannot listen on 192.0.2.1: it is not an address of this machine; "
            "use 127.0.0.1 (this machine only) or 0.0.0.0 (every network)") in done.stderr.splitlines(), done.stderr
    assert "Usage:" not in done.stderr


def test_serve_serves_the_site_with_the_reload_script_only_over_http(start, site):
    port = free_port()
    serve = start("serve", "--port", str(port), cwd=site)
    line = serve.wait_for(r"^Serving ", timeout=120)
    assert line == f"Serving Output/ at http://127.0.0.1:{port}/ (Ctrl-C to stop); watching Content/ and Templates/."
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/reports/hohhot-2022/index.html", timeout=10) as response:
        assert response.status == 200
        served = response.read().decode("utf-8")
    assert "<!-- reportsite serve: live reload -->" in served
    on_disk = (site / "Output" / "reports" / "hohhot-2022" / "index.html").read_text(encoding="utf-8")
    assert "reportsite serve" not in on_disk
    assert served.replace(served[served.index("<!-- reportsite serve"):served.rindex("</script>") + len("</script>\n")], "") == on_disk
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/no/such/page.html", timeout=10)
    assert missing.value.code == 404
    assert serve.interrupt() == -2
