"""Drafting through the real langchain-openai/openai client against the loopback replay server."""
from __future__ import annotations

import json
import re
import threading
import time

import pytest
from typer.testing import CliRunner

from drafting.cli import app
from drafting.engine import (ProviderError, draft_report, extract_facts, offline_section, provider_from_settings,
                             revise_section, test_connection)
from drafting.engine.draft import DRAFTABLE
from drafting.io import load_report
from drafting.model import Section
from drafting.validator import validate

from .conftest import EXAMPLE
from .replay import FIXTURES, ReplayServer, load_fixture

INVENTED = ("25", "八次", "兴庆区人社局")


def provider(srv, **kw):
    kw.setdefault("timeout", 30)   # generous: the machine is shared; the timeout test sets its own
    kw.setdefault("max_retries", 0)
    return provider_from_settings(srv.url, "replay-model", "test-key", **kw)


def outside_marks(text: str) -> str:
    """The text without 【…】 marks: what a reader would take for the report's own words."""
    return re.sub(r"【[^】]*】", "", text)


def test_fixtures_are_labelled():
    for p in FIXTURES.glob("*.json"):
        data = json.loads(p.read_text("utf-8"))
        assert data["label"] in ("scripted", "recorded"), p.name
        if data["label"] == "recorded":
            assert data["model"], f"{p.name}: a recording must name the model that made it"


def test_draft_all_sections_with_a_good_model(example):
    events = []
    with ReplayServer("good") as srv:
        res = draft_report(example, provider(srv), on_event=events.append, lead_ins=True)
        reqs = list(srv.requests)
    assert res.findings == [], [(f.code, f.message) for f in res.findings]
    assert set(res.sections) == set(DRAFTABLE)
    overall = res.report.sections["overall"]
    assert "486条" in overall.text and "{" not in overall.text       # slots filled from facts and tables
    assert overall.provenance.model == "replay-model"
    assert re.fullmatch(r"overall@[0-9a-f]{12}", overall.provenance.prompt)
    assert overall.provenance.template.count("{") >= 10
    assert res.prompt_tokens > 0 and res.completion_tokens > 0
    # Streaming: deltas arrived for every section, then one done each.
    assert {e.section for e in events if e.kind == "delta"} == set(DRAFTABLE)
    assert sorted(e.section for e in events if e.kind == "done") == sorted(DRAFTABLE)
    # What went over the wire: plain-string messages, max_tokens in the body, streamed.
    assert len(reqs) == 6
    for body in reqs:
        assert all(isinstance(m["content"], str) for m in body["messages"])
        assert body["max_tokens"] == 1500 and "max_completion_tokens" not in body
        assert body["stream"] is True
        assert "486" not in body["messages"][-1]["content"]       # values are not sent, slots are


def test_table_errors_are_not_sent_for_repair(example):
    """A wrong 总计 in 表三 is the table's problem; the lead-in is not rewritten because of it."""
    example.tables["applications"]["new_received"]["total"] = 24
    with ReplayServer("good") as srv:
        res = draft_report(example, provider(srv), sections=["applications"])
        assert len(srv.requests) == 1
    assert res.sections["applications"].status == "ok"
    assert "T012" in {f.code for f in res.findings}          # still reported for the report as a whole


def test_openai_gets_max_completion_tokens(example):
    with ReplayServer("good") as srv:
        p = provider(srv, max_tokens_param="max_completion_tokens")
        draft_report(example, p, sections=["applications"])
        body = srv.requests[0]
    assert body["max_completion_tokens"] == 1500 and "max_tokens" not in body


def test_sections_are_drafted_concurrently(example):
    """Requests overlap in time (the speed itself is measured by bench/draft_bench.py)."""
    state = {"now": 0, "max": 0}
    lock = threading.Lock()
    good = load_fixture("good")

    def handler(body):
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.2)
        with lock:
            state["now"] -= 1
        text = "\n".join(m["content"] for m in body["messages"])
        for ex in good["exchanges"]:
            if all(s in text for s in ex["match"]["contains"]):
                return ex["responses"][0]
        return {"status": 500}

    with ReplayServer(handler=handler) as srv:
        res = draft_report(example, provider(srv), lead_ins=True)
    assert res.findings == []
    assert state["max"] >= 3


