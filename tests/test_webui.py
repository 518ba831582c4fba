"""AppTest tests: each page's main path, against a SQLite file in a temp folder."""
from __future__ import annotations

from drafting.store import Store

from .apptest import current_page, db, diff_inserted, goto, new_app, with_example  # noqa: F401 (db is a fixture)


def test_list_page_new_blank_report(db):
    at = new_app().run()
    assert any("还没有报告" in i.value for i in at.info)
    at.text_input(key="new_agency").input("某某县教育局")
    at.number_input(key="new_year").set_value(2025)
    at.button[0].click().run()   # the form's submit button
    assert not at.exception
    assert current_page(at) == "基本信息"
    rows = Store(db).list_reports()
    assert [(r.agency, r.year) for r in rows] == [("某某县教育局", 2025)]


def test_blank_agency_is_refused_in_chinese(db):
    at = new_app().run()
    at.button[0].click().run()
    assert any("机关名称不能为空" in e.value for e in at.error)
    assert Store(db).list_reports() == []


def test_meta_page_saves_and_shows_deadline(db):
    at = goto(with_example(), "基本信息")
    assert any("条例第四十九条" in i.value for i in at.info)
    at.text_input[2].input("青禾市云溪区").run()   # region
    at.text_input[1].input("云溪区市场监管局、区市场监管局")
    at.button[0].click().run()
    assert not at.exception
    assert [t.value for t in at.toast] == ["基本信息已保存。"]      # every save says so
    rep, _ = Store(db).get(1)
    assert rep.meta.short_names == ["云溪区市场监管局", "区市场监管局"]


