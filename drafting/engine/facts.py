"""Conversation → facts: what the user says about the year becomes Report.facts, plus questions.

The provider reads the account (a model through structured output, with the fallbacks of
openai_compat.py; offline, :func:`offline_extract`). A figure whose value the user never said is
dropped: the model may sort facts, not supply them.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from pydantic import BaseModel, Field

from .. import secrets
from ..model import Facts, Figure, Report
from ..numbers import find_numbers, normalise, split_sentences
from .provider import Provider, ProviderError
from .topics import TOPIC_KEYS, figure_topic, missing_topics

MAX_CONVERSATION = 20000
MAX_QUESTIONS = 6


class FigureOut(BaseModel):
    key: str = Field(description="英文小写加下划线，如 trainings")
    label: str = Field(description="这项数据是什么，不含数字")
    value: float
    unit: str


class NoteOut(BaseModel):
    topic: str = Field(description="方面：" + "、".join(TOPIC_KEYS))
    statement: str


class FactsOut(BaseModel):
    """年度政府信息公开工作情况"""
    figures: list[FigureOut]
    notes: list[NoteOut]
    follow_up: list[str]


def _said_values(text: str) -> set[Decimal]:
    vals = {m.value for m in find_numbers(text)}
    for m in re.finditer(r"\d+(?:\.\d+)?", normalise(text)):
        try:
            vals.add(Decimal(m.group()))
        except InvalidOperation:
            pass
    return vals


def _key(raw: str, used: set[str]) -> str:
    k = re.sub(r"[^a-z0-9_]+", "_", (raw or "").lower()).strip("_") or "item"
    if not k[0].isalpha():
        k = "f_" + k
    base, n = k, 2
    while k in used:
        k, n = f"{base}_{n}", n + 1
    used.add(k)
    return k


def merge(facts: Facts, out: FactsOut, conversation: str) -> tuple[Facts, list[str]]:
    """Existing facts plus the extracted ones; returns (facts, notes on what was dropped)."""
    from ..injection import instruction_like
    dropped: list[str] = []
    # Instructions smuggled into the account of the year are not facts: they are dropped, and said
    # so; a figure that only such a sentence states is not taken either.
    plain = []
    for _, sentence in split_sentences(conversation):
        if instruction_like(sentence):
            dropped.append(f"「{sentence.strip()}」像是给系统的指令，不作为工作情况记录。")
        else:
            plain.append(sentence)
    said = _said_values("".join(plain))
    figures = [f.model_copy() for f in facts.figures]
    used = {f.key for f in figures}
    for f in out.figures:
        if instruction_like(f.label):
            continue
        try:
            value = Decimal(str(f.value)).normalize()
        except InvalidOperation:
            continue
        if value not in said:
            dropped.append(f"「{f.label}」的数值 {value} 在叙述中没有出现，未采用。")
            continue
        label = re.sub(r"\d+(?:\.\d+)?", "", f.label).strip("：:，, ")
        if not label:
            continue
        same = next((g for g in figures if g.label == label), None)
        if same:
            same.value, same.unit = value, f.unit
            continue
        figures.append(Figure(key=_key(f.key, used), label=label, value=value, unit=f.unit.strip()))
    notes = {k: list(v) for k, v in facts.notes.items()}
    for n in out.notes:
        topic = n.topic if n.topic in TOPIC_KEYS else "other"
        s = n.statement.strip()
        if instruction_like(s):
            continue
        if s and s not in notes.setdefault(topic, []):
            notes[topic].append(s)
    return Facts(figures=figures, notes=notes), dropped


def follow_up_questions(report: Report, model_questions: list[str] | None = None) -> list[str]:
    """Questions for what the sections still need: the model's first, then each missing topic."""
    qs: list[str] = []
    for q in (model_questions or []):
        q = q.strip()
        if q and q not in qs:
            qs.append(q)
    for t in missing_topics(report, ("overall", "problems", "other")):
        if not any(t.label in q for q in qs):
            qs.append(f"关于「{t.label}」：{t.question}")
    return qs[:MAX_QUESTIONS]


def extract_facts(report: Report, conversation: str, provider: Provider) -> tuple[Facts, list[str]]:
    """Read what the user says about the year; return (merged facts, follow-up questions).

    The report is not modified: assign ``report.facts = facts`` to keep the result. Figures
    whose value does not occur in ``conversation`` are not taken over (a question says so).
    Offline, a simple rule-based reading sorts sentences by topic and takes figures with units.
    """
    conversation = (conversation or "").strip()
    if not conversation:
        raise ProviderError("请先输入本年度工作情况的描述。")
    if len(conversation) > MAX_CONVERSATION:
        raise ProviderError(f"描述过长（{len(conversation)} 字），请分段输入，每段不超过 {MAX_CONVERSATION} 字。")
    out = provider.read_facts(report, conversation)     # offline: offline_extract below
    facts, dropped = merge(report.facts, out, conversation)
    tmp = report.model_copy(update={"facts": facts})
    qs = follow_up_questions(tmp, out.follow_up)
    return facts, [secrets.redact(q) for q in dropped + qs]     # the CLI and the app print these


_NOTE_TOPICS = (
    ("fees", r"信息处理费"), ("proposals", r"建议|提案"), ("problems", r"问题|不足|差距|薄弱"),
    ("measures", r"下一步|将进一步|今后|计划"), ("last_year_followup", r"整改"),
    ("work_points", r"工作要点"), ("innovation", r"创新|首创|率先"), ("applications", r"申请|答复"),
    ("platform", r"网站|平台|栏目|专栏|新媒体|公众号"), ("management", r"保密审查|属性|清理|发布审核|源头认定"),
    ("supervision", r"培训|考核|监督|领导小组|评议|督查"), ("active", r"公开|解读|发布"),
)


def offline_extract(conversation: str) -> FactsOut:
    """Rule-based reading for the offline mode: each sentence to a topic, figures with units."""
    figures: list[FigureOut] = []
    notes: list[NoteOut] = []
    for _, sentence in split_sentences(conversation):
        s = sentence.strip().rstrip("。！？!?；;")
        if not s:
            continue
        mentions = [m for m in find_numbers(s) if not m.is_percent]
        if mentions:
            for i, m in enumerate(mentions):
                start = mentions[i - 1].end if i else 0
                label = re.sub(r"^[，,、；;和及并]+|^(?:今年|本年度?|全年|我们|我局|本局|共)+", "", s[start:m.start]).strip("，,、 ")
                if label:
                    f = Figure(key="x", label=label, value=m.value, unit=m.unit)
                    figures.append(FigureOut(key=figure_topic(f) + "_figure", label=label, value=float(m.value),
                                             unit=m.unit))
            continue
        topic = next((k for k, p in _NOTE_TOPICS if re.search(p, s)), "other")
        notes.append(NoteOut(topic=topic, statement=s))
    return FactsOut(figures=figures, notes=notes, follow_up=[])
