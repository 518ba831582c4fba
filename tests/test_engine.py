"""Drafting engine without a model: slots, checks, the offline drafter, prompts, provider settings."""
from __future__ import annotations

import re
import shutil

import pytest

from drafting.engine import ProviderError, draft_report, offline_section, provider_from_env, provider_from_settings
from drafting.engine.chains import clean_output, section_inputs
from drafting.engine.offline import offline_slot_text
from drafting.engine.prompts import PROMPTS_DIR, load_prompt
from drafting.engine.slots import check_slot_text, fill_slots, protect_numbers
from drafting.io import dumps_report, loads_report
from drafting.metrics import compute
from drafting.model import Facts, Level, Section
from drafting.numbers import find_numbers
from drafting.validator import has_errors, validate

OFFLINE = provider_from_settings(kind="offline")


def codes(findings):
    return sorted({f.code for f in findings})


# -- offline drafter ------------------------------------------------------------
def test_offline_draft_of_example_validates_clean(example):
    res = draft_report(example, OFFLINE, lead_ins=True)
    assert list(res.report.sections) == list(example.template.section_keys)
    assert res.findings == [], [(f.code, f.message) for f in res.findings]
    for key, s in res.sections.items():
        assert s.status == "ok" and s.text.strip(), key
        prov = res.report.sections[key].provenance
        assert prov.origin == "offline" and prov.template and "{" in prov.template
        assert re.fullmatch(r"offline@[0-9a-f]{12}", prov.prompt)
        assert fill_slots(prov.template, example) == res.report.sections[key].text
    # The input report is left as it was.
    assert example.sections["active_disclosure"].text == ""


def test_lead_ins_are_not_written_unless_asked(example):
    """Real reports print tables 二、三、四 without a lead-in: by default only 一、五、六 are drafted."""
    res = draft_report(example, OFFLINE)
    assert set(res.sections) == {"overall", "problems", "other"}
    assert res.report.sections["active_disclosure"].text == ""
    asked = draft_report(example, OFFLINE, sections=["applications"])
    assert "具体情况见下表" in asked.report.sections["applications"].text


def test_offline_figures_come_from_tables_and_facts(example):
    """Every quantity the offline drafter writes is a metric or fact of the report."""
    values = {m.value for m in compute(example).values() if m.value is not None}
    for key in example.template.section_keys:
        for m in find_numbers(offline_section(example, key)):
            assert m.value in values, (key, m.text)


def test_offline_missing_facts_become_placeholders(example):
    example.facts = Facts()
    res = draft_report(example, OFFLINE, sections=["overall", "problems", "other"])
    text = res.report.sections["overall"].text
    assert "【待补充：政府信息管理方面的具体工作】" in text
    assert "【待补充：本年度是否收取信息处理费】" in res.report.sections["other"].text
    assert "Y001" in codes(res.findings)
    # Without facts no figure appears that the tables do not hold.
    table_values = {m.value for m in compute(example).values() if m.value is not None}
    assert all(m.value in table_values for m in find_numbers(text))


def test_offline_2019_seed_drafts_what_it_can(seed):
    res = draft_report(seed, OFFLINE, lead_ins=True)
    assert res.sections["review_litigation"].status == "skipped"      # no 表四 in the seed
    assert "【待补充" in res.report.sections["overall"].text
    assert "2019年" in res.report.sections["overall"].text
    # The 2019 template has no fixed items for 六; with no facts the section says so.
    assert res.report.sections["other"].text == "本年度本局无其他需要报告的事项。"


def test_government_report_asks_for_assessment_results(example):
    example.meta.level = Level.government
    example.meta.agency = "青禾市云溪区人民政府"
    text = offline_section(example, "overall")
    assert "【待补充：工作考核、社会评议、责任追究结果情况】" in text
    assert "本级政府" not in text and text.startswith("2024年，我区")      # a 区政府 writes 我区


