"""AppTest tests: each page's main path, against a SQLite file in a temp folder."""
from __future__ import annotations

from drafting.store import Store

from .apptest import (component_data, current_page, db, diff_inserted, editor_text, goto, new_app,  # noqa: F401
                      type_text, with_example)  # noqa: F401 (db is a fixture)


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
    # pydantic's error, mapped by type (drafting.io.validation_messages): the field named in Chinese
    assert [e.value for e in at.error] == ["无法新建：机关名称：不能为空"]
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


def _form(at, table="applications") -> dict:
    return next(d for d in component_data(at, "nianbao_form") if d["table"] == table)


def _cell(view: dict, row: str, col: str) -> dict:
    return next(c for line in view["rows"] for c in line if c.get("r") == row and c.get("c") == col)


def _type(at, table: str, edits: list[tuple[str, str, str]], start: int = 1):
    """What the browser sends when cells are typed into (each edit has an id, as the form makes)."""
    key = f"form_1_{table}"
    at.session_state[key] = {"edits": [{"id": f"test:{start + i}", "row": r, "col": c, "value": v}
                                       for i, (r, c, v) in enumerate(edits)]}
    return at.run()


def test_table_three_is_the_national_form(db):
    """Header groups and row groups as printed, labels from the format data, full labels."""
    at = goto(with_example(), "数据填报")
    at.radio(key="table_tab").set_value("applications").run()
    view = _form(at)
    spec = Store(db).get(1)[0].template.tables["applications"]
    head = [c["t"] for line in view["rows"][:view["head"]] for c in line]
    assert head[0] == spec.corner_note
    assert [h["label"] for line in spec.header for h in line] == head[1:]
    group = next(c for line in view["rows"] for c in line if c["t"] == "法人或其他组织")
    assert group["cs"] == 5
    labels = [c["t"] for line in view["rows"] for c in line if c["k"] == "label"]
    assert spec.row("results").label in labels                     # 三、本年度办理结果 is a row group
    assert spec.row("partial").label in labels                     # the full label, not cut
    results = next(c for line in view["rows"] for c in line if c["t"] == spec.row("results").label)
    assert results["rs"] == len([r for r in spec.data_rows if r.key not in
                                 ("new_received", "carried_over", "carry_forward")])
    assert _cell(view, "new_received", "natural_person")["v"] == "18"


def test_typing_a_cell_saves_it_and_marks_the_broken_cell(db):
    at = goto(with_example(), "数据填报")
    at.radio(key="table_tab").set_value("applications").run()
    _type(at, "applications", [("new_received", "natural_person", "19")])
    assert not at.exception
    assert Store(db).get(1)[0].cell("applications", "new_received", "natural_person") == 19
    assert [t.value for t in at.toast] == ["已保存。"]
    view = _form(at)
    bad = _cell(view, "results_total", "natural_person")          # T010 names 「（七）总计」 of the column
    assert bad["sev"] == "error" and "19 ＋「二、上年结转政府信息公开申请数量」1 = 20，不等于「（七）总计」" in bad["tip"]
    assert "T010" not in bad["tip"]                                 # no rule code unless 详情 is on
    assert any("不等于「（七）总计」" in e.value for e in at.error)
    assert view["ack"] == ["test:1"]                                # the browser may forget the edit
    # the same edit arriving again (a rerun) is not applied twice; the fix is a new edit
    at.run()
    _type(at, "applications", [("new_received", "natural_person", "19"), ("new_received", "natural_person", "18")])
    assert Store(db).get(1)[0].cell("applications", "new_received", "natural_person") == 18
    assert _cell(_form(at), "results_total", "natural_person")["sev"] == ""


def test_bad_input_is_refused_in_chinese_naming_the_cell(db):
    at = goto(with_example(), "数据填报")
    at.radio(key="table_tab").set_value("applications").run()
    _type(at, "applications", [("carried_over", "natural_person", "-3")])
    assert any("表三「二、上年结转政府信息公开申请数量」自然人：应为非负整数，收到 -3" in e.value for e in at.error)
    assert Store(db).get(1)[0].cell("applications", "carried_over", "natural_person") == 1


