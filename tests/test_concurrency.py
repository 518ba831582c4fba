"""Many writers on one report: no lost update, no silent overwrite; SQLite (WAL) and PostgreSQL."""
from __future__ import annotations

import multiprocessing as mp
import time

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
    notes = rep.facts.texts("other")
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


# -- PostgreSQL: the throwaway cluster of tests/conftest.py (postgres_url) ---------------
def test_twenty_writers_postgresql(postgres_url):
    _check(postgres_url)
