"""Conversation → facts: what the clerk says about the year, filed by aspect, plus questions.

Offline, drafting.engine.speech reads the account by rule. With a model, the model files the
account into statements (aspect, statement, the clerk's clause); code then checks each one
against the conversation: the clause must be the clerk's words, and every figure, date, 文号
and title in the statement must be in that clause (a figure said somewhere else in the account
does not count). The model may sort and phrase; it may not supply.

The provider reads the account: a model through structured output (with the fallbacks of
openai_compat.py), the offline provider through :func:`offline_extract`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import BaseModel, Field

from .. import secrets
from ..facts import ASPECT_BY_KEY, CONTACT, OTHER_ITEMS, TOPIC_BY_KEY, Fact, Facts, known_aspect, label_of, part_of
from ..model import Figure, Report
from .concrete import mask_names, quantities, spans
from .phrasing import self_ref
from .provider import Provider, ProviderError
from .speech import Heard, read_account, split_sentences
from .topics import Question, questions

MAX_CONVERSATION = 20000
MAX_QUESTIONS = 6
ASPECT_KEYS = tuple(list(TOPIC_BY_KEY) + list(ASPECT_BY_KEY) + list(CONTACT))


class ItemOut(BaseModel):
    aspect: str = Field(description="方面的键，只能取提示中列出的键之一")
    text: str = Field(description="公文表述，不写主语；数字、约数（余、约、近、超）、日期、名称照原话写，不增不改")
    clause: str = Field(description="用户的原话，逐字照抄（一句或一个分句）")
    status: str = Field(default="", description="仅上年度问题：已整改、整改中或未整改")
    subject: str = Field(default="", description="仅上年度问题：上年度报告提出的是什么问题")


class FactsOut(BaseModel):
    """年度政府信息公开工作情况"""
    items: list[ItemOut]
    follow_up: list[str] = Field(default_factory=list)


@dataclass
class Extraction:
    """What one turn of the chat added: the merged facts, what was filed where, what was not
    taken and why (Chinese), and the questions to ask next."""
    facts: Facts
    added: list[tuple[str, Fact]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)

    @property
    def messages(self) -> list[str]:
        return self.dropped + [f"关于「{q.label}」：{q.text}" for q in self.questions]


# -- figures of a statement ------------------------------------------------------------------
def _key(base: str, used: set[str]) -> str:
    k = re.sub(r"[^a-z0-9_]+", "_", (base or "").lower()).strip("_") or "item"
    if not k[0].isalpha():
        k = "f_" + k
    cand, n = k, 1
    while cand in used:
        n += 1
        cand = f"{k}_{n}"
    used.add(cand)
    return cand


def _label(text: str, start: int, end: int) -> str:
    """What a figure counts: the object after it (2个短视频), else the phrase before it."""
    after = re.match(r"[\u4e00-\u9fff“”A-Za-z]{2,12}", text[end:])
    if after and not re.match(r"(?:左右|以上|的|，)", after.group()):
        return after.group()
    left = max(text.rfind(p, 0, start) for p in "，,；;、") + 1
    return text[left:start].strip("，,、 ") or text[max(0, start - 8):start]


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans where a number is part of a name, a date, a title or a quotation, not a figure."""
    out = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”|《[^》]*》|〔[^〕]*〕[^，。；]{0,6}号", text)]
    out += [(s.start, s.end) for s in spans(text) if s.kind in ("date", "docno", "title")]
    out += [(m.start(), m.end()) for m in re.finditer(r"(?:19|20)\d{2}\s*年", text)]
    masked = mask_names(text)
    out += [(m.start(), m.end()) for m in re.finditer(r"#+", masked)]
    return out


@dataclass(frozen=True)
class FigureSpan:
    start: int          # the part a data slot stands for (approximation included)
    end: int
    value: Decimal
    unit: str
    approx: str
    label: str