def test_model_inventing_figures_and_agencies_never_validates_clean(example):
    with ReplayServer("invents") as srv:
        res = draft_report(example, provider(srv), lead_ins=True)
        n_requests = len(srv.requests)
    assert n_requests == 6 * 3                       # each section: draft + 2 repair rounds
    findings = validate(res.report)
    for key in DRAFTABLE:
        text = res.report.sections[key].text
        sec_errors = [f for f in findings if f.section == key and f.severity == "error"]
        r = res.sections[key]
        assert r.status == "marked" and r.rounds == 2 and r.findings
        prov = res.report.sections[key].provenance
        assert prov.needs_review and any(s.startswith("G002") for s in prov.findings)
        # The invented material is only present inside 【待核实】 marks, and the section does not pass.
        assert not any(x in outside_marks(text) for x in INVENTED), text
        assert "【待核实" in text and sec_errors
    assert res.marked == list(DRAFTABLE)


def test_invented_figure_is_repaired(example):
    with ReplayServer("invents_then_fixes") as srv:
        res = draft_report(example, provider(srv))
        repair_requests = [b for b in srv.requests if "经校验发现下列问题" in b["messages"][0]["content"]]
    assert res.findings == []
    r = res.sections["overall"]
    assert (r.status, r.rounds) == ("ok", 1)
    assert not any(x in r.text for x in INVENTED)
    assert len(repair_requests) == 1
    sent = repair_requests[0]["messages"][-1]["content"]
    assert "G002" in sent and "G003" in sent and "兴庆区人社局" in sent     # the findings went back to the model


def test_wrong_year_is_repaired(example):
    with ReplayServer("wrong_year") as srv:
        res = draft_report(example, provider(srv), sections=["overall"])
        sent = srv.requests[-1]["messages"][-1]["content"]
    assert "G004" in sent and "2023" in sent
    assert res.sections["overall"].rounds == 1 and res.findings == []
    assert "2023" not in res.report.sections["overall"].text


def test_rate_limit_is_retried(example):
    with ReplayServer("rate_limited") as srv:
        res = draft_report(example, provider(srv, max_retries=2), sections=["overall"])
        assert len(srv.requests) == 2
    assert res.sections["overall"].status == "ok"


def test_timeout_falls_back_to_offline_text(example):
    events = []
    with ReplayServer("timeout") as srv:
        # the overall request hangs for 30 s; the deadline (timeout, for the whole call) cuts it at 5
        res = draft_report(example, provider(srv, timeout=5), sections=["overall", "applications"],
                           on_event=events.append)
    r = res.sections["overall"]
    assert r.status == "fallback" and "超时" in r.message
    assert r.text == offline_section(example, "overall")
    assert res.report.sections["overall"].provenance.origin == "offline"
    assert res.sections["applications"].status == "ok"
    assert any(e.kind == "error" and "超时" in e.message for e in events)


def test_echoed_prompt_falls_back(example):
    """A small real model (see the gemma recording) answered with the prompt's slot list: no digits,
    known slots, so only the echo check stops it; after the repairs the offline text stands in."""
    echo = ("部分：四、政府信息公开行政复议、行政诉讼情况\n机关自称：本局　报告年度：{year}\n可用数据槽：\n"
            "{t4.review_total}：行政复议总计（单位：件）")
    fx = {"label": "scripted", "exchanges": [{"match": {}, "responses": [{"content": echo}]}]}
    with ReplayServer(fx) as srv:
        res = draft_report(example, provider(srv), sections=["review_litigation"])
        assert len(srv.requests) == 3
    r = res.sections["review_litigation"]
    assert r.status == "fallback" and "复述" in r.message
    assert r.text == offline_section(example, "review_litigation")


def test_server_refusing_stream_options(example):
    """Some servers reject the stream_options field that asks for usage; the draft retries without it."""
    good = load_fixture("good")

    def handler(body):
        if body.get("stream_options"):
            return {"status": 400, "error": "Unrecognized request argument supplied: stream_options"}
        text = "\n".join(m["content"] for m in body["messages"])
        return next(ex["responses"][0] for ex in good["exchanges"] if all(s in text for s in ex["match"]["contains"]))

    with ReplayServer(handler=handler) as srv:
        p = provider(srv)
        res = draft_report(example, p, lead_ins=True)
    assert all(s.status == "ok" for s in res.sections.values())
    assert p.stream_usage is False and p.caps.stream_options is False


def test_answer_without_choices_falls_back(example):
    with ReplayServer("no_choices") as srv:
        res = draft_report(example, provider(srv), sections=["overall"])
    assert res.sections["overall"].status == "fallback"
    assert "没有返回任何内容" in res.sections["overall"].message


