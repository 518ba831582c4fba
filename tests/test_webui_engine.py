"""AppTest tests for 起草, 修改 by instruction, 工作情况 chat, 导出, 设置, and new-from-published."""
from __future__ import annotations


from drafting.store import Store
from drafting.validator import validate

from .apptest import db, diff_deleted, goto, new_app, with_example  # noqa: F401 (db is a fixture)
from .conftest import FIXTURES
from .replay import ReplayServer


def _blank_sections(db):
    store = Store(db)
    rep, v = store.get(1)
    for k in ("overall", "problems", "other"):
        rep.sections[k].text = ""
    store.save(1, rep, v)


def test_offline_draft_fills_sections_versions_and_records(db):
    at = with_example()
    _blank_sections(db)
    at = goto(at, "起草")
    assert any("离线起草" in i.value for i in at.info)
    at.button(key="draft_go").click().run()
    assert not at.exception
    assert any("起草完成" in s.value for s in at.success)
    store = Store(db)
    rep, _ = store.get(1)
    for k in ("overall", "problems", "other"):
        assert rep.sections[k].text.strip() and rep.sections[k].provenance.model == "offline"
    assert not [f for f in validate(rep) if f.severity == "error"]
    assert store.versions(1, "overall")[-1].origin == "draft"
    assert {g.section for g in store.generations(1)} >= {"overall", "problems", "other"}


def test_draft_does_not_overwrite_human_text_unless_asked(db):
    at = goto(with_example(), "起草")
    # the example's sections were written by a person: drafting them needs a tick
    assert any("人工撰写" in w.value for w in at.warning)
    before = Store(db).get(1)[0].sections["overall"].text
    at.multiselect(key="draft_keys").set_value(["overall"]).run()
    assert at.button(key="draft_go").disabled
    at.checkbox(key="draft_overwrite").check().run()
    at.button(key="draft_go").click().run()
    rep = Store(db).get(1)[0]
    assert rep.sections["overall"].text != before
    assert [v.text for v in Store(db).versions(1, "overall")][0] == before   # the old text is a version


def test_locked_section_is_not_redrafted(db):
    at = with_example()
    store = Store(db)
    rep, v = store.get(1)
    rep.sections["other"].locked = True
    locked_text = rep.sections["other"].text
    store.save(1, rep, v)
    at = goto(at, "起草")
    assert any("已锁定" in c.value for c in at.caption)
    # ask for every section, the person's text included, and really draft
    at.multiselect(key="draft_keys").set_value(["overall", "other"]).run()
    at.checkbox(key="draft_overwrite").check().run()
    at.button(key="draft_go").click().run()
    assert not at.exception
    after = Store(db).get(1)[0]
    assert after.sections["overall"].provenance is not None               # the draft ran…
    assert after.sections["overall"].provenance.model == "offline"
    assert after.sections["other"].text == locked_text                    # …and left the locked one
    assert after.sections["other"].locked and after.sections["other"].provenance is None


def test_revise_by_instruction_accept_and_reject(db):
    with ReplayServer(FIXTURES / "llm" / "revise.json") as srv:
        at = with_example()
        at = goto(at, "设置")
        at.text_input(key="set_base_url").input(srv.url)
        at.text_input(key="set_model").input("scripted")
        at.text_input(key="set_key").input("sk-test-not-a-real-key").run()
        at = goto(at, "修改")
        at.selectbox(key="edit_section").set_value("review_litigation").run()
        at.text_input(key="instr_review_litigation__0").input("删去行政诉讼判决结果")
        at.button[[b.label for b in at.button].index("按意见修改")].click().run()
        assert not at.exception, at.exception
        assert diff_deleted(at)
        at.button(key="reject_review_litigation").click().run()
        assert "判决维持" in Store(db).get(1)[0].sections["review_litigation"].text
        at.button[[b.label for b in at.button].index("按意见修改")].click().run()
        at.button(key="accept_review_litigation").click().run()
    rep = Store(db).get(1)[0]
    text = rep.sections["review_litigation"].text
    assert "判决维持" not in text and "行政复议2件" in text     # the figure the model changed is back from the slot
    assert Store(db).versions(1, "review_litigation")[-1].origin == "revise"


