"""Facts by aspect: the typed statements, the questions the chat asks, the form, a person's figure
confirmed, and reading a clerk's spoken words offline."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from drafting.cli import app
from drafting.engine import provider_from_settings
from drafting.engine.facts import check_item, confirm_figure, edit_part, extract, mark_none, part_text
from drafting.engine.phrasing import SelfRef
from drafting.engine.speech import read_account
from drafting.engine.topics import aspect_table, questions
from drafting.facts import Fact, Facts
from drafting.io import dumps_report, load_report, loads_report, save_report
from drafting.model import Level, empty_report
from drafting.validator import validate

from .conftest import EXAMPLE

OFFLINE = provider_from_settings(kind="offline")
BUREAU = SelfRef("我局", "本局", "县教育局", "", False)


def heard(text: str, ref: SelfRef = BUREAU) -> list[tuple[str, str]]:
    return [(h.aspect, h.text) for h in read_account(text, ref)]


@pytest.mark.parametrize("said, aspect, written", [
    ("今年我们在网站上公开了信息7700余条。", "active.volume", "在网站公开信息7700余条"),
    ("政策解读我们出了18篇，有图文的、有H5，还有两个短视频。", "active.interpretation", "发布政策解读18篇，包括图文、H5和2个短视频"),
    ("12345热线转过来的诉求有300来件，都办结了。", "platform.hotline", "12345热线转办的诉求约300件，均已办结"),
    ("7月份开了一场新闻发布会。", "active.press", "7月召开新闻发布会"),
    ("局里开了两次培训，参加的有80多人次。", "supervision.training", "组织培训2次，参训80余人次"),
    ("信息处理费今年没收。", "fees", "本年度未收取信息处理费"),
])
def test_a_clause_keeps_its_figures_and_loses_its_speech(said, aspect, written):
    assert heard(said) == [(aspect, written)]


def test_framing_is_dropped_and_good_practice_is_not_a_problem():
    got = heard("今年主要做了这么几件事。信息管理刚才说过了，就是发布前都要三级审核。问题嘛，主要是解读形式单一。"
                "发现问题及时整改，定期研判热点问题。下一步我们准备多搞一些视频解读。")
    assert ("management.review", "发布前均须经三级审核") in got
    assert ("problems", "解读形式单一") in got
    assert ("measures", "增加视频解读") in got
    assert not [t for a, t in got if a == "problems" and "整改" in t]
    assert not [t for _, t in got if any(w in t for w in ("刚才", "就是", "我们", "这么几件事", "搞"))]


def test_last_years_problem_with_its_status():
    [h] = read_account("去年报告里提的专栏更新不及时的问题，今年已经整改到位了。", BUREAU)
    assert (h.aspect, h.subject, h.status) == ("last_year_followup", "专栏更新不及时", "已整改")


def test_self_reference_normalised_by_level():
    gov = SelfRef("我县", "本县", "县政府", "全县", True)
    assert heard("我们县的政务新媒体有42个。", gov) == [("platform.new_media", "我县的政务新媒体42个")]


def test_statements_keep_their_clause_and_round_trip_through_the_file(example):
    ex = extract(example, "今年我们在网站上公开了信息7700余条。", OFFLINE)
    fact = ex.facts.notes["active.volume"][0]
    assert fact.clause == "今年我们在网站上公开了信息7700余条" and fact.source == "对话"
    fig = ex.facts.figure(fact.figures[0])
    assert (fig.value, fig.unit, fig.approx, fig.aspect, fig.said) == (7700, "条", "余", "active.volume", "7700余")
    example.facts = ex.facts
    assert loads_report(dumps_report(example)).facts == example.facts
    # A statement typed on a form stays a plain line in the file.
    assert "- 政务公开纳入科室年度考核\n" in dumps_report(example)


def test_questions_ask_only_for_what_is_missing():
    rep = empty_report("某县人民政府", 2025, Level.government)
    asked = {q.aspect for q in questions(rep)}
    assert {"active", "management", "platform", "supervision", "problems", "measures", "fees"} <= asked
    rep.facts = extract(rep, "今年组织培训2次。网站专栏改版了一次。", OFFLINE).facts
    asked = {q.aspect for q in questions(rep)}
    assert "supervision" not in asked and "platform" not in asked and "platform.website" not in asked
    # A government reports 考核、评议、追究: asked for within the part already spoken about.
    assert {"supervision.assessment", "supervision.evaluation", "supervision.accountability"} <= asked
    # An answer to a question goes where it was asked, even in words no aspect knows.
    rep.facts = extract(rep, "按季度通报一次。", OFFLINE, aspect="supervision.assessment").facts
    assert "supervision.assessment" not in {q.aspect for q in questions(rep)}
    rows = {r["key"]: r for r in aspect_table(rep)}
    assert rows["supervision.training"]["filled"] and rows["supervision.evaluation"]["required"]


def test_items_marked_none_are_not_asked_again(example):
    example.facts = Facts()
    facts = mark_none(example.facts, ["work_points", "innovation"])
    example.facts = facts
    asked = {q.aspect for q in questions(example)}
    assert "work_points" not in asked and "innovation" not in asked and "proposals" in asked
    with pytest.raises(ValueError):
        mark_none(facts, "nonsense")


def test_the_form_keeps_clauses_of_unchanged_lines(example):
    ex = extract(example, "组织政务公开培训4次。", OFFLINE)
    text = part_text(ex.facts, "supervision")
    assert "组织政务公开培训4次" in text
    edited = edit_part(ex.facts, "supervision", text + "\n新增一条要点：开展业务考评")
    kept = next(f for f in edited.notes["supervision.training"] if f.text == "组织政务公开培训4次")
    assert kept.clause == "组织政务公开培训4次" and kept.figures
    removed = edit_part(ex.facts, "supervision", "")
    assert not removed.under("supervision")
    assert not [f for f in removed.figures if f.aspect == "supervision.training"]


@pytest.mark.parametrize("text, clause, ok", [
    ("组织培训2次", "今年开了两次培训", True),
    ("公开信息7700余条", "网站上发了7700多条", True),
    ("组织培训5次", "今年开了两次培训", False),               # a figure the clause does not say
    ("公开信息7700条", "网站上发了7700多条", False),          # the approximation dropped
    ("3月召开发布会", "开了一场发布会", False),               # a date the clause does not say
])
def test_a_model_statement_must_be_supported_by_its_own_clause(text, clause, ok):
    assert (check_item(text, clause) is None) == ok


def test_a_persons_figure_is_a_warning_confirmed_in_one_step(example, tmp_path):
    example.sections["overall"].text += "\n本年度组织开展政务公开专题培训8次。"
    found = [f for f in validate(example) if f.code == "N006"]
    assert found and found[0].severity == "warning"           # not an error: it does not block export
    path = tmp_path / "r.yaml"
    save_report(example, path)
    r = CliRunner().invoke(app, ["confirm", str(path), "--section", "overall", "--quote", found[0].quote])
    assert r.exit_code == 0, r.output
    rep = load_report(path)
    fig = rep.facts.figures[-1]
    assert (fig.value, fig.unit, fig.source) == (8, "次", "人工")
    assert fig.clause == "本年度组织开展政务公开专题培训8次"
    assert not [f for f in validate(rep) if f.code == "N006"]
    with pytest.raises(ValueError):
        confirm_figure(rep, "overall", "99次")


def test_cli_facts_answers_a_question_and_marks_none(tmp_path):
    rep = load_report(EXAMPLE)
    rep.facts = Facts()
    path = tmp_path / "r.yaml"
    save_report(rep, path)
    r = CliRunner().invoke(app, ["facts", str(path), "--text", "按季度通报一次", "--aspect", "supervision.assessment",
                                 "--provider", "offline"])
    assert r.exit_code == 0, r.output
    assert load_report(path).facts.texts("supervision.assessment") == ["按季度通报一次"]
    assert "还需要了解" in r.output and "--aspect" in r.output
    r = CliRunner().invoke(app, ["facts", str(path), "--none", "other"])
    assert r.exit_code == 0, r.output
    assert all(f.none for k in ("fees", "work_points", "proposals", "innovation") for f in load_report(path).facts.get(k))
    r = CliRunner().invoke(app, ["facts", str(path), "--text", "x", "--aspect", "nonsense", "--provider", "offline"])
    assert r.exit_code == 2 and "未知的方面" in r.output


def test_facts_assigned_as_plain_strings_are_statements(example):
    example.facts.notes["other"] = ["一行文字"]
    assert example.facts.get("other") == [Fact(text="一行文字")]
    assert "一行文字" in dumps_report(example)
