"""What goes into the prompts and what comes out of the model, for sections, repairs and revisions.

The chain itself (prompt | ChatOpenAI | StrOutputParser) is built by the openai provider
(openai_compat.py). The inputs of every prompt are built here from the report: the data slots a section may use
(names and meanings, not values), the user's notes per topic, the headings the template asks
for. Parsing strips what chat models add around a section (fences, 以下是…, Markdown).
"""
from __future__ import annotations

import re

from ..model import Report
from .offline import self_name
from .prompts import PromptSpec, load_prompt
from .slots import describe_slots, slot_infos
from .topics import TOPICS, figures_by_topic, required, topics_for, usable_notes

SECTION_TASK = {"overall": "overall", "problems": "problems", "other": "other",
                "active_disclosure": "lead_in", "applications": "lead_in", "review_litigation": "lead_in"}
# The slots each section's prompt lists: whole tables for the lead-ins, the headline figures
# for 一、总体情况 (the full 表四 breakdown there would only cost tokens).
SLOT_PREFIXES = {
    "overall": ("t3.received", "t3.carried_over", "t3.handled", "t3.carry_forward", "t3.granted", "t3.partial",
                "t3.denied", "t3.unable", "t3.not_processed", "t3.other_handling", "t3.natural_person",
                "t3.legal_person", "t4.review_total", "t4.litigation_total"),
    "active_disclosure": ("t2.",),
    "applications": ("t3.received", "t3.carried_over", "t3.handled", "t3.carry_forward", "t3.granted",
                     "t3.partial", "t3.denied", "t3.unable", "t3.not_processed", "t3.other_handling",
                     "t3.natural_person", "t3.legal_person"),
    "review_litigation": ("t4.",),
    "problems": (),
    "other": (),
}


def _fact_slots(report: Report, section: str) -> tuple[str, ...]:
    from .context import section_fact_slots
    return section_fact_slots(report, section)


def section_slots(report: Report, section: str) -> str:
    prefixes = SLOT_PREFIXES.get(section, ()) + _fact_slots(report, section)
    if not prefixes:
        return "（无）"
    return describe_slots(report, prefixes)


def section_slot_keys(report: Report, section: str) -> set[str]:
    """The slots listed in this section's prompt: the only ones its text may use."""
    prefixes = SLOT_PREFIXES.get(section, ()) + _fact_slots(report, section)
    return {s.key for s in slot_infos(report, prefixes)} if prefixes else set()


def section_notes(report: Report, section: str, previous: Report | None = None) -> str:
    lines = []
    figs = figures_by_topic(report)
    for t in topics_for(section):
        notes = usable_notes(report, t.key)
        fig_names = [f"{f.label}（用数据槽 {{fact.{f.key}}}）" for f in figs.get(t.key, [])]
        if notes or fig_names:
            lines.append(f"{t.label}：" + "；".join(notes + fig_names))
        elif t.key == "last_year_followup" and previous is not None and previous.section_text("problems"):
            lines.append(f"{t.label}：上年度报告所列问题如下，本年整改情况不明的写【待补充：整改情况】——"
                         + previous.section_text("problems").replace("\n", " ")[:400])
        elif required(t):
            lines.append(f"{t.label}：（无材料，写【待补充：{t.label}方面的具体工作】）")
        else:
            lines.append(f"{t.label}：（无材料，不写）")
    return "\n".join(lines)


def section_inputs(report: Report, key: str, previous: Report | None = None) -> dict:
    tpl = report.template
    spec = tpl.section(key)
    subsections = list(spec.subsections) or [f"（{'一二三四五'[i]}）{t.label}" for i, t in enumerate(topics_for("overall"))]
    from .offline import _item_title
    items = [f"（{'一二三四五六'[i]}）{_item_title(x)}" for i, x in enumerate(spec.expected_items[:4])] if key == "other" else []
    from .context import prompt_context
    return {
        **prompt_context(report, key, previous),
        "agency": report.meta.agency,
        "me": self_name(report),
        "template_title": f"{tpl.format_title}（{tpl.document_no}）",
        "section_title": spec.title,
        "slots": section_slots(report, key),
        "notes": section_notes(report, key, previous),
        "subsections": subsections,
        "items": items,
        "government": report.meta.level.value == "人民政府",
        "topics": TOPICS,
    }


def section_prompt(key: str) -> PromptSpec:
    return load_prompt(SECTION_TASK[key])


_FENCE = re.compile(r"^```[a-zA-Z]*\s*$|^```\s*$", re.M)
_INTRO = re.compile(r"^\s*(?:好的[，,！!。]?|以下是[^\n]{0,40}[：:]|下面是[^\n]{0,40}[：:]|修改后的[^\n]{0,20}[：:])\s*$")
_OUTRO = re.compile(r"^\s*(?:希望|如需|如有需要|以上(?:内容|正文)?(?:仅供参考|为))[^\n]*$")
_HEADING = re.compile(r"^\s*(?:#{1,6}\s*)?(?:[一二三四五六]、)\s*(?:总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|"
                      r"政府信息公开行政复议、行政诉讼情况|(?:政府信息公开工作)?存在的主要问题及改进情况|其他需要报告的事项)\s*$")


def clean_output(text: str) -> str:
    """Strip what a chat model wraps around a section; never touches the wording inside."""
    text = text.replace("\r\n", "\n")
    text = re.sub(r"<think>.*?</think>", "", text, flags=re.S)     # reasoning models (DeepSeek-R1, Qwen3)
    text = _FENCE.sub("", text)
    lines = [ln.rstrip() for ln in text.split("\n")]
    while lines and (not lines[0].strip() or _INTRO.match(lines[0]) or _HEADING.match(lines[0])):
        lines.pop(0)
    while lines and (not lines[-1].strip() or _OUTRO.match(lines[-1])):
        lines.pop()
    out = []
    for ln in lines:
        if not ln.strip():
            continue
        ln = re.sub(r"\*\*([^*\n]+)\*\*", r"\1", ln)                 # **bold**
        ln = re.sub(r"^\s{0,3}#{1,6}\s+", "", ln)                     # ## heading
        ln = re.sub(r"^\s*[-*+•]\s+", "", ln)                         # - bullet
        out.append(ln.strip())
    return "\n".join(out)
