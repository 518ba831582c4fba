"""`make run` serves the app: the health endpoint answers."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .conftest import ROOT

APP = str(ROOT / "app.py")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_streamlit_serves_health_endpoint(tmp_path):
    port = _free_port()
    exe = Path(sys.executable).parent / "streamlit"
    proc = subprocess.Popen([str(exe), "run", APP, "--server.headless", "true", "--server.address", "127.0.0.1",
                             "--server.port", str(port), "--browser.gatherUsageStats", "false"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONUNBUFFERED": "1",
                                 "DATABASE_URL": f"sqlite:///{tmp_path}/health.db"})
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