def test_locked_section_is_never_overwritten(example):
    example.sections["problems"] = Section(text="本部分由人工撰写。", locked=True)
    res = draft_report(example, OFFLINE)
    assert res.sections["problems"].status == "locked"
    assert res.report.sections["problems"].text == "本部分由人工撰写。"
    assert res.report.sections["problems"].locked


def test_keep_human_leaves_written_sections(example):
    res = draft_report(example, OFFLINE, keep_human=True, lead_ins=True)
    assert res.sections["overall"].status == "skipped"
    assert res.report.sections["overall"].text == example.sections["overall"].text
    assert res.sections["applications"].status == "ok"          # was empty: drafted
    again = draft_report(res.report, OFFLINE, keep_human=True, lead_ins=True)   # drafted text is not "human"
    assert again.sections["applications"].status == "ok"


def test_unknown_section_is_refused(example):
    with pytest.raises(ProviderError, match="未知的部分"):
        draft_report(example, OFFLINE, sections=["summary"])


def test_provenance_round_trips_through_yaml(example):
    res = draft_report(example, OFFLINE, sections=["overall"])
    again = loads_report(dumps_report(res.report))
    assert again.sections["overall"].provenance == res.report.sections["overall"].provenance
    assert again.sections["problems"].provenance is None


# -- slots and checks -------------------------------------------------------------
def test_fill_slots(example):
    assert fill_slots("共收到申请{t3.received}件，{year}年", example) == "共收到申请23件，2024年"
    assert fill_slots("{t3.nonexistent}", example) == "{t3.nonexistent}"
    example.tables["applications"]["new_received"] = {c: None for c in example.tables["applications"]["new_received"]}
    assert fill_slots("{t3.received}", example).startswith("【待补充：一、本年新收政府信息公开申请数量")


@pytest.mark.parametrize("text, code", [
    ("共收到申请{t3.recieved}件。", "G001"),
    ("共收到申请25件。", "G002"),
    ("组织培训两次。", "G002"),
    ("共收到申请{t3.received}件，办结率98.5%。", "G002"),
    ("兴庆区人社局通过多种形式公开信息。", "G003"),
    ("2023年，本局共收到申请{t3.received}件。", "G004"),
    ("部分：四、政府信息公开行政复议、行政诉讼情况\n可用数据槽：\n{t4.review_total}：行政复议总计", "G005"),
    ("校验发现的问题：\n1. [G002] 正文直接写出了数字。", "G005"),
])
def test_slot_text_violations(example, text, code):
    assert code in codes(check_slot_text(text, example, "overall"))


@pytest.mark.parametrize("text, why", [
    ("本局共收到申请{t3.received}件。具体情况见下表。得以\n</caption>", "标记"),
    ("本局共收到申请{t3.received}件。に向け", "外文或乱码"),
    ("本局共收到申请{t3.received}件。menneskeuser", "外文或乱码"),
    ("（一）存在的主要问题\n本局公开工作还存在一些不足之处。\n（一）存在的主要问题\n本局公开工作还存在一些不足之处。", "重复"),
    ("請起草「五、存在的主要问题及改进情况」正文。", "复述"),
])
def test_unusable_answers(example, text, why):
    found = [f for f in check_slot_text(text, example, "problems") if f.code == "G005"]
    assert found and why in found[0].message


def test_copying_the_few_shot_example_is_unusable(example):
    spec = load_prompt("problems")
    copied = spec.examples[0][1]
    examples = tuple(a for _, a in spec.examples)
    assert "G005" in codes(check_slot_text(copied, example, "problems", examples=examples))
    own = offline_slot_text(example, "problems")
    assert check_slot_text(own, example, "problems", examples=examples) == []


def test_slots_of_another_section_are_refused(example):
    from drafting.engine.chains import section_slot_keys
    allowed = section_slot_keys(example, "active_disclosure")
    found = check_slot_text("{year}年，本局共收到申请{t3.received}件。", example, "active_disclosure", allowed=allowed)
    assert [f.code for f in found] == ["G001"] and "未列出" in found[0].message
    assert check_slot_text("{year}年，本局作出行政许可决定{t2.licensing.decisions}件。", example,
                           "active_disclosure", allowed=allowed) == []


