"""Check fixtures as data: a small vocabulary of edits applied to a base report.

A fixture (in drafting/validator/fixtures/<CODE>.yaml or a relation entry of the format data) is a
mapping; ``fires`` says whether the check must report something, and ``severity`` (when given) the
severity its findings must have, for a rule that reports the uncertain cases as warnings. The
edits, applied in this order:

- ``meta``: fields of meta to set (``year``, ``template``, ``agency`` …)
- ``cells``: ``{"table.row.col": value}`` (null makes a cell 未填)
- ``add``: ``{"table.row.col": delta}`` adds to a cell (so one fixture fits both templates' bases)
- ``clear_rows``: ``["table.row"]`` — the row present but with no cells
- ``drop_tables``: table keys whose table is absent (None)
- ``drop_sections``: section keys removed; ``order``: the section keys in a new order
- ``text``: ``{section: text}`` replaces a section's text (``preamble`` is the 导语)
- ``append``: ``{section: text}`` adds a paragraph
- ``replace``: ``[[section, old, new], …]`` replaces the first occurrence (old must be present)
- ``heading``: ``{section: heading as written}``
- ``problems``: read problems (``{code, table, row, col}``) as ingest records them
- ``facts``: ``{figures: [...], notes: {...}}`` replaces the facts
- ``previous``: last year's report: the base one year earlier with these same edits applied
  (``{}`` for an unchanged copy); absent means no previous report
- ``draft``: for drafting checks, ``{section, text, allowed: [slot keys], kept: [slot keys],
  original: slot form before a revision}``: a model's answer with its slots, checked against the
  (edited) base report
- ``generated``: ``{section: {template, findings: ["Gxxx 说明"], text}}`` — a section as the
  drafting engine leaves it: its text filled from ``template`` (or ``text`` as given, for a text
  changed since) with a provenance recording the slot form and the findings left open
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..model import Facts, ReadProblem, Report, Section


@dataclass
class DraftInput:
    section: str
    text: str
    allowed: set[str] | None = None
    kept: set[str] = field(default_factory=set)
    original: str | None = None


@dataclass
class Built:
    report: Report
    previous: Report | None = None
    draft: DraftInput | None = None


def _edit(rep: Report, case: dict) -> None:
    if case.get("meta"):
        rep.meta = type(rep.meta).model_validate({**rep.meta.model_dump(), **case["meta"]})
    for ref, value in (case.get("cells") or {}).items():
        table, row, col = ref.split(".")
        rep.tables[table].setdefault(row, {})[col] = value
    for ref, delta in (case.get("add") or {}).items():
        table, row, col = ref.split(".")
        rep.tables[table][row][col] = (rep.tables[table][row].get(col) or 0) + delta
    for ref in case.get("clear_rows") or ():
        table, row = ref.split(".")
        rep.tables[table][row] = {}
    for key in case.get("drop_tables") or ():
        rep.tables[key] = None
    for key in case.get("drop_sections") or ():
        rep.sections.pop(key, None)
    if case.get("order"):
        rep.sections = {k: rep.sections[k] for k in case["order"] if k in rep.sections}
    for key, text in (case.get("text") or {}).items():
        if key == "preamble":
            rep.preamble = text
        else:
            rep.sections.setdefault(key, Section()).text = text
    for key, text in (case.get("append") or {}).items():
        if key == "preamble":
            rep.preamble = (rep.preamble or "") + text
        else:
            sec = rep.sections.setdefault(key, Section())
            sec.text = (sec.text + "\n" + text) if sec.text else text
    for key, old, new in case.get("replace") or ():
        current = rep.preamble if key == "preamble" else rep.sections[key].text
        if old not in (current or ""):
            raise ValueError(f"fixture replace: {old!r} not in {key}")
        if key == "preamble":
            rep.preamble = current.replace(old, new, 1)
        else:
            rep.sections[key].text = current.replace(old, new, 1)
    for key, heading in (case.get("heading") or {}).items():
        rep.sections[key].heading = heading
    for p in case.get("problems") or ():
        rep.problems.append(ReadProblem(message=p.get("message", "数字连写，无法唯一确定。"),
                                        **{k: v for k, v in p.items() if k != "message"}))
    if "facts" in case:
        rep.facts = Facts.model_validate(case["facts"] or {})
    for key, g in (case.get("generated") or {}).items():
        from ..metrics import fill_slots
        from ..model import Provenance
        sec = rep.sections.setdefault(key, Section())
        sec.text = g.get("text") or fill_slots(g["template"], rep)
        sec.provenance = Provenance(origin="generated", model="fixture", template=g["template"],
                                    needs_review=bool(g.get("findings")), findings=list(g.get("findings") or ()))


def build(case: dict, load_base: Callable[[str], Report]) -> Built:
    """The report (and last year's, and a model's answer) a fixture describes."""
    base = case.get("base", "example")
    rep = load_base(base)
    _edit(rep, case)
    previous = None
    if "previous" in case:
        previous = load_base(base)
        previous.meta.year = previous.meta.year - 1
        _edit(previous, case["previous"] or {})
    draft = None
    if case.get("draft"):
        d = case["draft"]
        draft = DraftInput(d["section"], d["text"],
                           set(d["allowed"]) if d.get("allowed") is not None else None,
                           set(d.get("kept") or ()), d.get("original"))
    return Built(rep, previous, draft)


def run(code: str, case: dict, load_base: Callable[[str], Report]) -> list:
    """The findings of check ``code`` on the input a fixture describes."""
    from .core import RULES, Context, _load
    _load()
    if code not in RULES:                 # a drafting check: registered by the engine
        from ..engine import checks  # noqa: F401
    r = RULES[code]
    built = build(case, load_base)
    if r.stage == "draft":
        from ..engine.checks import DraftContext
        d = built.draft
        if d is None:
            raise ValueError(f"fixture of drafting check {code} has no draft")
        return list(r.func(DraftContext(built.report, d.section, d.text, d.allowed, kept=d.kept,
                                        previous=built.previous, original=d.original)) or ())
    ctx = Context(built.report, built.previous)
    ctx._current = r
    return list(r.func(ctx) or ())
