import pytest

from drafting.store import ConflictError, NotFound, Store


@pytest.fixture
def store(tmp_path):
    return Store(f"sqlite:///{tmp_path}/s.db")


def test_create_get_save_versions(store, example):
    rid = store.create(example, origin="import")
    rep, v = store.get(rid)
    assert rep == example and v == 1
    rep.sections["other"].text = "新的文字。"
    v2 = store.save(rid, rep, v)
    assert v2 == 2
    assert [x.text for x in store.versions(rid, "other")][-1] == "新的文字。"
    # saving the same text again adds no version
    store.save(rid, rep, v2)
    assert len(store.versions(rid, "other")) == 2


def test_stale_save_is_refused(store, example):
    rid = store.create(example)
    a, va = store.get(rid)
    b, vb = store.get(rid)
    a.sections["other"].text = "甲"
    store.save(rid, a, va)
    b.sections["other"].text = "乙"
    with pytest.raises(ConflictError, match="已被其他会话修改"):
        store.save(rid, b, vb)
    assert store.get(rid)[0].sections["other"].text == "甲"


def test_duplicate_delete_find(store, example):
    rid = store.create(example)
    dup = store.duplicate(rid)
    assert dup != rid and store.get(dup)[0] == example
    assert store.find(example.meta.agency, example.meta.year) in (rid, dup)
    store.dismiss(rid, "Y004", "k", "原文如此")
    store.add_message(rid, "user", "你好")
    store.delete(rid)
    with pytest.raises(NotFound):
        store.get(rid)
    assert store.count() == 1


def test_dismiss_needs_a_reason(store, example):
    rid = store.create(example)
    with pytest.raises(ValueError, match="理由"):
        store.dismiss(rid, "Y004", "k", "  ")


def test_sqlite_uses_wal(store):
    with store.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_dismissals_and_read_problems_travel_with_the_report_file(store, example, tmp_path):
    from drafting.io import load_report, save_report
    from drafting.model import ReadProblem
    rep = example.model_copy(deep=True)
    rep.problems.append(ReadProblem(code="P001", message="数字连写，无法唯一确定。", table="applications",
                                    row="granted", col="natural_person", candidates=["1", "12"]))
    rid = store.create(rep)
    store.dismiss(rid, "Y004", '["overall", null, "审查审查"]', "原文如此", who="张三")
    got, _ = store.get(rid)
    assert [(d.code, d.reason, d.who) for d in got.dismissals] == [("Y004", "原文如此", "张三")]
    path = tmp_path / "r.yaml"
    save_report(got, path)
    again = load_report(path)
    assert again.dismissals == got.dismissals and again.problems == got.problems
    store.undismiss(rid, 0)
    assert store.dismissals(rid) == []