def figure_spans(text: str) -> list[FigureSpan]:
    """The figures of a statement, in a fixed order (quantities, then bare digits): the same
    order in which :func:`figures_of` records them, so a statement's figure keys can be laid
    back onto its text as data slots."""
    prot = _protected(text)
    inside = lambda a: any(s <= a < e for s, e in prot)   # noqa: E731
    out: list[FigureSpan] = []
    for q in quantities(text):
        if q.kind == "ordinal" or inside(q.start) or inside(q.num_end - 1):
            continue
        out.append(FigureSpan(q.num_start, q.num_end, q.value, q.unit, q.approx, _label(text, q.start, q.end)))
    taken = [(f.start, f.end) for f in out]
    for m in re.finditer(r"\d+(?:\.\d+)?", text):
        if inside(m.start()) or any(s <= m.start() < e for s, e in taken):
            continue
        unit = text[m.end():m.end() + 1]
        unit = unit if re.match(r"[\u4e00-\u9fff%]", unit) and unit not in "年月日的是和及与或" else ""
        out.append(FigureSpan(m.start(), m.end(), Decimal(m.group()), unit, "",
                              _label(text, m.start(), m.end() + len(unit))))
    return out


def figures_of(text: str, aspect: str, clause: str, used: set[str], source: str) -> list[Figure]:
    """Every figure in a statement, as Figure records tied to the statement's clause."""
    base = aspect.replace(".", "_")
    return [Figure(key=_key(base, used), label=f.label, value=f.value, unit=f.unit, approx=f.approx, aspect=aspect,
                   clause=clause, source=source) for f in figure_spans(text)]


def slot_form(text: str, keys: list[str], facts: Facts) -> str:
    """A statement with its figures written as data slots ({fact.key}), for drafting.

    A figure whose value no longer matches the text (someone edited one of them) stays as
    written, so the mismatch is visible to the checks instead of silently changed."""
    out, last = [], 0
    for span, key in sorted(zip(figure_spans(text), keys), key=lambda p: p[0].start):
        fig = facts.figure(key)
        if fig is None or fig.value != span.value or span.start < last:
            continue
        out.append(text[last:span.start])
        out.append("{fact." + key + "}")
        last = span.end
    out.append(text[last:])
    return "".join(out)


def _fact(h: Heard, source: str) -> Fact:
    return Fact(text=h.text, clause=h.clause, source=source, status=h.status, subject=h.subject, none=h.none)


def file_statement(facts: Facts, aspect: str, fact: Fact) -> bool:
    """Add a statement and its figures; False when the same statement is already filed."""
    if not facts.add(aspect, fact):
        return False
    if fact.text and not fact.none:
        used = {f.key for f in facts.figures}
        figs = figures_of(fact.text, aspect, fact.clause, used, fact.source)
        fact.figures = [f.key for f in figs]
        facts.figures.extend(figs)
    if not fact.none:
        # Something said about an item drops an earlier 无 for it.
        items = facts.get(aspect, [])
        facts.notes[aspect] = [f for f in items if not f.none] or items
    return True


def mark_none(facts: Facts, keys: list[str] | tuple[str, ...] | str) -> Facts:
    """Record that items do not apply this year (the draft writes 无 for them), in one step.

    ``keys``: item keys (fees, work_points, proposals, innovation …) or ``"other"`` for every
    item of 「六」 that nothing is known about yet. Returns a new Facts; the input is unchanged.
    """
    out = facts.model_copy(deep=True)
    if isinstance(keys, str):
        keys = [k for k in OTHER_ITEMS if k != "other" and not out.get(k)] if keys == "other" else [keys]
    for k in keys:
        if not known_aspect(k):
            raise ValueError(f"未知的事项：{k}")
        if not any(f.text for f in out.get(k, [])):
            out.notes[k] = [Fact(text="", none=True, source="人工")]
    return out


# -- the form: one text box per part ----------------------------------------------------------
def part_text(facts: Facts, part: str) -> str:
    """A part's statements, one a line, for a text box (its aspects included)."""
    return "\n".join(f.text for items in facts.under(part).values() for f in items if f.text)


