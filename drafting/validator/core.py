"""One check registry and the validate() entry point.

Every check — the validator's rules over a report and the drafting checks over a model's answer —
is a small function registered with a stable code, a severity, a group, a one-line Chinese summary
and an example; its docstring says what it catches, why, and what to write instead. Each check has
runnable fixtures (drafting/validator/fixtures/<CODE>.yaml, or the relation entries of the format
data for the table relations): at least one input that must fire and one that must not, pinned by
snapshot in the tests. The README's table and ``drafting rules`` are generated from this registry.
"""
from __future__ import annotations

import inspect
import json
from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal
from importlib import resources
from typing import Any, Callable, Iterable, Iterator, Literal

import yaml

from ..formats import Template
from ..metrics import Metrics
from ..model import Report

SEVERITIES = ("error", "warning", "info")
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
GROUPS = {
    "structure": "结构", "tables": "表格", "narrative": "正文与数据", "identity": "机关与年度",
    "style": "文风", "history": "跨年度", "parse": "读取", "drafting": "起草检查",
}
Severity = Literal["error", "warning", "info"]
Stage = Literal["report", "draft"]


@dataclass
class Finding:
    """One defect, in one shape everywhere: the CLI's JSON, the app, the store and the exports."""
    code: str
    severity: Severity
    message: str
    section: str | None = None      # section key (overall, applications …) or None
    quote: str | None = None        # the text the finding is about, as written
    table: str | None = None
    row: str | None = None
    col: str | None = None
    cell: str | None = None         # the cell named in the template's words
    fix: str | None = None

    def to_dict(self) -> dict:
        """The one JSON shape: every field, null when it does not apply."""
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Finding":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})

    @property
    def location(self) -> str:
        if self.cell:
            return self.cell
        return self.section or ""

    @property
    def key(self) -> str:
        """Stable identity across runs (for dismissals): where it is and what it quotes."""
        return json.dumps([self.section, self.cell, self.quote], ensure_ascii=False)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    group: str
    summary: str
    example: str
    func: Callable[[Any], Iterable[Finding]] = field(compare=False, repr=False)
    stage: Stage = "report"        # report: validate(); draft: checks on a model's answer

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.func) or ""

    @property
    def fixtures(self) -> list[dict]:
        """Inputs that must fire (``fires: true``) and must not (``fires: false``)."""
        return rule_fixtures(self.code)


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str, group: str, summary: str, example: str,
         stage: Stage = "report"):
    """Register a check. ``summary`` and ``example`` are Chinese, one line each."""
    assert severity in SEVERITIES and group in GROUPS, (code, severity, group)

    def deco(fn: Callable[[Any], Iterable[Finding]]):
        if code in RULES:
            raise ValueError(f"duplicate rule code {code}")
        RULES[code] = Rule(code, name, severity, group, summary, example, fn, stage)
        return fn
    return deco


def rule_fixtures(code: str) -> list[dict]:
    """A check's fixtures: its YAML file next to the rules plus, for table relations, the
    ``fixtures`` of every relation of the format data reported under that code."""
    from ..relations import all_relations
    out: list[dict] = []
    f = resources.files("drafting.validator").joinpath(f"fixtures/{code}.yaml")
    if f.is_file():
        out.extend(yaml.safe_load(f.read_text("utf-8")) or [])
    for rel in all_relations():
        if rel.code == code:
            for i, fx in enumerate(rel.fixtures):
                base = "example" if rel.version == "2021" else "example_2019"
                out.append({"name": f"{rel.id}（{rel.version}版）#{i + 1}", "base": base, **fx})
    return out


class _once:
    """A property computed on first use and then kept on the instance, as functools.cached_property
    but without the lock that Python 3.11's takes on every first use (a Context serves one
    validation in one thread; it has some ten such properties per report)."""

    def __init__(self, func: Callable[[Any], Any]):
        self.func = func
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


