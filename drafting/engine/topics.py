"""Which facts each narrative section draws on, and which are missing.

The topics themselves (keys, labels, sections, questions) live in drafting.facts; this module
adds what drafting needs: where a figure belongs and which topics a draft cannot do without.
"""
from __future__ import annotations

import re

from ..facts import TOPICS, Topic
from ..model import Figure, Report


# Topics not every report has: last year's follow-up (a first report has none) and 其他.
OPTIONAL = frozenset({"last_year_followup", "other"})


def required(t: Topic) -> bool:
    """A draft without this topic carries a 【待补充】 placeholder."""
    return t.key not in OPTIONAL


TOPIC_KEYS = tuple(t.key for t in TOPICS)


def topic(key: str) -> Topic:
    for t in TOPICS:
        if t.key == key:
            return t
    raise KeyError(key)


def topics_for(section: str) -> tuple[Topic, ...]:
    return tuple(t for t in TOPICS if t.section == section)


# Which topic a user's figure belongs to, by words of its label; first match wins, so the
# specific topics come before the broad 主动公开.
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
    for key, pattern in _FIGURE_TOPICS:
        if re.search(pattern, f.label):
            return key
    return "supervision"


def usable_notes(report: Report, key: str) -> list[str]:
    """A topic's notes that can go into a draft: text that reads like an instruction to the
    system (提示词注入) is data nobody may act on, so it is left out."""
    from ..injection import instruction_like
    return [n.strip() for n in report.facts.notes.get(key, []) if n and n.strip() and not instruction_like(n)]


def figures_by_topic(report: Report) -> dict[str, list[Figure]]:
    from ..injection import instruction_like
    out: dict[str, list[Figure]] = {}
    last = None
    for f in report.facts.figures:
        if instruction_like(f.label):
            continue
        # "其中…" is a part of the figure before it and goes where that one goes.
        t = last if (f.label.startswith("其中") and last) else figure_topic(f)
        out.setdefault(t, []).append(f)
        last = t
    return out


def missing_topics(report: Report, sections: tuple[str, ...] | None = None) -> list[Topic]:
    """Required topics with neither notes nor figures: each will be a 【待补充】 in a draft."""
    figs = figures_by_topic(report)
    out = []
    for t in TOPICS:
        if not required(t) or (sections and t.section not in sections):
            continue
        if not usable_notes(report, t.key) and not figs.get(t.key):
            out.append(t)
    return out