def edit_part(facts: Facts, part: str, text: str) -> Facts:
    """The facts after a person edited a part's text box: unchanged lines keep their aspect,
    clause and figures; new lines are filed by their words (source 表单); removed lines go, with
    the figures only they carried. Returns a new Facts."""
    out = facts.model_copy(deep=True)
    lines = [x.strip() for x in (text or "").splitlines() if x.strip()]
    old = out.under(part)
    kept: dict[str, list[Fact]] = {}
    dropped_keys: set[str] = set()
    for key, items in old.items():
        for f in items:
            if f.text in lines:
                kept.setdefault(key, []).append(f)
            else:
                dropped_keys |= set(f.figures)
        del out.notes[key]
    have = {f.text for items in kept.values() for f in items}
    from .speech import _classify
    for line in lines:
        if line in have:
            continue
        aspect = _classify(line, part) if part in ("active", "applications", "management", "platform",
                                                   "supervision") else None
        key = aspect if aspect and aspect.startswith(part + ".") else part
        fact = Fact(text=line, source="表单")
        kept.setdefault(key, []).append(fact)
        have.add(line)
    for key, items in kept.items():
        for f in items:
            if not f.figures and f.source == "表单":
                used = {g.key for g in out.figures}
                figs = figures_of(f.text, key, f.text, used, "表单")
                f.figures = [g.key for g in figs]
                out.figures.extend(figs)
        out.notes[key] = items
    still = {k for items in out.groups().values() for f in items for k in f.figures}
    out.figures = [g for g in out.figures if g.key not in dropped_keys or g.key in still]
    # A form line without figures is written as a plain line in the file (short form).
    return out


# -- checking a model's statements against the conversation -------------------------------------
def _plain(s: str) -> str:
    return re.sub(r"[\s，,。．.；;：:、！!？?“”\"'（）()《》〈〉]", "", s or "")


def _said_in(clause: str, conversation: str) -> bool:
    c = _plain(clause)
    return bool(c) and c in _plain(conversation)


def check_item(text: str, clause: str) -> str | None:
    """Why a statement is not supported by its clause, or None: every figure (with its
    approximation), date, 文号 and title of the statement must be in the clause itself."""
    said = [(q.value, q.unit) for q in quantities(clause) if q.kind != "ordinal"]
    said_approx = {(q.value, q.unit): q.approx for q in quantities(clause)}
    for q in quantities(text):
        if q.kind == "ordinal":
            continue
        if (q.value, q.unit) not in said and q.value not in [v for v, _ in said]:
            return f"数字「{q.text}」在原话中没有出现"
        want = said_approx.get((q.value, q.unit), "")
        if {"多": "余", "来": "约"}.get(want, want) != q.approx and (want or q.approx):
            return f"「{q.text}」与原话中的约数说法不一致"
    plain = _plain(clause)
    for s in spans(text):
        if s.kind in ("date", "docno", "title") and _plain(s.text) not in plain:
            return f"「{s.text}」在原话中没有出现"
    return None


def _model_items(out: FactsOut, conversation: str, report: Report) -> tuple[list[tuple[str, Fact]], list[str]]:
    from ..injection import instruction_like
    taken, dropped = [], []
    for it in out.items:
        text, clause = (it.text or "").strip(), (it.clause or "").strip()
        if not text or instruction_like(text) or instruction_like(clause):
            continue
        if not _said_in(clause, conversation):
            dropped.append(f"「{text}」找不到对应的原话，未采用。")
            continue
        why = check_item(text, clause)
        if why:
            dropped.append(f"「{text}」：{why}，未采用。")
            continue
        aspect = it.aspect if it.aspect in ASPECT_KEYS else "other"
        status = it.status if it.status in ("已整改", "整改中", "未整改") else ""
        taken.append((aspect, Fact(text=text, clause=clause, source="模型", status=status,
                                   subject=(it.subject or "").strip() if aspect == "last_year_followup" else "")))
    return taken, dropped


# -- the entry points ---------------------------------------------------------------------------
def extract(report: Report, conversation: str, provider: Provider, aspect: str | None = None) -> Extraction:
    """Read one turn of the chat; the report is not modified (assign ``report.facts``).

    ``aspect``: the part or aspect the clerk was just asked about (from :func:`questions`);
    what cannot be filed by its own words goes there.
    """
    from ..injection import instruction_like
    conversation = (conversation or "").strip()
    if not conversation:
        raise ProviderError("请先输入本年度工作情况的描述。")
    if len(conversation) > MAX_CONVERSATION:
        raise ProviderError(f"描述过长（{len(conversation)} 字），请分段输入，每段不超过 {MAX_CONVERSATION} 字。")
    dropped: list[str] = []
    # Instructions smuggled into the account of the year are not facts: dropped, and said so.
    plain = []
    for sentence in split_sentences(conversation):
        if instruction_like(sentence):
            dropped.append(f"「{sentence.strip()}」像是给系统的指令，不作为工作情况记录。")
        else:
            plain.append(sentence)
    text = "。".join(plain)
    facts = report.facts.model_copy(deep=True)
    added: list[tuple[str, Fact]] = []
    if text:
        if provider.is_offline:
            # The rule-based reading keeps each statement with its clause itself.
            items = [(h.aspect, _fact(h, "对话")) for h in read_account(text, self_ref(report), aspect)]
        else:
            out = provider.read_facts(report, text, aspect)
            items, why = _model_items(out, text, report)
            dropped += why
        for key, fact in items:
            if file_statement(facts, key, fact):
                added.append((key, fact))
    tmp = report.model_copy(update={"facts": facts})
    # A key a server echoed never reaches the report or the screen.
    return Extraction(facts, added, [secrets.redact(d) for d in dropped], questions(tmp, MAX_QUESTIONS))


