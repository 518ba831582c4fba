"""The first app page: load a report file, see its tables and findings."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from streamlit.testing.v1 import AppTest

from .conftest import ROOT, SEED

APP = str(ROOT / "app.py")


def test_example_loads_clean():
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert any("校验通过" in s.value for s in at.success)
    assert any("青禾市云溪区市场监督管理局" in h.value for h in at.subheader)
    assert len(at.dataframe) >= 3   # 表二、表三、表四


def test_seed_shows_findings():
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.selectbox(key="fixture").set_value(SEED.name).run()
    assert not at.exception
    assert any("校验发现错误" in e.value for e in at.error)
    findings = at.dataframe[0].value
    assert "I001" in set(findings["代码"])
    assert any("本报告缺少这一部分" in i.value for i in at.info)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_streamlit_serves_health_endpoint():
    port = _free_port()
    exe = Path(sys.executable).parent / "streamlit"
    proc = subprocess.Popen([str(exe), "run", APP, "--server.headless", "true", "--server.address", "127.0.0.1",
                             "--server.port", str(port), "--browser.gatherUsageStats", "false"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.time() + 60
        body = None
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    body = r.read().decode()
                    break
            except OSError:
                time.sleep(0.3)
        assert body == "ok"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
