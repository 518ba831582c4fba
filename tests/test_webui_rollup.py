"""The 政务公开办's two pages: 汇总各单位报告 and 检查各单位报告 (AppTest)."""
from __future__ import annotations

from drafting.rollup import CONFIRMED, workspace_rollup
from drafting.rollup_demo import demo_units
from drafting.store import Store

from .apptest import db, goto, new_app  # noqa: F401  (db is a fixture)


def _submit(at, label):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def test_rollup_page_names_the_held_unit_confirms_it_and_writes_the_government_report(db):
    at = goto(new_app().run(), "汇总各单位报告")
    assert any("新建工作区" in i.value for i in at.info)
    at.button(key="demo_workspace").click().run()
    assert not at.exception, at.exception
    units = demo_units(12)
    held, silent = units[5].name, units[11].name
    shown = " ".join(t.value for t in at.text)
    assert f"{held}：待确认" in shown and f"{silent}：未报送" in shown
    assert "T010" not in shown and "表三" in shown     # the error in words; rule codes only with 详情
    at.selectbox(key="confirm_unit").set_value(held)
    at.text_input(key="confirm_who").set_value("张三")
    at.text_area(key="confirm_reason").set_value("经电话核实，以各结果行为准")
    _submit(at, "确认纳入汇总")
    shown = " ".join(t.value for t in at.text)
    assert f"{held}：有未解决的问题，经张三确认纳入" in shown
    store = Store(db)
    ws = store.workspaces()[0]
    r, _ = workspace_rollup(store, ws.id, at.selectbox(key="rollup_year").value)
    assert r.unit(held).state == CONFIRMED
    at.button(key="rollup_save").click().run()
    rid = store.find(ws.name, r.year)
    gov, _ = store.get(rid)
    assert gov.cell("applications", "new_received", "total") == r.total("applications", "new_received", "total")


def test_review_page_shows_every_unit_with_its_score(db):
    at = goto(new_app().run(), "检查各单位报告")
    at.button(key="demo_workspace").click().run()
    assert not at.exception, at.exception
    frames = [d.value for d in at.dataframe]
    summary = next(f for f in frames if "得分" in f.columns)
    assert len(summary) == 12            # eleven reports and the unit that has not published
    assert (summary["状态"] == "未找到报告").sum() == 1
    assert (summary["按时公布"] == "未达标").sum() == 2
    assert [m.label for m in at.metric][:2] == ["检查单位", "满分单位"]


def test_a_refused_unit_name_stays_in_the_box(db):
    at = goto(new_app().run(), "汇总各单位报告")
    at.button(key="demo_workspace").click().run()
    taken = demo_units(12)[0].name
    at.text_input(key="unit_name").input(taken)
    _submit(at, "添加单位")
    assert any("已在工作区" in e.value for e in at.error), [e.value for e in at.error]
    assert at.text_input(key="unit_name").value == taken          # typed text kept to correct
    at.text_input(key="unit_name").input("青禾市云溪区审计局")
    _submit(at, "添加单位")
    assert at.text_input(key="unit_name").value == ""              # added: the box is empty again
    assert "青禾市云溪区审计局" in [u.name for u in Store(db).units(Store(db).workspaces()[0].id)]