def extract_facts(report: Report, conversation: str, provider: Provider,
                  aspect: str | None = None) -> tuple[Facts, list[str]]:
    """``(merged facts, messages)``: what was not taken and why, then the follow-up questions.

    The report is not modified: assign ``report.facts = facts`` to keep the result.
    """
    ex = extract(report, conversation, provider, aspect)
    return ex.facts, ex.messages


def follow_up_questions(report: Report) -> list[str]:
    return [f"关于「{q.label}」：{q.text}" for q in questions(report, MAX_QUESTIONS)]


def aspect_menu() -> str:
    """The aspect keys a model may file under, one a line, for the facts prompt."""
    lines = []
    for t in TOPIC_BY_KEY.values():
        lines.append(f"{t.key}：{t.label}")
        for a in ASPECT_BY_KEY.values():
            if a.part == t.key:
                lines.append(f"  {a.key}：{t.label}·{a.label}")
    lines += [f"{k}：{label_of(k)}（用于报告开头的说明）" for k in CONTACT]
    return "\n".join(lines)


# -- a person's figure in prose, confirmed ------------------------------------------------------
def confirm_figure(report: Report, section: str, quote: str, occurrence: int = 0) -> Figure:
    """Record a number a person wrote into a section as a fact (source 人工), in one step.

    ``quote`` is the quantity as written (a finding's quote, e.g. ``8次``); the figure keeps the
    clause it stands in. Mutates ``report.facts`` and returns the new figure.
    """
    text = report.section_text(section)
    found = [q for q in quantities(text) if q.text == quote or text[q.start:q.end] == quote
             or q.text.endswith(quote) or quote.endswith(q.text)]
    if len(found) <= occurrence:
        raise ValueError(f"正文中找不到「{quote}」。")
    q = found[occurrence]
    left = max(text.rfind(p, 0, q.start) for p in "。；;\n") + 1
    right = min([i for i in (text.find(p, q.end) for p in "。；;\n") if i >= 0] or [len(text)])
    clause = text[left:right].strip()
    part = {"overall": "active", "problems": "problems", "other": "other"}.get(section, section)
    from .speech import _classify
    aspect = _classify(clause, None) or part
    used = {f.key for f in report.facts.figures}
    fig = Figure(key=_key("confirmed", used), label=_label(text, q.start, q.end), value=q.value, unit=q.unit,
                 approx=q.approx, aspect=aspect, clause=clause, source="人工")
    report.facts.figures.append(fig)
    return fig


def facts_prompt_inputs(report: Report, conversation: str, aspect: str | None = None) -> dict:
    """The inputs of the facts prompt: the account, the aspects a statement may be filed under, the
    agency's self-reference, and the part or aspect the clerk was just asked about."""
    return {"conversation": conversation, "year": report.meta.year, "aspects": aspect_menu(),
            "me": self_ref(report).this, "asked": label_of(aspect) if aspect else ""}


def offline_extract(conversation: str, report: Report | None = None, aspect: str | None = None) -> FactsOut:
    """The rule-based reading (drafting.engine.speech) in the shape a model answers in."""
    from ..model import Meta
    rep = report or Report(meta=Meta(agency="本机关", year=2000))
    items = [ItemOut(aspect=h.aspect, text=h.text, clause=h.clause, status=h.status, subject=h.subject)
             for h in read_account(conversation, self_ref(rep), aspect) if h.text]
    return FactsOut(items=items, follow_up=[])


__all__ = ["Extraction", "FactsOut", "ItemOut", "aspect_menu", "check_item", "confirm_figure", "edit_part", "extract",
           "extract_facts", "figures_of", "file_statement", "follow_up_questions", "mark_none", "part_of", "part_text"]