def test_slot_text_allows_sourced_dates_titles_document_numbers(example):
    """Dates, 文号 and titles are fine where the facts, the template or last year's report hold them."""
    from drafting.model import Fact
    example.facts.notes["work_points"].append(Fact(text="3月印发《2024年政务公开工作要点》任务分解表"))
    text = ("{year}年3月，本局依照《条例》第二十条和国办公开办函〔2021〕30号要求，落实《2024年政务公开工作要点》，"
            "共收到申请{t3.received}件，第3季度办结{t3.handled}件；本局还通过区政府网站、12345热线和H5页面公开信息。")
    assert check_slot_text(text, example, "overall") == []


@pytest.mark.parametrize("invented", ["依据〔2024〕17号文件", "落实《青禾市政务公开工作规范》", "3月15日组织专题培训",
                                      "{year}年3月15日组织专题培训", "开展“政务开放日”活动"])
def test_unsourced_dates_titles_and_names_are_caught(example, invented):
    found = check_slot_text(f"{{year}}年，本局{invented}。", example, "overall")
    assert [f.code for f in found] == ["G007"], found


@pytest.mark.parametrize("typed", ["组织培训十余次", "发布信息近千条", "群众满意率达百分之百", "编印第12期简报",
                                   "公开信息7700余条", "办结率98.5%", "发放问卷约300份"])
def test_typed_figures_in_any_form_are_caught(example, typed):
    found = check_slot_text(f"{{year}}年，本局{typed}。", example, "overall")
    assert "G002" in codes(found), typed


def test_revision_that_swaps_figures_is_caught():
    from drafting.engine.slots import moved_slots
    old = "本局共收到申请{keep.1}件，办结{keep.2}件。"
    assert moved_slots(old, "本局共收到申请{keep.2}件，办结{keep.1}件。") == ["keep.1", "keep.2"]
    assert moved_slots(old, "全年本局共受理申请{keep.1}件，已全部办结{keep.2}件。") == []


def test_next_year_allowed_only_where_plans_belong(example):
    assert check_slot_text("2025年，本局将继续做好公开工作。", example, "problems") == []
    assert "G004" in codes(check_slot_text("2025年，本局公开了信息。", example, "overall"))


def test_unrepaired_figures_become_marks():
    from drafting.engine.draft import _mark_stray_numbers
    out = _mark_stray_numbers("{year}年3月，本局共收到申请25件，培训两次，依照〔2021〕30号和第3条，办结{t3.handled}件。")
    assert out == ("{year}年3月，本局共收到申请【待核实：无数据来源的数字“25”】件，培训【待核实：无数据来源的数字“两”】次，"
                   "依照〔2021〕30号和第3条，办结{t3.handled}件。")


def test_protect_numbers_round_trip(example):
    text = example.sections["overall"].text
    slot_text, keep = protect_numbers(text, example)
    assert not re.search(r"\d+\s*(?:条|件|篇|次)", slot_text)
    assert fill_slots(slot_text, example, keep) == text
    assert check_slot_text(slot_text, example, "overall", set(keep)) == []


def test_clean_output_strips_chat_wrapping():
    raw = "好的！\n以下是为您起草的正文：\n```\n## 一、总体情况\n**本局**认真落实。\n- 一是公开信息。\n```\n希望对您有帮助。"
    assert clean_output(raw) == "本局认真落实。\n一是公开信息。"
    assert clean_output("<think>先想想</think>本局认真落实。") == "本局认真落实。"


# -- prompts ----------------------------------------------------------------------
def test_every_task_prompt_loads_and_renders(example):
    for task in ("overall", "lead_in", "problems", "other", "repair", "revise", "facts"):
        spec = load_prompt(task)
        assert re.fullmatch(rf"{task}@[0-9a-f]{{12}}", spec.version)
    for key in ("overall", "active_disclosure", "problems", "other"):
        task = {"active_disclosure": "lead_in"}.get(key, key)
        msgs = load_prompt(task).chat_prompt().invoke(section_inputs(example, key)).to_messages()
        assert msgs[0].content.startswith("# 公文文风要求")
        # Slots are named, their values are not given.
        user = msgs[-1].content
        assert "{year}" in user
        assert "486" not in user and "1268" not in user
        assert all(isinstance(m.content, str) for m in msgs)


