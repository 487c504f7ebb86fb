"""Helpers of the command-line tests (and of the live-reload browser test): where the built
`reportsite` is, small sites in temporary folders, and a running process whose output lines
can be waited for.

The fixtures at the end (reportsite, run, site, start) are imported by the test modules that
use them (no conftest.py here: a second module named `conftest` would shadow Tests/Browser's,
which its tests import from).

Environment:
  REPORTSITE_BIN  the executable (default: <repo>/.build/debug/reportsite; scripts/test.sh
                  passes the release build it made)
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def binary() -> Path:
    """The `reportsite` executable under test (it must be built)."""
    return Path(os.environ.get("REPORTSITE_BIN") or REPO / ".build" / "debug" / "reportsite").resolve()


def make_site(folder: Path, reports: list[str]) -> Path:
    """A site in `folder`: Content/ holding a short site.yml, the real topics.yml and the named
    real reports, and a copy of Templates/. Returns `folder`."""
    content = folder / "Content"
    (content / "reports").mkdir(parents=True)
    (content / "site.yml").write_text("title: 测试\n", encoding="utf-8")
    shutil.copy(REPO / "Content" / "topics.yml", content / "topics.yml")
    for slug in reports:
        shutil.copy(REPO / "Content" / "reports" / f"{slug}.md", content / "reports" / f"{slug}.md")
    shutil.copytree(REPO / "Templates", folder / "Templates")
    return folder


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


MINI_REPORT = """---
title: 政府工作报告
place: 某市
level: city
year: 2024
date: 2024-01-15
speaker: 张三
meeting: 某市人民代表大会
---

各位代表：

## 一、2023年工作回顾

{text}
"""


def mini_report(text: str) -> str:
    """A short valid report whose one paragraph is `text`."""
    return MINI_REPORT.format(text=text)


class Running:
    """A `reportsite` process left running (watch, serve): its output lines are collected by
    two threads, so a test can wait for a line without blocking on the pipe."""

    def __init__(self, binary: Path, args: list[str], cwd: Path):
        self.proc = subprocess.Popen([str(binary), *args], cwd=cwd, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, bufsize=1)
        self.lines = {"stdout": [], "stderr": []}
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._read, args=(name, stream), daemon=True)
                        for name, stream in (("stdout", self.proc.stdout), ("stderr", self.proc.stderr))]
        for thread in self.threads:
            thread.start()

    def _read(self, name, stream):
        for line in stream:
            with self.lock:
                self.lines[name].append(line.rstrip("\n"))

    def output(self, name: str = "stdout") -> list[str]:
        with self.lock:
            return list(self.lines[name])

    def count(self, pattern: str, name: str = "stdout") -> int:
        return sum(1 for line in self.output(name) if re.search(pattern, line))

    def wait_for(self, pattern: str, name: str = "stdout", count: int = 1, timeout: float = 60) -> str:
        """Waits until `count` lines of `name` match `pattern`; returns the last of them."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [line for line in self.output(name) if re.search(pattern, line)]
            if len(found) >= count:
                return found[count - 1]
            if self.proc.poll() is not None:
                time.sleep(0.2)  # let the reader threads drain the pipes
                break
            time.sleep(0.05)
        raise AssertionError(
            f"no {count}th line of {name} matching {pattern!r} within {timeout} s "
            f"(exit status {self.proc.poll()}):\nstdout:\n" + "\n".join(self.output("stdout"))
            + "\nstderr:\n" + "\n".join(self.output("stderr")))

    def interrupt(self, timeout: float = 10) -> int:
        """Stops the process as Ctrl-C does; returns its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
                raise AssertionError("the process did not stop within 10 s of SIGINT")
        for thread in self.threads:
            thread.join(timeout=5)
        return self.proc.returncode


# --------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="session")
def reportsite() -> Path:
    path = binary()
    if not os.access(path, os.X_OK):
        pytest.fail(f"no executable at {path}: run `swift build` (or set REPORTSITE_BIN)", pytrace=False)
    return path


@pytest.fixture
def run(reportsite):
    """Runs `reportsite ARGS` in `cwd`; returns the completed process (text output)."""
    def run(*args: str, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess:
        return subprocess.run([str(reportsite), *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    return run


@pytest.fixture
def site(tmp_path) -> Path:
    """A one-report site (Hohhot 2022) in a temporary folder."""
    return make_site(tmp_path, ["hohhot-2022"])


@pytest.fixture
def start(reportsite):
    """Starts `reportsite ARGS` in `cwd` and leaves it running; stopped at the end of the test."""
    started: list[Running] = []

    def start(*args: str, cwd: Path) -> Running:
        running = Running(reportsite, list(args), cwd)
        started.append(running)
        return running

    yield start
    for running in started:
        if running.proc.poll() is None:
            running.proc.kill()
            running.proc.wait(timeout=5)