class Context:
    """What a rule sees: the report, its template, the previous year's report, helpers."""

    def __init__(self, report: Report, previous: Report | None = None):
        self.report = report
        self.previous = previous
        self.template: Template = report.template
        self._current: Rule | None = None

    # -- findings -----------------------------------------------------------
    def finding(self, message: str, **kw) -> Finding:
        r = self._current
        assert r is not None
        return Finding(code=r.code, severity=r.severity, message=message, **kw)

    def cell_finding(self, table: str, row: str, col: str, message: str, fix: str | None = None) -> Finding:
        spec = self.template.tables[table]
        label = spec.cell_label(row, col)
        return self.finding(message, section=table, table=table, row=row, col=col, cell=label, fix=fix)

    def once(self, key: str, make: Callable[["Context"], Any]) -> Any:
        """``make(self)``, made on first use and kept for this validation: what several rules of one
        module share (one scan of the texts for all their words)."""
        memo = self.__dict__.setdefault("_memo", {})
        if key not in memo:
            memo[key] = make(self)
        return memo[key]

    # -- text ---------------------------------------------------------------
    @_once
    def original_texts(self) -> list[tuple[str, str]]:
        """(section key, text as written) for every piece of prose, the preamble first."""
        out = []
        if self.report.preamble:
            out.append(("preamble", self.report.preamble))
        for key, sec in self.report.sections.items():
            if sec.text:
                out.append((key, sec.text))
        return out

    @_once
    def norms(self) -> list[tuple[str, str, "Norm"]]:
        """(section key, text as written, its normalisation), made once for texts, readings and names."""
        from ..claims import normalise
        return [(k, t, normalise(t)) for k, t in self.original_texts]

    @_once
    def texts(self) -> list[tuple[str, str]]:
        """(section key, text) with the one normalisation every check reads through: full-width
        to half-width, zero-width and bidi characters gone, traditional forms of names simplified,
        circled numerals as digits (drafting.claims.text) — so spelling cannot hide a name."""
        return [(k, n.text) for k, _, n in self.norms]

    @_once
    def readings(self) -> dict[str, "Reading"]:
        """Each piece of prose read as claims (drafting.claims), once per validation; offsets and
        quotes are into the text as written."""
        from ..claims import read
        return {k: read(t, n) for k, t, n in self.norms}

    @_once
    def ties(self) -> list[tuple[str, "Tie"]]:
        """(section, tie) for every quantity the lexicon ties to a metric of the tables."""
        from ..claims.lexicon import ties
        year = self.report.meta.year
        return [(k, t) for k, r in self.readings.items() for t in ties(r, year)]

    @_once
    def broken(self) -> dict[str, list["Outcome"]]:
        """The relations of the format data that this report (with last year's) breaks, by the
        rule code they are reported under: evaluated once per validation for all those rules."""
        from ..relations import check
        out: dict[str, list] = {}
        for o in check(self.report, self.previous, broken=True):
            out.setdefault(o.instance.relation.code, []).append(o)
        return out

    @_once
    def metrics(self) -> Metrics:
        """The tables' metrics, each computed when a rule first asks for it."""
        return Metrics(self.report)

    def metric(self, key: str):
        m = self.metrics.get(key)
        return None if m is None else m.value

    @_once
    def _unread(self) -> set[tuple]:
        """(table, row, col) of every cell ingest reported as unreadable; col None for a whole row."""
        return {(p.table, p.row, p.col) for p in self.report.problems if p.code.startswith("P")}

    @property
    def any_unreadable(self) -> bool:
        """Whether ingest reported any cell or row as unreadable."""
        return bool(self._unread)

    def unreadable(self, table: str, row: str, col: str) -> bool:
        """True if ingest reported this cell (or its whole row) as unreadable and it is still blank."""
        unread = self._unread
        if unread and ((table, row, None) in unread or (table, row, col) in unread):
            return self.report.cell(table, row, col) is None
        return False

    def section_title(self, key: str) -> str:
        if key == "preamble":
            return "导语"
        try:
            return self.template.section(key).title
        except KeyError:
            return key


def validate(report: Report, previous: Report | None = None,
             select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> list[Finding]:
    """Run the report rules (all, or those ``select``ed minus those ``ignore``d) and return their
    findings. Codes select by prefix as a linter's do: ``T`` is every table rule, ``T01`` T010–T013."""
    from . import rules  # noqa: F401  (registers the rules)
    ctx = Context(report, previous)
    findings: list[Finding] = []
    for r in _report_rules(tuple(selected_codes(select, ignore)) if select or ignore else None):
        ctx._current = r
        findings.extend(r.func(ctx) or ())
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (order[f.severity], f.code))
    return findings


_ALL_REPORT_RULES: tuple[int, tuple[Rule, ...]] = (-1, ())


def _report_rules(codes: tuple[str, ...] | None) -> tuple[Rule, ...]:
    """The report rules of ``codes`` in order (all when None; that list is made once for as long
    as no check is registered, not on every validation)."""
    global _ALL_REPORT_RULES
    if codes is None:
        if _ALL_REPORT_RULES[0] != len(RULES):
            _ALL_REPORT_RULES = (len(RULES), tuple(RULES[c] for c in selected_codes() if RULES[c].stage == "report"))
        return _ALL_REPORT_RULES[1]
    return tuple(RULES[c] for c in codes if RULES[c].stage == "report")