def test_prompt_version_changes_with_the_file(tmp_path):
    for p in PROMPTS_DIR.iterdir():
        shutil.copy(p, tmp_path / p.name)
    v1 = load_prompt("overall", str(tmp_path)).version
    (tmp_path / "style.md").write_text((tmp_path / "style.md").read_text("utf-8") + "\n9. 补充要求。", "utf-8")
    load_prompt.cache_clear()
    assert load_prompt("overall", str(tmp_path)).version != v1


# -- providers --------------------------------------------------------------------
def test_provider_settings():
    assert provider_from_settings().is_offline
    assert provider_from_settings(model="gpt-4o-mini").is_offline               # no key: offline
    p = provider_from_settings("http://127.0.0.1:11434/v1", "qwen2.5:7b")         # local server needs no key
    assert p.kind == "openai" and p.token_kwargs() == {"extra_body": {"max_tokens": 1500}}
    p = provider_from_settings(None, None, "sk-x")
    assert p.model == "gpt-4o-mini" and p.token_kwargs() == {"max_tokens": 1500}
    p = provider_from_settings("https://api.deepseek.com/v1", "deepseek-chat", "sk-x", max_tokens=800)
    assert p.token_kwargs() == {"extra_body": {"max_tokens": 800}}
    with pytest.raises(ProviderError, match="未指定模型名称"):
        provider_from_settings("https://api.deepseek.com/v1", "", "sk-x")
    with pytest.raises(ProviderError, match="http"):
        provider_from_settings("ftp://example", "m", "k")
    with pytest.raises(ProviderError, match="密钥"):
        provider_from_settings("https://api.deepseek.com/v1", "deepseek-chat", None, kind="openai")
    with pytest.raises(ProviderError, match="未知的模型提供方"):
        provider_from_settings(kind="anthropic")


def test_provider_from_env(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1")
    monkeypatch.setenv("DRAFTING_MODEL", "qwen-plus")
    p = provider_from_env()
    assert (p.kind, p.model, p.base_url) == ("openai", "qwen-plus", "https://dashscope.aliyuncs.com/compatible-mode/v1")
    assert provider_from_env(model="qwen-max").model == "qwen-max"
    assert provider_from_env("offline").is_offline
    monkeypatch.setenv("DRAFTING_STRUCTURED", "json_mode")
    monkeypatch.setenv("DRAFTING_MAX_TOKENS", "900")
    p = provider_from_env()
    assert (p.settings.structured, p.settings.max_tokens) == ("json_mode", 900)
    monkeypatch.setenv("DRAFTING_STRUCTURED", "xml")
    with pytest.raises(ProviderError, match="DRAFTING_STRUCTURED"):
        provider_from_env()
    monkeypatch.delenv("DRAFTING_STRUCTURED")
    monkeypatch.delenv("OPENAI_API_KEY")
    assert provider_from_env().is_offline


def test_offline_text_has_no_engine_violations(example, seed):
    for rep in (example, seed):
        for key in rep.template.section_keys:
            slot_text = offline_slot_text(rep, key)
            if slot_text:
                assert check_slot_text(slot_text, rep, key) == [], key
    assert not has_errors(validate(draft_report(example, OFFLINE).report))


def test_keys_are_redacted_from_error_messages():
    import openai
    from drafting.engine.provider import describe_error
    provider_from_settings("https://api.example.cn/v1", "m", "key-zzzz-123456")
    err = openai.APIStatusError("bad key key-zzzz-123456 and sk-abcdefghijkl", response=__import__("httpx").Response(
        500, request=__import__("httpx").Request("POST", "https://api.example.cn/v1")), body=None)
    msg = describe_error(err)
    assert "key-zzzz-123456" not in msg and "sk-abcdefghijkl" not in msg and "［密钥已隐去］" in msg
