"""Which facts each narrative section draws on, which are missing, and what to ask.

The catalogue of parts and aspects lives in drafting.facts; this module adds what drafting
and the chat need: the usable statements and figures of a part, where a legacy figure (one
without an aspect) belongs, which aspects a report cannot do without, and the follow-up
questions for exactly those that nobody has spoken about yet.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..facts import (ASPECT_BY_KEY, ASPECTS, OTHER_ITEMS, TOPIC_BY_KEY, TOPICS, Fact, Topic, label_of,
                     part_of)
from ..model import Figure, Level, Report

# Topics not every report has: last year's follow-up (a first report has none) and 其他.
OPTIONAL = frozenset({"last_year_followup", "other"})
TOPIC_KEYS = tuple(t.key for t in TOPICS)


def required(t: Topic) -> bool:
    """A draft without this topic carries a 【待补充】 placeholder."""
    return t.key not in OPTIONAL


def topic(key: str) -> Topic:
    return TOPIC_BY_KEY[key]


def topics_for(section: str) -> tuple[Topic, ...]:
    return tuple(t for t in TOPICS if t.section == section)


# Where a figure typed on a form (no aspect recorded) belongs, by words of its label; first
# match wins, so the specific topics come before the broad 主动公开.
_FIGURE_TOPICS = (
    ("proposals", r"建议|提案"),
    ("fees", r"信息处理费"),
    ("last_year_followup", r"整改|核查|巡查"),
    ("applications", r"申请"),
    ("supervision", r"培训|指导|考核|督查|检查|评议|问责"),
    ("active", r"公开|解读|发布|新闻|访谈|发布会"),
    ("platform", r"栏目|平台|网站|新媒体|公众号"),
    ("management", r"清理|审查|审核|目录|指南"),
)


def figure_topic(f: Figure) -> str:
    """The part a figure belongs to: its recorded aspect's part, else by the words of its label."""
    if f.aspect:
        return part_of(f.aspect)
    for key, pattern in _FIGURE_TOPICS:
        if re.search(pattern, f.label):
            return key
    return "supervision"


def _usable(f: Fact) -> bool:
    from ..injection import instruction_like
    return bool(f.text and f.text.strip()) and not instruction_like(f.text)


def facts_of(report: Report, part: str) -> dict[str, list[Fact]]:
    """A part's usable statements by aspect (the part's own key first, then in drafting order).

    Text that reads like an instruction to the system (提示词注入) is data nobody may act on,
    so it is left out."""
    out = {}
    for key, items in report.facts.under(part).items():
        kept = [f for f in items if _usable(f) or f.none]
        if kept:
            out[key] = kept
    return out


def usable_notes(report: Report, key: str) -> list[str]:
    """The texts of a part's (or one aspect's) statements that can go into a draft."""
    if key in ASPECT_BY_KEY:
        return [f.text.strip() for f in report.facts.get(key, []) if _usable(f)]
    return [f.text.strip() for items in facts_of(report, key).values() for f in items if _usable(f)]


def linked_figures(report: Report) -> set[str]:
    """Keys of figures a statement carries in its text."""
    return {k for items in report.facts.groups().values() for f in items for k in f.figures}


def figures_by_topic(report: Report) -> dict[str, list[Figure]]:
    """Figures that no statement carries (typed on a form), by part."""
    from ..injection import instruction_like
    linked = linked_figures(report)
    out: dict[str, list[Figure]] = {}
    last = None
    for f in report.facts.figures:
        if instruction_like(f.label) or f.key in linked:
            continue
        # "其中…" is a part of the figure before it and goes where that one goes.
        t = last if (f.label.startswith("其中") and last) else figure_topic(f)
        out.setdefault(t, []).append(f)
        last = t
    return out


def has(report: Report, key: str) -> bool:
    """Whether anything is known about a part or aspect (statements, figures, or 无)."""
    if key in ASPECT_BY_KEY:
        if report.facts.get(key):
            return True
        return any(f.aspect == key for f in report.facts.figures)
    return bool(report.facts.under(key)) or bool(figures_by_topic(report).get(key)) \
        or any(f.aspect and part_of(f.aspect) == key for f in report.facts.figures)


def missing_topics(report: Report, sections: tuple[str, ...] | None = None) -> list[Topic]:
    """Required parts with neither statements nor figures: each is a 【待补充】 in a draft."""
    out = []
    for t in TOPICS:
        if not required(t) or (sections and t.section not in sections):
            continue
        if t.key == "applications" and report.tables.get("applications") is not None:
            if not has(report, t.key) and _table_filled(report):
                continue          # the tables say what was received and answered
        if not has(report, t.key):
            out.append(t)
    return out


def _table_filled(report: Report) -> bool:
    from ..metrics import compute
    m = compute(report).get("t3.received")
    return m is not None and m.value is not None


def government(report: Report) -> bool:
    return report.meta.level == Level.government


def required_aspects(report: Report) -> list[str]:
    """Aspects a report of this level is expected to speak about (条例第五十条 for governments)."""
    out = []
    for a in ASPECTS:
        if a.need == "all" or (a.need == "government" and government(report)):
            out.append(a.key)
    return out


@dataclass(frozen=True)
class Question:
    """A follow-up question about one part or aspect that nobody has spoken about yet."""
    aspect: str
    label: str
    text: str


def questions(report: Report, limit: int | None = None) -> list[Question]:
    """What to ask next, walking the report's aspects in order: each part with nothing said
    about it; within a part already spoken about, the aspects this level must cover; then 五
    and 六. Never asks about something the facts already hold (or an item marked 无)."""
    qs: list[Question] = []
    for t in TOPICS:
        if t.key in OPTIONAL:
            continue
        if not has(report, t.key):
            if t.key == "applications" and _table_filled(report):
                # 表三 says how many; what is missing is how they were handled.
                a = ASPECT_BY_KEY["applications.process"]
                qs.append(Question(a.key, a.label, a.question))
                continue
            qs.append(Question(t.key, t.label, t.question))
            continue
        if t.section == "overall":
            for key in required_aspects(report):
                if part_of(key) == t.key and not has(report, key):
                    a = ASPECT_BY_KEY[key]
                    qs.append(Question(key, a.label, a.question or f"{a.label}方面做了哪些工作？"))
    return qs[:limit] if limit else qs


def aspect_table(report: Report) -> list[dict]:
    """One row per part and aspect for a page that shows what is known: key, label, section,
    how many statements, whether it is required, whether it is marked 无."""
    rows = []
    req = set(required_aspects(report))
    for t in TOPICS:
        rows.append({"key": t.key, "label": t.label, "section": t.section, "level": 0,
                     "count": len(report.facts.get(t.key, [])), "required": required(t),
                     "none": any(f.none for f in report.facts.get(t.key, [])), "filled": has(report, t.key)})
        for a in ASPECTS:
            if a.part != t.key:
                continue
            rows.append({"key": a.key, "label": a.label, "section": t.section, "level": 1,
                         "count": len(report.facts.get(a.key, [])), "required": a.key in req,
                         "none": False, "filled": has(report, a.key)})
    return rows


__all__ = ["OPTIONAL", "Question", "TOPIC_KEYS", "aspect_table", "facts_of", "figure_topic", "figures_by_topic",
           "has", "label_of", "missing_topics", "questions", "required", "required_aspects", "topic", "topics_for",
           "usable_notes", "OTHER_ITEMS"]
