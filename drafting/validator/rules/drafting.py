"""Drafting checks: what the drafting engine found in generated text, shown on 校验 as well.

A section written by a model or by the offline drafter keeps its slot form (``provenance.
template``). These rules read it: the findings still open after the repair rounds (待人工核实,
stored in the provenance), and whether the text is still what its slot form fills to.
The checks themselves live with the engine (drafting.engine.checks, .slots, .sources), which
checks a model's text before a person ever sees it; these rules only read what it recorded.
"""
from __future__ import annotations

import re

from ..core import Context, Finding, rule

GENERATED = ("generated", "revised", "offline")


def _generated(ctx: Context):
    for key, sec in ctx.report.sections.items():
        p = sec.provenance
        if p is not None and p.origin in GENERATED and sec.text.strip():
            yield key, sec, p


def _open_findings(ctx: Context):
    """What the engine left open after its repair rounds (provenance.findings, "Gxxx 说明")."""
    for key, sec, p in _generated(ctx):
        seen = set()
        for line in p.findings:
            code, _, message = line.partition(" ")
            if message and (code, message) not in seen:
                seen.add((code, message))
                yield key, code, message, None


@rule("G009", "drafting-open", "error", "drafting",
      "起草时发现、仍待人工核实的问题在校验中同样列出",
      "模型写了“组织培训十余次”，修改两轮后仍未改正，正文中标为【待核实】")
def drafting_open(ctx: Context):
    """A generated section whose drafting checks (G001–G008) still found something after the repair
    rounds: what the model could not get right, stored with the section as 待人工核实. The 起草 page
    shows them; 校验 and the export gate must too, or a person who never opens 起草 would not see
    them.

    Fix: correct the text (figures only from the tables and facts, particulars only with a source),
    or draft the section again."""
    for key, code, message, quote in _open_findings(ctx):
        yield ctx.finding(f"{code} {message}（起草时发现，待人工核实）", section=key, quote=quote,
                          fix="核实后修改正文：数字只能来自统计表和工作情况，日期、文号、名称须有出处。")


def _masked(text: str) -> str:
    return re.sub(r"\d+(?:\.\d+)?", "#", text)


@rule("G010", "stale-figures", "error", "drafting",
      "生成的正文中的数字与当前的统计表和工作情况一致",
      "起草后把表三本年新收改为25，正文仍写“共收到政府信息公开申请23件”")
def stale_figures(ctx: Context):
    """A generated section whose words are as drafted but whose figures are not what its data
    slots give today: the tables or the facts changed after drafting, and the text did not.

    Fix: draft the section again (its figures are refilled), or edit it by hand."""
    from ...metrics import fill_slots
    for key, sec, p in _generated(ctx):
        if not p.template:
            continue
        now = fill_slots(p.template, ctx.report)
        if now != sec.text and _masked(now) == _masked(sec.text):
            yield ctx.finding(f"「{ctx.section_title(key)}」起草后统计表或工作情况有改动，正文中的数字已与数据不一致。",
                              section=key, fix="重新起草该部分（数字按现有数据重新填入），或人工核改。")


@rule("G011", "edited-unrecorded", "warning", "drafting",
      "生成的正文在起草后被改动时记为人工修改", "报告文件中直接改写了模型起草的段落，修改记录仍是“模型起草”")
def edited_unrecorded(ctx: Context):
    """A generated section whose wording is no longer what was drafted, without being recorded
    as a person's edit (e.g. the report file was edited by hand). Its figures are then no longer
    known to come from the data.

    Fix: save the edit through the app (recorded as 人工修改) or draft again."""
    from ...metrics import fill_slots
    for key, sec, p in _generated(ctx):
        if not p.template:
            continue
        now = fill_slots(p.template, ctx.report)
        if now != sec.text and _masked(now) != _masked(sec.text):
            yield ctx.finding(f"「{ctx.section_title(key)}」的正文与起草结果不同，但没有记为人工修改。", section=key,
                              fix="确认改动后在应用中保存（记为人工修改），或重新起草。")


__all__ = ["Finding"]
