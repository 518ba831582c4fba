"""End-to-end fixtures: the real app served by `streamlit run`, driven by Debian's Chromium."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from drafting.resources import EXAMPLE_REPORT

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags that keep Chromium from reaching out to the network on start (this machine has none).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    def __init__(self, db_url: str, workdir: Path, env: dict | None = None):
        self.db_url, self.workdir = db_url, workdir
        self.extra_env = env or {}
        self.port = _free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        exe = Path(sys.executable).parent / "streamlit"
        env = {**os.environ, "DATABASE_URL": self.db_url, "PYTHONUNBUFFERED": "1"}
        for k in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DRAFTING_MODEL"):
            env.pop(k, None)   # the offline drafter unless a test gives a (loopback) model
        env.update(self.extra_env)
        self.log = open(self.workdir / f"streamlit-{self.port}.log", "a")
        self.proc = subprocess.Popen([str(exe), "run", str(ROOT / "app.py"), "--server.headless", "true",
                                      "--server.address", "127.0.0.1", "--server.port", str(self.port),
                                      "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                                     cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("streamlit did not start")

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.proc = None
            self.log.close()

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture
def server(tmp_path):
    s = AppServer(f"sqlite:///{tmp_path}/e2e.db", tmp_path)
    s.start()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed (.ci/run installs Debian's chromium)")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# The machine running these may be shared and busy: a fresh app process can take tens of seconds
# for its first page. These are upper bounds on waits (a passing step does not wait them out).
expect.set_options(timeout=30_000)


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1800}, accept_downloads=True, locale="zh-CN")
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    ctx.close()


@pytest.fixture
def example():
    from drafting.io import load_report
    return load_report(EXAMPLE_REPORT)
