"""The store's schema changes only through Alembic migrations, and a database made before
migrations existed is upgraded at open without losing a report (SQLite and PostgreSQL)."""
from __future__ import annotations

import multiprocessing as mp
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from drafting import store as store_mod
from drafting.io import load_report
from drafting.store import HEAD, Base, Store, current_revision

from . import legacy_store_v0
from .conftest import EXAMPLE, FIXTURES, SEED, fresh_pg_database

LEGACY_SQL = FIXTURES / "db" / "store_before_migrations.sql"


def _diff(url: str) -> list:
    eng = create_engine(url)
    with eng.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}), Base.metadata)
    eng.dispose()
    return diff


def test_head_constant_is_the_newest_migration():
    cfg = store_mod._alembic_config(None)
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD


def test_new_database_built_by_migrations_matches_the_models(tmp_path):
    url = f"sqlite:///{tmp_path}/new.db"
    s = Store(url)
    assert s.migrated_from is None
    with s.engine.connect() as c:
        assert current_revision(c) == HEAD
    assert _diff(url) == []     # no table, column or type the models have and the migrations lack


def _check_legacy_upgraded(url: str, expected: dict[str, tuple[int, str]]) -> None:
    """Open the old database with today's store and find every report, version and record."""
    s = Store(url)
    assert s.migrated_from == store_mod.BASELINE
    with s.engine.connect() as c:
        assert current_revision(c) == HEAD
        assert {"workspaces", "units", "unit_reports"} <= set(inspect(c).get_table_names())
    infos = {i.agency: i for i in s.list_reports()}
    assert set(infos) == set(expected)
    for agency, (version, other_tail) in expected.items():
        rep, v = s.get(infos[agency].id)      # loads with today's report model
        assert v == version
        assert rep.meta.agency == agency
        assert rep.sections["other"].text.endswith(other_tail)
    ex = infos[load_report(EXAMPLE).meta.agency].id
    assert [v.n for v in s.versions(ex, "other")] == [1, 2]
    # the dismissed warning moved from its old table into the report (it travels with the file)
    assert [(d.code, d.key, d.reason) for d in s.dismissals(ex)] == [("H003", '["overall", null, "x"]', "经核实属正常沿用")]
    with s.engine.connect() as c:
        assert "dismissals" not in inspect(c).get_table_names()
    assert [g.model for g in s.generations(ex)] == ["offline"]
    assert [m.content for m in s.messages(ex)] == ["今年组织培训4次。"]
    # the new tables work on the old data: a legacy report becomes a unit's report
    ws = s.create_workspace("青禾市云溪区人民政府")
    unit = s.add_unit(ws, load_report(EXAMPLE).meta.agency)
    s.link_unit_report(unit, ex)
    assert [u.report_id for u in s.unit_reports(ws, 2024)] == [ex]
    # and a second open is a no-op
    assert Store(url).migrated_from == HEAD
    assert _diff(url) == []


def _legacy_expected() -> dict[str, tuple[int, str]]:
    ex, seed = load_report(EXAMPLE), load_report(SEED)
    return {ex.meta.agency: (2, "（第二稿）"), seed.meta.agency: (1, seed.sections["other"].text[-10:])}


def test_sqlite_database_from_before_migrations_keeps_every_report(tmp_path):
    """The committed dump was written by the store before migrations (fixtures/db/README.md)."""
    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.executescript(LEGACY_SQL.read_text("utf-8"))
    con.close()
    _check_legacy_upgraded(f"sqlite:///{db}", _legacy_expected())


def _fill_legacy(url: str) -> None:
    old = legacy_store_v0.Store(url)
    rid = old.create(load_report(EXAMPLE))
    rep, v = old.get(rid)
    rep.sections["other"].text += "（第二稿）"
    old.save(rid, rep, v, note="补充")
    old.dismiss(rid, "H003", '["overall", null, "x"]', "经核实属正常沿用")
    old.record_generation(rid, "overall", model="offline", prompt_version="overall@0")
    old.add_message(rid, "user", "今年组织培训4次。")
    old.create(load_report(SEED), origin="import")
    old.engine.dispose()


def test_postgresql_database_from_before_migrations_keeps_every_report(postgres_url):
    url = fresh_pg_database(postgres_url, "legacy_upgrade")
    _fill_legacy(url)
    _check_legacy_upgraded(url, _legacy_expected())


def test_postgresql_new_database_matches_the_models(postgres_url):
    url = fresh_pg_database(postgres_url, "fresh_build")
    Store(url)
    assert _diff(url) == []


def _open(url: str, q, start: float) -> None:
    import time
    while time.time() < start:       # every process opens at the same instant, imports done
        time.sleep(0.001)
    try:
        s = Store(url)
        q.put(("ok", len(s.list_reports())))
    except Exception as e:  # the parent asserts on what each process saw
        q.put(("fail", repr(e)))


def _old_database(path) -> None:
    con = sqlite3.connect(path)      # written in SQLite's default rollback-journal mode
    con.executescript(LEGACY_SQL.read_text("utf-8"))
    con.close()


def test_processes_opening_an_old_database_at_once_migrate_it_once(tmp_path):
    import time
    db = tmp_path / "old.db"
    _old_database(db)
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    start = time.time() + 3          # past the spawned interpreters' imports
    procs = [ctx.Process(target=_open, args=(f"sqlite:///{db}", q, start)) for _ in range(6)]
    for p in procs:
        p.start()
    seen = [q.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    assert seen == [("ok", 2)] * 6


def _connect_rounds(urls: list[str], starts: list[float], q) -> None:
    import time
    from sqlalchemy import create_engine as ce
    engines = [ce(u, connect_args={"check_same_thread": False, "timeout": 10}) for u in urls]
    for e in engines:
        store_mod._sqlite_pragmas(e)
    for e, start in zip(engines, starts):
        while time.time() < start:   # spin: the processes must meet within microseconds
            pass
        try:
            with e.connect():
                q.put("ok")
        except Exception as ex:  # the parent asserts on what each process saw
            q.put(repr(ex))


def test_connections_switching_an_old_database_to_wal_at_once_all_get_through(tmp_path):
    """Each connection switches the file to WAL. SQLite refuses one of two switching at once
    past the busy timeout ("database is locked"); unretried, most rounds here lost a process."""
    import time
    rounds, n = 12, 8
    urls = []
    for r in range(rounds):
        _old_database(tmp_path / f"old{r}.db")
        urls.append(f"sqlite:///{tmp_path / f'old{r}.db'}")
    t0 = time.time() + 4
    starts = [t0 + 0.3 * r for r in range(rounds)]
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=_connect_rounds, args=(urls, starts, q)) for _ in range(n)]
    for p in procs:
        p.start()
    seen = [q.get(timeout=120) for _ in range(rounds * n)]
    for p in procs:
        p.join(timeout=30)
    assert [x for x in seen if x != "ok"] == []