def test_locate_selects_the_cell_of_a_finding(db):
    at = with_example()
    store = Store(db)
    rep, v = store.get(1)
    rep.tables["review_litigation"]["counts"]["review_total"] = 3      # a typed total that disagrees
    store.save(1, rep, v)
    at = goto(at, "数据填报")
    at.radio(key="table_tab").set_value("review_litigation").run()
    assert _cell(_form(at, "review_litigation"), "counts", "review_total")["sev"] == "error"
    at.button(key="locate_review_litigation_0").click().run()
    focus = _form(at, "review_litigation")["focus"]
    assert (focus["row"], focus["col"]) == ("counts", "review_total")


def test_edit_page_diff_versions_restore_and_lock(db):
    at = goto(with_example(), "修改")
    at.selectbox(key="edit_section").set_value("other").run()
    type_text(at, "text_other_g0", editor_text(at).replace("本年度本局未收取信息处理费。",
                                                           "本年度本局未收取信息处理费，也未发生相关争议。"))
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


def _check_page_with(db, added: str):
    """The 校验 page of the example report after ``added`` was appended to its 总体情况."""
    at = with_example()
    store = Store(db)
    rep, v = store.get(1)
    rep.sections["overall"].text += added
    store.save(1, rep, v)
    return goto(at, "校验"), store


def test_check_page_groups_and_dismisses_with_reason(db):
    at, store = _check_page_with(db, "\n规范审核审核发布机制。")
    assert any(h.value.startswith("警告") for h in at.subheader)
    dismiss = next(b.key for b in at.button if (b.key or "").startswith("dismiss_warning_"))
    at.button(key=dismiss).click().run()
    assert any("请填写忽略该警告的理由" in e.value for e in at.error)
    at.text_input(key=dismiss.replace("dismiss_", "reason_")).input("原文引用，保留")
    at.button(key=dismiss).click().run()
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
    assert any("表四：「行政复议总计」3，不等于" in e.value for e in at.error)
    focus = next(d for d in component_data(at, "nianbao_form"))["focus"]
    assert (focus["row"], focus["col"]) == ("counts", "review_total")     # the cell is selected


def test_facts_page_saves_notes_and_figures(db):
    at = goto(with_example(), "工作情况")
    at.text_area(key="fact_innovation__0").input("开设“抽检结果查询”服务\n推出企业年报指引短视频")
    at.button[0].click().run()
    assert not at.exception
    rep, _ = Store(db).get(1)
    assert rep.facts.texts("innovation") == ["开设“抽检结果查询”服务", "推出企业年报指引短视频"]


def test_two_sessions_cannot_silently_overwrite(db):
    a = goto(with_example(), "修改")
    b = new_app()
    b.session_state["report_id"] = 1
    b.run()
    goto(b, "修改")
    for at in (a, b):
        at.selectbox(key="edit_section").set_value("other").run()
    type_text(a, "text_other_g0", "甲的修改。")
    a.button(key="save_other").click().run()
    type_text(b, "text_other_g0", "乙的修改。")
    b.button(key="save_other").click().run()
    assert any("已被其他会话修改" in w.value for w in b.warning)
    assert Store(db).get(1)[0].sections["other"].text == "甲的修改。"
    # 乙's text is still in 乙's box, and 乙 can choose to overwrite knowingly
    assert b.session_state["text_other_g0"]["text"] == "乙的修改。"
    b.button(key="force_other").click().run()
    store = Store(db)
    assert store.get(1)[0].sections["other"].text == "乙的修改。"
    assert [v.text for v in store.versions(1, "other")][-2:] == ["甲的修改。", "乙的修改。"]


def test_restart_loses_nothing(db):
    at = goto(with_example(), "修改")
    at.selectbox(key="edit_section").set_value("other").run()
    type_text(at, "text_other_g0", "重启前保存的文字。")
    at.button(key="save_other").click().run()
    fresh = new_app()
    fresh.query_params["report"] = "1"        # a reload: a new session, the report from the address
    fresh.run()
    goto(fresh, "修改")
    fresh.selectbox(key="edit_section").set_value("other").run()
    assert editor_text(fresh) == "重启前保存的文字。"


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
    assert any("表四：「行政复议总计」3，不等于" in m.value for m in at.markdown)