def test_tables_page_shows_balance_error_at_the_cell_and_fix(db):
    at = goto(with_example(), "数据填报")
    assert any("表二未发现问题" in s.value for s in at.success)
    at.radio(key="table_tab").set_value("applications").run()
    assert any("表三未发现问题" in s.value for s in at.success)
    # 表三 row index 0 is「一、本年新收」; make 自然人 19 (and 总计 24) so the column no longer balances
    at.session_state["grid_applications__0"] = {"edited_rows": {0: {"自然人": 19, "总计": 24}},
                                                "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    errs = [e.value for e in at.error]
    assert any("表三「自然人」列勾稽关系不成立" in e for e in errs), errs
    rep, _ = Store(db).get(1)
    assert rep.cell("applications", "new_received", "natural_person") == 19
    # fix it back
    at.session_state["grid_applications__0"] = {"edited_rows": {0: {"自然人": 18, "总计": 23}},
                                                "added_rows": [], "deleted_rows": []}
    at.run()
    assert not [e for e in at.error if "勾稽关系不成立" in e.value]
    assert Store(db).get(1)[0].cell("applications", "new_received", "natural_person") == 18


def test_tables_page_rejects_negative_in_chinese(db):
    at = goto(with_example(), "数据填报")
    at.radio(key="table_tab").set_value("applications").run()
    at.session_state["grid_applications__0"] = {"edited_rows": {1: {"自然人": -3}},
                                                "added_rows": [], "deleted_rows": []}
    at.run()
    assert any("表三「二、上年结转政府信息公开申请数量」自然人：应为非负整数，收到 -3" in e.value for e in at.error)
    assert Store(db).get(1)[0].cell("applications", "carried_over", "natural_person") == 1


def test_edit_page_diff_versions_restore_and_lock(db):
    at = goto(with_example(), "修改")
    at.selectbox(key="edit_section").set_value("other").run()
    area = at.text_area(key="text_other__0")
    area.input(area.value.replace("本年度本局未收取信息处理费。", "本年度本局未收取信息处理费，也未发生相关争议。")).run()
    assert any("有未保存的修改" in c.value for c in at.caption)
    assert "，也未发生相关争议" in diff_inserted(at)
    at.button(key="save_other").click().run()
    assert not at.exception
    store = Store(db)
    versions = store.versions(1, "other")
    assert [v.n for v in versions] == [1, 2] and "也未发生相关争议" in versions[-1].text
    at.button(key="restore_other_1").click().run()
    assert "也未发生相关争议" not in store.get(1)[0].sections["other"].text
    assert [v.origin for v in store.versions(1, "other")] == ["import", "user", "restore"]
    at.checkbox(key="lock_other__1").check().run()
    assert store.get(1)[0].sections["other"].locked


def test_check_page_groups_and_dismisses_with_reason(db):
    at = with_example()
    store = Store(db)
    rep, v = store.get(1)
    rep.sections["overall"].text += "\n规范审核审核发布机制。"
    store.save(1, rep, v)
    at = goto(at, "校验")
    assert any(h.value.startswith("警告") for h in at.subheader)
    at.button(key="dismiss_warning_0").click().run()
    assert any("请填写忽略该警告的理由" in e.value for e in at.error)
    at.text_input(key="reason_warning_0").input("原文引用，保留")
    at.button(key="dismiss_warning_0").click().run()
    assert any("未发现问题" in s.value for s in at.success)
    assert [d.reason for d in store.dismissals(1)] == ["原文引用，保留"]


def test_check_page_jumps_to_the_table_of_a_cell(db):
    at = with_example()
    store = Store(db)
    rep, v = store.get(1)
    rep.tables["review_litigation"]["counts"]["review_total"] = 3
    store.save(1, rep, v)
    at = goto(at, "校验")
    jump = next(b for b in at.button if (b.key or "").startswith("jump_error_") and b.label == "前往该单元格")
    jump.click().run()
    assert current_page(at) == "数据填报"
    assert at.radio(key="table_tab").value == "review_litigation"
    assert any("表四「行政复议」总计为 3" in e.value for e in at.error)


def test_facts_page_saves_notes_and_figures(db):
    at = goto(with_example(), "工作情况")
    at.text_area(key="fact_innovation__0").input("开设“抽检结果查询”服务\n推出企业年报指引短视频")
    at.button[0].click().run()
    assert not at.exception
    rep, _ = Store(db).get(1)
    assert rep.facts.notes["innovation"] == ["开设“抽检结果查询”服务", "推出企业年报指引短视频"]


def test_two_sessions_cannot_silently_overwrite(db):
    a = goto(with_example(), "修改")
    b = new_app()
    b.session_state["report_id"] = 1
    b.run()
    goto(b, "修改")
    for at in (a, b):
        at.selectbox(key="edit_section").set_value("other").run()
    a.text_area(key="text_other__0").input("甲的修改。").run()
    a.button(key="save_other").click().run()
    b.text_area(key="text_other__0").input("乙的修改。").run()
    b.button(key="save_other").click().run()
    assert any("已被其他会话修改" in w.value for w in b.warning)
    assert Store(db).get(1)[0].sections["other"].text == "甲的修改。"
    # 乙's text is still in 乙's box, and 乙 can choose to overwrite knowingly
    assert b.text_area(key="text_other__0").value == "乙的修改。"
    b.button(key="force_other").click().run()
    store = Store(db)
    assert store.get(1)[0].sections["other"].text == "乙的修改。"
    assert [v.text for v in store.versions(1, "other")][-2:] == ["甲的修改。", "乙的修改。"]


def test_restart_loses_nothing(db):
    at = goto(with_example(), "修改")
    at.selectbox(key="edit_section").set_value("other").run()
    at.text_area(key="text_other__0").input("重启前保存的文字。").run()
    at.button(key="save_other").click().run()
    fresh = new_app()
    fresh.query_params["report"] = "1"        # a reload: a new session, the report from the address
    fresh.run()
    goto(fresh, "修改")
    fresh.selectbox(key="edit_section").set_value("other").run()
    assert fresh.text_area(key="text_other__0").value == "重启前保存的文字。"


def test_pages_validate_only_when_the_report_changed(db, monkeypatch):
    """Reruns that change nothing reuse the findings (issue 14: a 4.75 MB report took 100 s to
    validate, and the app validated on every rerun)."""
    from drafting.webui import ui
    calls = []
    real = ui.validate
    monkeypatch.setattr(ui, "validate", lambda rep, previous=None: calls.append(1) or real(rep, previous=previous))
    at = goto(with_example(), "校验")
    for title in ("校验", "数据填报", "概览", "导出", "校验"):
        goto(at, title)
    assert len(calls) == 1
    store = Store(db)
    rep, v = store.get(1)
    rep.tables["review_litigation"]["counts"]["review_total"] = 3
    store.save(1, rep, v)
    goto(at, "校验")
    assert len(calls) == 2
    assert any("表四「行政复议」总计为 3" in m.value for m in at.markdown)
