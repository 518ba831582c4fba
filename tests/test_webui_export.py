"""Forced export: validate, record who and why, save, and only then offer the bytes (issue 10)."""
from __future__ import annotations

import pytest

from drafting import workflow
from drafting.export import ExportRefused
from drafting.io import load_report
from drafting.store import ConflictError, Store

from .apptest import db, goto, with_example  # noqa: F401 (db is a fixture)
from .conftest import EXAMPLE


def _broken(db) -> Store:
    store = Store(db)
    rep, v = store.get(1)
    rep.tables["applications"]["new_received"]["total"] = 99
    store.save(1, rep, v)
    return store


def test_export_report_saves_the_record_before_returning_bytes(tmp_path):
    store = Store(f"sqlite:///{tmp_path}/x.db")
    rep = load_report(EXAMPLE)
    rep.tables["applications"]["new_received"]["total"] = 99
    rid = store.create(rep)
    with pytest.raises(ExportRefused):
        workflow.export_report(store, rid, "md", 1)
    offer = workflow.export_report(store, rid, "md", 1, force=True, who="张三", reason="送审")
    stored, version = store.get(rid)
    assert offer.forced and offer.version == version == 2
    assert stored.history[-1].action == "forced_export" and stored.history[-1].who == "张三"
    assert offer.data.startswith(b"#")


def test_export_report_with_a_stale_version_gives_no_bytes_and_no_record(tmp_path):
    store = Store(f"sqlite:///{tmp_path}/x.db")
    rep = load_report(EXAMPLE)
    rep.tables["applications"]["new_received"]["total"] = 99
    rid = store.create(rep)
    other, v = store.get(rid)
    other.sections["other"].text += "另一会话的修改。"
    store.save(rid, other, v)                      # someone else saved: version 2
    with pytest.raises(ConflictError):
        workflow.export_report(store, rid, "docx", 1, force=True, who="张三", reason="送审")
    assert not [h for h in store.get(rid)[0].history if h.action == "forced_export"]


def test_forced_export_after_a_conflict_offers_no_file(db):
    at = with_example()
    store = _broken(db)
    at = goto(at, "导出")
    at.text_input(key="export_who").input("张三")
    at.text_input(key="export_reason").input("送审").run()
    rep, v = store.get(1)                           # another session saves meanwhile
    rep.sections["other"].text += "另一会话的修改。"
    store.save(1, rep, v)
    at.button(key="export_force").click().run()
    assert not at.exception
    assert any("强制导出未记录" in e.value for e in at.error)
    assert len(at.download_button) == 0
    assert not [h for h in store.get(1)[0].history if h.action == "forced_export"]


def test_forced_file_is_not_offered_again_after_the_report_changed(db):
    at = with_example()
    store = _broken(db)
    at = goto(at, "导出")
    at.text_input(key="export_who").input("张三")
    at.text_input(key="export_reason").input("送审").run()
    at.button(key="export_force").click().run()
    assert [d.label for d in at.download_button] and at.toast
    goto(at, "校验")
    goto(at, "导出")
    assert len(at.download_button) == 1            # nothing changed: the recorded file is still there
    rep, v = store.get(1)
    rep.sections["other"].text += "导出后又改了一句。"
    store.save(1, rep, v)
    goto(at, "校验")
    goto(at, "导出")
    assert len(at.download_button) == 0            # the report changed: a new export needs a new record
    assert len([h for h in store.get(1)[0].history if h.action == "forced_export"]) == 1