def selected_codes(select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> list[str]:
    """Registered codes matching ``select`` (prefixes; all when empty) and not ``ignore``; raises
    UnknownCode (with a Chinese message) for a prefix that matches no check."""
    _load()
    codes = sorted(RULES)
    sel = [c.strip().upper() for c in (select or ()) if c.strip()]
    ign = [c.strip().upper() for c in (ignore or ()) if c.strip()]
    for p in sel + ign:
        if not any(c.startswith(p) for c in codes):
            raise UnknownCode(p)
    return [c for c in codes if (not sel or any(c.startswith(p) for p in sel))
            and not any(c.startswith(p) for p in ign)]


class UnknownCode(ValueError):
    def __init__(self, code: str):
        self.code = code
        super().__init__(f"没有代码为「{code}」的检查项（`drafting rules` 列出全部代码）")


def parse_codes(text: str | None) -> list[str]:
    """``--select T,N001`` and repeated options alike."""
    if not text:
        return []
    return [c for c in text.replace("，", ",").replace(" ", ",").split(",") if c]


def _fmt(x) -> str:
    d = Decimal(x)
    return str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")


def _side(spec, prev_spec, terms, values, name: str, prev_year: int | None, each: str | None) -> str:
    """One side of a relation in the template's words with its figures: 「一、…」19 +「二、…」1 = 20."""
    if not terms:
        return "0"
    if name or len(terms) > 4:
        total = sum(t.sign * Decimal(v) for t, v in zip(terms, values))
        return f"{name or '各项之和'} {_fmt(total)}"
    parts = []
    for i, (t, v) in enumerate(zip(terms, values)):
        s = prev_spec if t.prev else spec
        col = s.column(t.row, t.col)
        if each == "column":
            label = f"「{s.row(t.row).label}」"
        elif each == "row":
            label = f"「{col.label}」"
        else:
            label = f"「{col.group or s.row(t.row).label}{col.label}」"
        if t.prev:
            label = f"{prev_year}年度报告{label}"
        op = ("－" if t.sign < 0 else "＋") if i else ("－" if t.sign < 0 else "")
        parts.append(f"{op}{label}{_fmt(v)}")
    text = " ".join(parts)
    if len(terms) > 1:
        text += f" = {_fmt(sum(t.sign * Decimal(v) for t, v in zip(terms, values)))}"
    return text


def relation_findings(ctx: "Context", code: str, judge=None) -> Iterator[Finding]:
    """Findings for every broken relation of the format data reported under ``code``.

    ``judge(outcome)``, when given, returns ``(severity or None, note)``: a lower severity where the
    break is not certain (cells read from run-together digits that another reading would
    balance) and a note appended to the message."""
    prev = ctx.previous
    for o in ctx.broken.get(code, ()):
        inst, rel = o.instance, o.instance.relation
        spec = ctx.template.tables[rel.table]
        prev_spec = prev.template.tables[rel.table] if prev is not None else spec
        py = prev.meta.year if prev is not None else None
        left = _side(spec, prev_spec, inst.lhs, o.left_values, rel.lhs_name, py, rel.each)
        right = _side(spec, prev_spec, inst.rhs, o.right_values, rel.rhs_name, py, rel.each)
        if rel.each == "column":
            where = f"{spec.name}「{spec.column(inst.at[0], inst.at[1]).label}」列"
        elif rel.each == "row":
            where = f"{spec.name}「{spec.row_label(inst.at[0])}」"
        else:
            where = spec.name
        verb = "不等于" if rel.op == "=" else "小于"
        msg = f"{where}：{left}，{verb}{right}。"
        f = ctx.cell_finding(rel.table, inst.at[0], inst.at[1], msg, fix=f"应满足：{rel.wording}。核对相关单元格。")
        if judge is not None:
            severity, note = judge(o)
            f.message += note
            if severity:
                f.severity = severity
        yield f


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def _load() -> None:
    """Import the validator's rules (registering is what importing them does). The drafting
    checks register from drafting.engine.checks into the same registry when the engine is loaded;
    the layers above that list every check (the CLI, the README generator) import it first, so
    the validator itself never imports the engine."""
    from . import rules  # noqa: F401


def all_rules(stage: Stage | None = None) -> list[Rule]:
    _load()
    return [RULES[c] for c in sorted(RULES) if stage is None or RULES[c].stage == stage]


def rules_markdown() -> str:
    """The README's table of rules, generated so documentation cannot drift from code."""
    lines = ["| 代码 | 级别 | 类别 | 检查内容 | 示例（会被报告的写法） |", "|---|---|---|---|---|"]
    for r in all_rules():
        lines.append(f"| {r.code} | {SEVERITY_ZH[r.severity]} | {GROUPS[r.group]} | {r.summary} | {r.example} |")
    return "\n".join(lines)


def iter_cells(report: Report, table: str) -> Iterator[tuple[str, str]]:
    spec = report.template.tables[table]
    for r in spec.data_rows:
        for c in r.columns:
            yield r.key, c.key
