"""Fixtures for the command-line tests (Tests/CLI): they run the built `reportsite` executable
as a user does (a process: arguments, exit status, standard output and error), on small sites in
temporary folders. See cli_support.py for REPORTSITE_BIN."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from cli_support import Running, binary, make_site


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
