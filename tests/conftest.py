from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from drafting.io import load_report
from drafting.resources import EXAMPLE_REPORT

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
EXAMPLE = EXAMPLE_REPORT          # shipped in the package (drafting/resources.py)
SEED = FIXTURES / "reports" / "seed_xingqing_kjj_2019.yaml"


@pytest.fixture
def example():
    return load_report(EXAMPLE)


@pytest.fixture
def seed():
    return load_report(SEED)


@pytest.fixture(autouse=True)
def _fresh_endpoints():
    """What the engine learned about a server stays in the process (the app's reruns share it);
    between tests it is forgotten, so a port reused by the next test's server starts clean."""
    from drafting.engine.openai_compat import forget_endpoints
    forget_endpoints()
    yield


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Any connection that is not loopback fails the test."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (host.startswith("127.") or host in ("localhost", "::1")) \
                and self.family in (socket.AF_INET, socket.AF_INET6):
            raise RuntimeError(f"test tried to reach the network: {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


# -- PostgreSQL: a throwaway cluster on loopback, one per test session --------------------
PG_BIN = next((p for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None) \
    if Path("/usr/lib/postgresql").exists() else None


@pytest.fixture(scope="session")
def postgres_url():
    if PG_BIN is None or shutil.which("runuser") is None or os.geteuid() != 0:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are needed under CI (.ci/run installs postgresql)")
        pytest.skip("PostgreSQL server not available")
    # outside pytest's root-only temp folder: the server runs as the postgres user
    data = Path(tempfile.mkdtemp(prefix="nianbao-pg-"))
    shutil.chown(data, "postgres", "postgres")
    os.chmod(data, 0o700)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    run = ["runuser", "-u", "postgres", "--"]
    subprocess.run(run + [str(PG_BIN / "initdb"), "-D", str(data / "db"), "-A", "trust", "-U", "postgres"],
                   check=True, capture_output=True)
    subprocess.run(run + [str(PG_BIN / "pg_ctl"), "-D", str(data / "db"), "-l", str(data / "log"), "-w", "start",
                          "-o", f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c max_connections=60"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(run + [str(PG_BIN / "pg_ctl"), "-D", str(data / "db"), "-m", "fast", "stop"],
                       capture_output=True)
        shutil.rmtree(data, ignore_errors=True)



def fresh_pg_database(url: str, name: str) -> str:
    """A new, empty database on the throwaway cluster, so tests do not see each other's tables."""
    from sqlalchemy import create_engine, text
    eng = create_engine(url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    eng.dispose()
    return url.rsplit("/", 1)[0] + "/" + name


# Property tests run with a fixed seed (derandomize) and a bounded number of examples, so CI
# is repeatable; HYPOTHESIS_PROFILE=deep runs more examples by hand.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("project", derandomize=True, max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("deep", derandomize=False, max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(__import__("os").environ.get("HYPOTHESIS_PROFILE", "project"))