def test_locked_section_is_not_sent_to_the_model(example):
    example.sections["overall"] = Section(text="人工定稿。", locked=True)
    with ReplayServer("good") as srv:
        res = draft_report(example, provider(srv))
        tasks = [b["messages"][0]["content"] for b in srv.requests]
    assert res.report.sections["overall"].text == "人工定稿。"
    assert not any("起草年度报告的「一、总体情况」" in t for t in tasks)


# -- conversation → facts ---------------------------------------------------------
CONVERSATION = "今年我们通过门户网站公开信息320条，组织培训2次。政策解读主要采用图解形式。问题是解读形式单一。"


def test_extract_facts_with_json_schema(example):
    example.facts.figures = []
    example.facts.notes = {}
    with ReplayServer("good") as srv:
        p = provider(srv)
        facts, messages = extract_facts(example, CONVERSATION, p)
        body = srv.requests[0]
    assert body["response_format"]["type"] == "json_schema"
    assert p.caps.structured == "json_schema"
    assert facts.texts("active.volume") == ["通过门户网站公开信息320条"]
    assert facts.notes["active.volume"][0].clause == "今年我们通过门户网站公开信息320条"   # the clerk's words kept
    assert {(f.value, f.unit, f.aspect) for f in facts.figures} == {(320, "条", "active.volume"),
                                                                    (2, "次", "supervision.training")}
    assert facts.texts("other") == ["全年按时报送信息"]                  # unknown aspect goes to 其他
    # A figure that its own clause does not say is not taken, even if said elsewhere; nor a clause nobody said.
    assert "active.interpretation" not in facts.notes and "active.press" not in facts.notes
    assert any("15篇" in m and "未采用" in m for m in messages)
    assert any("召开新闻发布会3场" in m and "原话" in m for m in messages)
    assert any("政府信息管理" in m for m in messages)                    # asks for what is missing
    assert not any("「依申请公开」" in m for m in messages)               # 表三 holds the counts: asks how
    assert any("「办理流程和时限」" in m for m in messages)
    assert example.facts.figures == []                                    # the input is not modified


def test_extract_facts_falls_back_from_malformed_json(example):
    with ReplayServer("malformed_json") as srv:
        p = provider(srv)
        facts, _ = extract_facts(example, CONVERSATION, p)
        methods = [("tools" if b.get("tools") else b.get("response_format", {}).get("type")) for b in srv.requests]
    assert methods == ["json_schema", "tools"]
    assert p.caps.structured == "function_calling"
    assert any(f.value == 320 and f.aspect == "active.volume" for f in facts.figures)


def test_extract_facts_offline(example):
    example.facts.figures = []
    example.facts.notes = {}
    facts, questions = extract_facts(example, CONVERSATION + "本年度未收取信息处理费。",
                                     provider_from_settings(kind="offline"))
    assert sorted(f.value for f in facts.figures) == [2, 320]
    assert facts.texts("fees") == ["本年度未收取信息处理费"]
    assert facts.texts("problems") == ["解读形式单一"]
    assert facts.texts("active.interpretation") == ["政策解读主要采用图解形式"]
    assert any("政府信息管理" in q for q in questions) and not any("信息处理费" in q for q in questions)


def test_extract_facts_refuses_empty_input(example):
    with pytest.raises(ProviderError, match="请先输入"):
        extract_facts(example, "  ", provider_from_settings(kind="offline"))


# -- revision ---------------------------------------------------------------------
def test_revision_keeps_figures_as_slots(example):
    instruction = "删去最后的“法院判决维持原行政行为”"
    with ReplayServer("revise") as srv:
        res = revise_section(example, "review_litigation", instruction, provider(srv))
        sent = srv.requests[0]["messages"][-1]["content"]
    assert "{keep.1}" in sent and "2件" not in sent                         # the model saw slots, not figures
    assert res.text == "2024年，本局因政府信息公开工作被申请行政复议2件，其中结果维持1件、尚未审结1件；被提起行政诉讼1件。"
    assert res.rounds == 1                                                # the digit it typed was sent back
    assert res.changed == [("2024年，本局因政府信息公开工作被申请行政复议2件，其中结果维持1件、尚未审结1件；被提起行政诉讼1件，法院判决维持原行政行为。",
                            res.text)]
    res.apply(example)
    assert example.sections["review_litigation"].provenance.origin == "revised"