def test_unsaved_text_is_kept_as_a_draft_and_offered_back(db):
    """Typed, not saved, then the tab is closed: a new session on the same report finds it."""
    at = goto(with_example(), "修改")
    at.selectbox(key="edit_section").set_value("other").run()
    saved = editor_text(at)
    type_text(at, "text_other_g0", saved + "尚未保存的一句。")
    store = Store(db)
    assert store.get(1)[0].sections["other"].text == saved                 # not saved…
    assert store.draft(1, "other").text == saved + "尚未保存的一句。"       # …but kept
    fresh = new_app()
    fresh.query_params["report"] = "1"
    fresh.query_params["section"] = "other"                                # the address names the section
    fresh.run()
    goto(fresh, "修改")
    assert fresh.selectbox(key="edit_section").value == "other"
    assert editor_text(fresh) == saved + "尚未保存的一句。"
    assert any("已找回您" in i.value for i in fresh.info)
    fresh.button(key="save_other").click().run()
    assert store.get(1)[0].sections["other"].text == saved + "尚未保存的一句。"
    assert store.draft(1, "other") is None


def test_a_draft_can_be_discarded(db):
    at = goto(with_example(), "修改")
    at.selectbox(key="edit_section").set_value("other").run()
    saved = editor_text(at)
    type_text(at, "text_other_g0", "不要了。")
    fresh = new_app()
    fresh.query_params["report"] = "1"
    fresh.query_params["section"] = "other"
    fresh.run()
    goto(fresh, "修改")
    fresh.button(key="discard_other").click().run()
    assert Store(db).draft(1, "other") is None
    assert editor_text(fresh) == saved


def _charts(at) -> list[str]:
    """Titles of the bar charts on the page (each chart follows its bold title line)."""
    return [m.value for m in at.markdown if m.value.startswith("**") and "（单位：" in m.value]


def test_overview_shows_steps_deadline_and_charts_with_last_year(db):
    at = goto(with_example(), "概览")
    assert not at.exception
    assert any("条例第四十九条" in i.value for i in at.info)
    steps = [m.value for m in at.markdown if m.value.startswith(":material/")]
    assert [s.split("**")[1] for s in steps] == ["数据填报", "工作情况", "起草", "校验", "导出"]
    assert _charts(at) == ["**本年度办理结果**（单位：件）"]
    assert len(at.get("vega_lite_chart")) == 1
    # last year's report in the workspace adds the year-over-year charts
    store = Store(db)
    prev, _ = store.get(1)
    prev.meta.year -= 1
    store.create(prev)
    goto(at, "概览")
    assert any("2023年与2024年对比" in t for t in _charts(at))
    assert len(at.get("vega_lite_chart")) > 1


def test_check_page_confirms_a_persons_figure_as_a_fact(db):
    at = with_example()
    store = Store(db)
    rep, v = store.get(1)
    rep.sections["overall"].edit(rep.sections["overall"].text + "\n本局全年组织政务公开专题培训8次。")
    store.save(1, rep, v)
    at = goto(at, "校验")
    keys = [b.key for b in at.button if b.key and b.key.startswith("confirm_")]
    assert len(keys) == 1            # only the N006 warning offers it
    at.button(key=keys[0]).click().run()
    assert not at.exception
    rep, _ = store.get(1)
    fig = [f for f in rep.facts.figures if f.source == "人工"]
    assert [(int(f.value), f.unit) for f in fig] == [(8, "次")]
    assert "专题培训8次" in fig[0].clause
    assert not any(b.key and b.key.startswith("confirm_") for b in at.button)


def test_a_reason_typed_for_one_warning_does_not_pass_to_the_next(db):
    """Dismissing one warning moves the next one up the list: its reason box starts empty."""
    at, store = _check_page_with(db, "\n规范审核审核发布机制。\n加强培训培训工作。")
    first, second = [b.key for b in at.button if (b.key or "").startswith("dismiss_warning_")][:2]
    at.text_input(key=second.replace("dismiss_", "reason_")).input("另一条的理由")
    at.text_input(key=first.replace("dismiss_", "reason_")).input("原文引用，保留")
    at.button(key=first).click().run()
    left = [b.key for b in at.button if (b.key or "").startswith("dismiss_warning_")]
    assert left == [second]
    assert at.text_input(key=second.replace("dismiss_", "reason_")).value == "另一条的理由"
    assert [d.reason for d in store.dismissals(1)] == ["原文引用，保留"]
