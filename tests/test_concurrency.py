"""Many writers on one report: no lost update, no silent overwrite; SQLite (WAL) and PostgreSQL."""
from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from drafting.io import load_report
from drafting.store import ConflictError, Store

from .conftest import EXAMPLE

WRITERS = 20


def _writer(url: str, rid: int, n: int, q) -> None:
    """Add one note, retrying on a version conflict the way a user would after a reload."""
    store = Store(url)
    conflicts = 0
    for _ in range(200):
        rep, version = store.get(rid)
        rep.facts.notes.setdefault("other", []).append(f"写入者{n}")
        try:
            store.save(rid, rep, version)
            q.put((n, conflicts))
            return
        except ConflictError:
            conflicts += 1
            time.sleep(0.005 * (n % 5))
    q.put((n, -1))


def _hammer(url: str) -> tuple[int, list]:
    store = Store(url)
    rid = store.create(load_report(EXAMPLE))
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(url, rid, n, q)) for n in range(WRITERS)]
    for p in procs:
        p.start()
    results = [q.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    return rid, results


def _check(url: str) -> None:
    rid, results = _hammer(url)
    assert all(c >= 0 for _, c in results), "a writer gave up"
    store = Store(url)
    rep, version = store.get(rid)
    notes = rep.facts.notes["other"]
    assert sorted(notes) == sorted(f"写入者{n}" for n in range(WRITERS)), "an update was lost"
    assert version == 1 + WRITERS
    assert sum(c for _, c in results) > 0 or WRITERS == 1   # they did collide, and were told so


def test_twenty_writers_sqlite_wal(tmp_path):
    _check(f"sqlite:///{tmp_path}/c.db")


def test_stale_writer_is_refused_not_merged(tmp_path):
    store = Store(f"sqlite:///{tmp_path}/s.db")
    rid = store.create(load_report(EXAMPLE))
    a, va = store.get(rid)
    b, vb = store.get(rid)
    a.set_cell("applications", "granted", "natural_person", 9)
    store.save(rid, a, va)
    b.sections["other"].text = "乙的修改"
    with pytest.raises(ConflictError):
        store.save(rid, b, vb)
    rep, v = store.get(rid)
    assert rep.cell("applications", "granted", "natural_person") == 9 and v == 2
    assert rep.sections["other"].text != "乙的修改"


# -- PostgreSQL: a throwaway cluster on loopback ------------------------------------------
PG_BIN = next((p for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None) \
    if Path("/usr/lib/postgresql").exists() else None


@pytest.fixture(scope="module")
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


def test_twenty_writers_postgresql(postgres_url):
    _check(postgres_url)