def test_revision_refuses_locked_and_offline(example):
    example.sections["overall"].locked = True
    with pytest.raises(ProviderError, match="已锁定"):
        revise_section(example, "overall", "改简洁", provider_from_settings("http://127.0.0.1:9/v1", "m"))
    with pytest.raises(ProviderError, match="离线"):
        revise_section(example, "problems", "改简洁", provider_from_settings(kind="offline"))
    with pytest.raises(ProviderError, match="修改意见"):
        revise_section(example, "problems", " ", provider_from_settings(kind="offline"))


# -- connection check ---------------------------------------------------------------
def test_connection_check():
    with ReplayServer({"label": "scripted", "exchanges": [{"match": {}, "responses": [{"content": "正常"}]}]}) as srv:
        ok = test_connection(provider(srv))
    assert ok.ok and "连接正常" in ok.message and ok.reply == "正常"
    with ReplayServer({"label": "scripted", "exchanges": [{"match": {}, "responses": [{"status": 401}]}]}) as srv:
        bad = test_connection(provider(srv))
    assert not bad.ok and "密钥" in bad.message
    assert test_connection(provider_from_settings(kind="offline")).ok


# -- record mode ------------------------------------------------------------------------
def test_record_then_replay(example, tmp_path):
    with ReplayServer("good") as upstream:
        with ReplayServer(upstream=upstream.url, upstream_key="k", record_model="scripted-good") as rec:
            first = draft_report(example, provider(rec), lead_ins=True)
            rec.save_recording(tmp_path / "rec.json", "test")
    assert all(s.status == "ok" for s in first.sections.values()), {k: s.message for k, s in first.sections.items()}
    data = json.loads((tmp_path / "rec.json").read_text("utf-8"))
    assert data["label"] == "recorded" and data["model"] == "scripted-good" and len(data["exchanges"]) == 6
    with ReplayServer(tmp_path / "rec.json") as srv:
        second = draft_report(example, provider(srv), lead_ins=True)
    assert {k: s.text for k, s in second.sections.items()} == {k: s.text for k, s in first.sections.items()}


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("recorded_*.json")), ids=lambda p: p.stem)
def test_recorded_model_replays(path):
    """Recordings of a real model: no assertion on wording. Every request the draft makes is
    answered from the recording (the strict server fails the test on a miss, so an offline
    fallback cannot hide a stale recording), and every section ends up usable and says why."""
    rep = load_report(EXAMPLE)
    recorded = load_fixture(path)
    with ReplayServer(path) as srv:
        res = draft_report(rep, provider(srv), lead_ins=True)
        served = len(srv.requests)
    assert served >= len(res.sections)                      # each section asked the recorded model
    assert served <= len(recorded["exchanges"])
    for key, r in res.sections.items():
        assert r.text.strip(), key
        assert r.model == "replay-model", (key, r.model)     # went through the model, not the offline provider
        assert (r.status, bool(r.findings), "【待核实" in r.text) in {
            ("ok", False, False), ("marked", True, True), ("fallback", False, False), ("fallback", True, False)}, key
        if r.status == "fallback":
            assert r.message, key                             # the reason the offline text stands in