def test_revise_offline_says_a_model_is_needed(db):
    """With no model the instruction box is shown disabled, saying so and where to set one."""
    at = goto(with_example(), "修改")
    assert at.text_input(key="instr_overall__0").disabled
    assert at.button[[b.label for b in at.button].index("按意见修改")].disabled
    assert any("按意见修改需要配置模型" in i.value and "「设置」" in i.value for i in at.info)


def test_chat_fills_facts_and_asks_follow_up(db):
    at = goto(with_example(), "工作情况")
    at.chat_input(key="facts_chat").set_value("今年我们组织政务公开专题培训4次。我们在网站新开了政策问答专栏。").run()
    assert not at.exception, at.exception
    store = Store(db)
    msgs = store.messages(1)
    assert [m.role for m in msgs] == ["user", "assistant"]
    assert "已记下" in msgs[1].content
    rep = store.get(1)[0]
    assert any(f.value == 4 and f.unit == "次" for f in rep.facts.figures)
    assert any("政策问答专栏" in f.text for fs in rep.facts.under("platform").values() for f in fs)


def test_export_clean_report_offers_docx(db):
    at = goto(with_example(), "导出")
    assert any("可以导出" in s.value for s in at.success)
    assert at.download_button(key="export_dl_docx").label.endswith(".docx")


def test_export_with_errors_needs_a_reason_and_records_it(db):
    at = with_example()
    store = Store(db)
    rep, v = store.get(1)
    rep.tables["applications"]["new_received"]["total"] = 99
    store.save(1, rep, v)
    at = goto(at, "导出")
    assert any("不能直接导出" in e.value for e in at.error)
    at.button(key="export_force").click().run()
    assert any("必须说明理由" in e.value for e in at.error)
    at.text_input(key="export_who").input("张三")
    at.text_input(key="export_reason").input("经分管领导同意，先行送审").run()
    at.button(key="export_force").click().run()
    assert not at.exception
    hist = [h for h in store.get(1)[0].history if h.action == "forced_export"]
    assert hist and hist[-1].who == "张三" and "先行送审" in hist[-1].detail
    assert any(d.label.endswith(".docx") for d in at.download_button)


CONNECTION = {"label": "scripted", "model": "scripted", "description": "编写的服务：对连接测试回答“正常”。",
              "exchanges": [{"match": {"contains": ["正常"]}, "responses": [{"content": "正常"}]}]}
DOWN = {"label": "scripted", "model": "scripted", "description": "编写的服务：拒绝密钥（401）。",
        "exchanges": [{"match": {}, "responses": [{"status": 401, "error": "invalid api key"}]}]}


def test_settings_connection_test_and_key_not_stored(db, tmp_path):
    with ReplayServer(CONNECTION) as srv:
        at = with_example()
        at = goto(at, "设置")
        at.text_input(key="set_base_url").input(srv.url)
        at.text_input(key="set_model").input("scripted")
        at.text_input(key="set_key").input("sk-secret-0123456789").run()
        assert any("当前起草方式：模型 scripted" in i.value for i in at.info)
        at.button(key="set_test").click().run()
        assert not at.exception
        assert any("连接正常" in s.value for s in at.success)
    with ReplayServer(DOWN) as srv:
        at.text_input(key="set_base_url").input(srv.url).run()
        at.button(key="set_test").click().run()
        assert any("拒绝了密钥" in e.value for e in at.error)
    raw = (tmp_path / "app.db").read_bytes()
    assert b"sk-secret-0123456789" not in raw


def test_settings_bad_url_is_explained(db):
    at = goto(new_app().run(), "设置")
    at.text_input(key="set_base_url").input("ftp://example")
    at.text_input(key="set_model").input("m")
    at.text_input(key="set_key").input("k").run()
    assert any("http://" in w.value for w in at.warning)


def test_check_page_on_an_ingested_published_report(db):
    at = new_app().run()
    at.radio(key="new_how").set_value("已发布的报告（文本、网页或 Word）").run()
    seed = (FIXTURES / "published" / "000_b9c33e0c54bf7134.txt")
    at.checkbox(key="new_pub_prev").uncheck().run()
    # AppTest cannot drive file_uploader; call the same library path the page uses
    from drafting.ingest import ingest_bytes
    got = ingest_bytes(seed.read_bytes(), seed.name)
    store = Store(db)
    rid = store.create(got.report, origin="import")
    at.session_state["report_id"] = rid
    at = goto(at, "校验")
    assert any("兴庆区人社局" in m.value for m in at.markdown) or any("兴庆区人社局" in str(m.value) for m in at.text)
