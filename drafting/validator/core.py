"""Rule registry and the validate() entry point.

Every rule is a small function registered with a stable code, a severity and a one-line
Chinese summary and example; its docstring says what it checks and why. The README's rule
table is generated from this registry (``drafting rules --markdown``).
"""
from __future__ import annotations

import inspect
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Callable, Iterable, Iterator

from ..formats import Template
from ..metrics import Metric, compute
from ..model import Report
from ..numbers import Mention, find_numbers

SEVERITIES = ("error", "warning", "info")
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
GROUPS = {
    "structure": "结构", "tables": "表格", "narrative": "正文与数据", "identity": "机关与年度",
    "style": "文风", "history": "跨年度", "parse": "读取",
}


@dataclass
class Finding:
    code: str
    severity: str
    message: str
    section: str | None = None      # section key (overall, applications …) or None
    quote: str | None = None        # the text the finding is about, as written
    table: str | None = None
    row: str | None = None
    col: str | None = None
    cell: str | None = None         # the cell named in the template's words
    fix: str | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @property
    def location(self) -> str:
        if self.cell:
            return self.cell
        return self.section or ""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    group: str
    summary: str
    example: str
    func: Callable[["Context"], Iterable[Finding]] = field(compare=False, repr=False)

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.func) or ""


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str, group: str, summary: str, example: str):
    """Register a rule. ``summary`` and ``example`` are Chinese, one line each."""
    assert severity in SEVERITIES and group in GROUPS, (code, severity, group)

    def deco(fn: Callable[["Context"], Iterable[Finding]]):
        if code in RULES:
            raise ValueError(f"duplicate rule code {code}")
        RULES[code] = Rule(code, name, severity, group, summary, example, fn)
        return fn
    return deco


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

    # -- text ---------------------------------------------------------------
    @cached_property
    def texts(self) -> list[tuple[str, str]]:
        """(section key, text) for every piece of prose, the preamble first."""
        out = []
        if self.report.preamble:
            out.append(("preamble", self.report.preamble))
        for key, sec in self.report.sections.items():
            if sec.text:
                out.append((key, sec.text))
        return out

    @cached_property
    def mentions(self) -> dict[str, list[Mention]]:
        return {k: find_numbers(t) for k, t in self.texts}

    @cached_property
    def metrics(self) -> dict[str, Metric]:
        return compute(self.report)

    def metric(self, key: str):
        m = self.metrics.get(key)
        return None if m is None else m.value

    def unreadable(self, table: str, row: str, col: str) -> bool:
        """True if ingest reported this cell (or its whole row) as unreadable and it is still blank."""
        for p in self.report.problems:
            if p.table == table and p.row == row and p.col in (None, col):
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
             select: Iterable[str] | None = None) -> list[Finding]:
    """Run every registered rule (or those in ``select``) and return their findings."""
    from . import rules  # noqa: F401  (registers the rules)
    ctx = Context(report, previous)
    wanted = set(select) if select else None
    findings: list[Finding] = []
    for code in sorted(RULES):
        r = RULES[code]
        if wanted is not None and code not in wanted:
            continue
        ctx._current = r
        findings.extend(r.func(ctx) or ())
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (order[f.severity], f.code))
    return findings


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def all_rules() -> list[Rule]:
    from . import rules  # noqa: F401
    return [RULES[c] for c in sorted(RULES)]


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