# -- CLI --------------------------------------------------------------------------------
def test_cli_draft_offline_then_validate(tmp_path, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    out = tmp_path / "d.yaml"
    runner = CliRunner()
    r = runner.invoke(app, ["draft", str(EXAMPLE), "--provider", "offline", "--out", str(out), "--redraft-human"])
    assert r.exit_code == 0, r.output
    assert "离线起草" in r.output
    r = runner.invoke(app, ["validate", str(out)])
    assert r.exit_code == 0, r.output
    assert list(load_report(out).sections) == ["overall", "active_disclosure", "applications",
                                               "review_litigation", "problems", "other"]


def test_cli_draft_keeps_human_text_by_default(tmp_path, monkeypatch):
    """The issue's acceptance command as written; a person's sections are kept and said so."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    out = tmp_path / "d.yaml"
    runner = CliRunner()
    r = runner.invoke(app, ["draft", str(EXAMPLE), "--provider", "offline", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "人工撰写，保留原文" in r.output
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    drafted, original = load_report(out), load_report(EXAMPLE)
    assert drafted.sections["overall"].text == original.sections["overall"].text
    assert drafted.sections["applications"].text == ""                      # no lead-in unless asked for


def test_cli_draft_with_model_from_environment(tmp_path, monkeypatch):
    out = tmp_path / "d.yaml"
    with ReplayServer("good") as srv:
        monkeypatch.setenv("OPENAI_BASE_URL", srv.url)
        monkeypatch.setenv("OPENAI_API_KEY", "k")
        monkeypatch.setenv("DRAFTING_MODEL", "replay-model")
        r = CliRunner().invoke(app, ["draft", str(EXAMPLE), "--out", str(out), "--section", "applications",
                                     "--section", "overall", "--redraft-human"])
    assert r.exit_code == 0, r.output
    assert "模型 replay-model" in r.output and "tokens" in r.output
    rep = load_report(out)
    assert rep.sections["applications"].provenance.model == "replay-model"
    assert rep.sections["problems"].provenance is None          # not asked for, left as it was


def test_cli_draft_bad_input(tmp_path, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    runner = CliRunner()
    r = runner.invoke(app, ["draft", str(tmp_path / "none.yaml"), "--out", str(tmp_path / "d.yaml")])
    assert r.exit_code == 2 and "找不到文件" in r.output
    r = runner.invoke(app, ["draft", str(EXAMPLE), "--out", str(tmp_path / "d.yaml"), "--section", "summary"])
    assert r.exit_code == 2 and "未知的部分" in r.output
    r = runner.invoke(app, ["draft", str(EXAMPLE), "--out", str(tmp_path / "d.yaml"), "--provider", "openai",
                            "--base-url", "https://api.deepseek.com/v1", "--model", "deepseek-chat"])
    assert r.exit_code == 2 and "密钥" in r.output


def test_revision_of_a_drafted_section_works_on_its_slots(example):
    """A drafted section is revised in its slot form; sentences outside the instruction stay."""
    drafted = draft_report(example, provider_from_settings(kind="offline"), sections=["applications"]).report

    def handler(body):
        user = body["messages"][-1]["content"]
        original = user.split("原正文：\n", 1)[1]
        return {"content": original.replace("具体情况见下表。", "详见下表。")}

    with ReplayServer(handler=handler) as srv:
        res = revise_section(drafted, "applications", "把最后一句改短", provider(srv))
        sent = srv.requests[0]["messages"][-1]["content"]
    assert "{t3.received}" in sent and "{keep." not in sent
    assert res.text == "2024年，我局共收到政府信息公开申请23件，办结22件。详见下表。"
    assert res.changed == [("具体情况见下表。", "详见下表。")]
    assert res.slot_text.startswith("{year}年") and res.status == "ok"


def test_repeated_runs_against_one_server(example):
    """The app drafts, revises and drafts again in one process, each run in its own event loop;
    a shared async HTTP client bound to the first loop made the second run fail after errors."""
    failing = {"label": "scripted", "exchanges": [{"match": {}, "responses": [{"status": 502, "error": "x"}]}]}
    with ReplayServer(failing) as srv:
        p = provider(srv)
        first = draft_report(example, p, sections=["applications", "overall"])
        with pytest.raises(ProviderError) as err:
            revise_section(first.report, "applications", "改简洁", p)
    assert all(s.status == "fallback" for s in first.sections.values())
    assert "502" in str(err.value) and "Event loop" not in str(err.value)
    with ReplayServer("good") as srv:
        p = provider(srv)
        again = [draft_report(example, p, sections=["applications"]) for _ in range(2)]
    assert all(r.sections["applications"].status == "ok" for r in again)


def test_revision_may_not_drop_figures_unasked(example):
    """Asked to reword, a model that drops a figure is sent back; the figure returns."""
    original = "2024年，本局因政府信息公开工作被申请行政复议{keep.1}件，其中结果维持{keep.2}件、尚未审结{keep.3}件；被提起行政诉讼{keep.4}件，法院判决维持原行政行为。"
    dropped = "2024年，本局因政府信息公开工作被申请行政复议，其中结果维持{keep.2}件、尚未审结{keep.3}件；被提起行政诉讼{keep.4}件，法院判决维持原行政行为。"
    fx = {"label": "scripted", "exchanges": [
        {"match": {"contains": ["经校验发现下列问题"]}, "responses": [{"content": original.replace("法院判决", "人民法院判决")}]},
        {"match": {"contains": ["按照编辑的修改意见"]}, "responses": [{"content": dropped}]}]}
    with ReplayServer(fx) as srv:
        res = revise_section(example, "review_litigation", "把“法院”改为“人民法院”", provider(srv))
        sent = srv.requests[-1]["messages"][-1]["content"]
    assert "G006" in sent and "{keep.1}" in sent
    assert res.rounds == 1 and res.status == "ok"
    assert "被申请行政复议2件" in res.text and "人民法院判决" in res.text
