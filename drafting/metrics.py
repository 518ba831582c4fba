"""Named figures computed from a report's tables.

The same names serve as data slots in drafted prose (``{t3.received}``) and as the metrics
that the validator ties numbers in the prose to. Labels come from the format data where the
template has one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from collections.abc import Iterator, Mapping
from typing import Callable

from .formats import get_template
from .model import Report
from .relations import parts_of


def _applicant_cols(rep: Report) -> tuple[str, ...]:
    """表三's applicant columns: what its 总计 column sums, per the format data's relations."""
    return parts_of(rep.meta.template_version, "applications", "total") or ()


def _org_cols(rep: Report) -> tuple[str, ...]:
    return _org_cols_of(rep.meta.template_version)


@lru_cache(maxsize=None)
def _org_cols_of(version: str) -> tuple[str, ...]:
    """The applicant columns grouped under 法人或其他组织 in the template."""
    spec = get_template(version).tables["applications"]
    cols = {c.key: c for c in spec.row("new_received").columns}
    return tuple(k for k in (parts_of(version, "applications", "total") or ()) if cols[k].group)


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    value: Decimal | None


def _row_total(rep: Report, row: str) -> Decimal | None:
    """总计 of a 表三 row; the sum of the six applicant columns when 总计 is blank."""
    v = rep.cell("applications", row, "total")
    if v is not None:
        return Decimal(v)
    parts = [rep.cell("applications", row, c) for c in _applicant_cols(rep)]
    if any(p is not None for p in parts):
        return Decimal(sum(p or 0 for p in parts))
    return None


def _sum(vals: list[Decimal | None]) -> Decimal | None:
    if all(v is None for v in vals):
        return None
    return sum((v or Decimal(0) for v in vals), Decimal(0))


def _children(rep: Report, parent: str) -> tuple[str, ...]:
    return _children_of(rep.meta.template_version, parent)


@lru_cache(maxsize=None)
def _children_of(version: str, parent: str) -> tuple[str, ...]:
    spec = get_template(version).tables["applications"]
    return tuple(r.key for r in spec.rows if r.parent == parent and r.data)


_T3_ROWS = {"t3.carry_forward": ("carry_forward",), "t3.handled": ("results_total",),
            "t3.received": ("new_received",), "t3.carried_over": ("carried_over",),
            "t3.received_all": ("new_received", "carried_over"),
            "t3.natural_person": ("new_received",), "t3.legal_person": ("new_received",),
            "t3.natural_person_all": ("new_received", "carried_over"),
            "t3.legal_person_all": ("new_received", "carried_over"),
            "t3.completion_rate": ("results_total", "new_received", "carried_over")}


def rows_of(version: str, key: str) -> tuple[str, ...] | None:
    """The rows of its table a metric of 表二/表三 reads (t3.unable: the three 无法提供 rows);
    None when that is not told (表四's one row, unknown keys): then every row counts."""
    if key in _T3_ROWS:
        return _T3_ROWS[key]
    if key.startswith("t3."):
        group = key[3:]
        spec = get_template(version).tables["applications"]
        if spec.has_row(group) and spec.row(group).data:
            return (group,)
        return _children_of(version, group) or None
    if key.startswith("t2.") and key.count(".") == 2:
        return (key.split(".")[1],)
    return None


def _group_total(rep: Report, key: str) -> Decimal | None:
    spec = rep.template.tables["applications"]
    if spec.has_row(key) and spec.row(key).data:
        return _row_total(rep, key)
    return _sum([_row_total(rep, k) for k in _children(rep, key)])


@lru_cache(maxsize=None)
def _t2_cells(version: str) -> tuple[tuple[str, str, str, str, str], ...]:
    """(metric key, label, unit, row, column) of every cell of 表二."""
    spec2 = get_template(version).tables["active_disclosure"]
    return tuple((f"t2.{r.key}.{c.key}", f"{r.label}{c.label}", c.unit or ("件" if c.type in ("int", "signed_int") else ""),
                  r.key, c.key) for r in spec2.data_rows for c in r.columns)


def _t4(rep: Report, col: str) -> Decimal | None:
    v = rep.cell("review_litigation", "counts", col)
    return None if v is None else Decimal(v)


def _dec(v) -> Decimal | None:
    return None if v is None else Decimal(v)


# A metric's definition: (key, label, unit, the table it reads, how it is computed from the report
# and its other metrics). Made once per template version from the format data.
_Def = tuple[str, str, str, str, Callable[[Report, "Metrics"], "Decimal | None"]]


@lru_cache(maxsize=None)
def _definitions(version: str) -> tuple[_Def, ...]:
    """Every metric of the tables, in the order compute() lists them: 表三's, 表四's, 表二's."""
    spec3 = get_template(version).tables["applications"]
    spec4 = get_template(version).tables["review_litigation"]
    out: list[_Def] = []

    def t3(key: str, label: str, fn) -> None:
        out.append((key, label, "件", "applications", fn))

    t3("t3.received", spec3.row("new_received").label, lambda rep, m: _row_total(rep, "new_received"))
    t3("t3.carried_over", spec3.row("carried_over").label, lambda rep, m: _row_total(rep, "carried_over"))
    t3("t3.received_all", "本年新收与上年结转申请合计",
       lambda rep, m: _sum([_row_total(rep, "new_received"), _row_total(rep, "carried_over")]))
    t3("t3.handled", spec3.row("results_total").label + "（本年度办理结果）",
       lambda rep, m: _row_total(rep, "results_total"))
    t3("t3.carry_forward", spec3.row("carry_forward").label, lambda rep, m: _row_total(rep, "carry_forward"))
    for key in ("granted", "partial", "denied", "unable", "not_processed", "other_handling"):
        t3(f"t3.{key}", spec3.row(key).label, lambda rep, m, row=key: _group_total(rep, row))
    t3("t3.natural_person", "本年新收申请中" + spec3.rows[0].columns[0].label + "申请",
       lambda rep, m: _dec(rep.cell("applications", "new_received", "natural_person")))
    t3("t3.legal_person", "本年新收申请中法人或其他组织申请",
       lambda rep, m: _sum([_dec(rep.cell("applications", "new_received", c)) for c in _org_cols(rep)]))
    t3("t3.natural_person_all", "新收与结转申请中自然人申请",
       lambda rep, m: _sum([_dec(rep.cell("applications", r, "natural_person"))
                            for r in ("new_received", "carried_over")]))
    t3("t3.legal_person_all", "新收与结转申请中法人或其他组织申请",
       lambda rep, m: _sum([_dec(rep.cell("applications", r, c))
                            for r in ("new_received", "carried_over") for c in _org_cols(rep)]))

    def rate(rep: Report, m: Metrics) -> Decimal | None:
        h, a = m["t3.handled"].value, m["t3.received_all"].value
        if h is None or not a:
            return None
        return (h / a * 100).quantize(Decimal("0.01"))
    out.append(("t3.completion_rate", "办结率", "%", "applications", rate))
    for c in spec4.rows[0].columns:
        out.append((f"t4.{c.key}", f"{c.group}{c.label}", "件", "review_litigation",
                    lambda rep, m, col=c.key: _t4(rep, col)))
    out.append(("t4.litigation_total", "行政诉讼总计", "件", "review_litigation",
                lambda rep, m: _sum([_t4(rep, "litigation_direct_total"), _t4(rep, "litigation_after_review_total")])))
    out.append(("t4.cases_total", "行政复议和行政诉讼案件合计", "件", "review_litigation",
                lambda rep, m: _sum([_t4(rep, "review_total"), _t4(rep, "litigation_direct_total"),
                                     _t4(rep, "litigation_after_review_total")])))
    for key, label, unit, row, col in _t2_cells(version):
        out.append((key, label, unit, "active_disclosure",
                    lambda rep, m, row=row, col=col: _dec(rep.cell("active_disclosure", row, col))))
    return tuple(out)


@lru_cache(maxsize=None)
def _present(version: str, tables: frozenset[str]) -> dict[str, _Def]:
    """The definitions of the metrics whose table a report has, by key."""
    return {d[0]: d for d in _definitions(version) if d[3] in tables}


class Metrics(Mapping[str, Metric]):
    """A report's metrics, each computed when it is first looked up: a validation asks for a few
    of them, and computing all (compute()) costs more than every rule that reads them."""

    def __init__(self, rep: Report):
        self._rep = rep
        tables = frozenset(k for k, t in rep.tables.items() if t is not None)
        self._defs = _present(rep.meta.template_version, tables)
        self._done: dict[str, Metric] = {}
        self._facts = {f"fact.{f.key}": Metric(f"fact.{f.key}", f.label, f.unit, f.value) for f in rep.facts.figures}

    def __getitem__(self, key: str) -> Metric:
        m = self._done.get(key)
        if m is not None:
            return m
        d = self._defs.get(key)
        if d is None:
            return self._facts[key]
        try:
            val = d[4](self._rep, self)
        except KeyError:            # a row or column this template version does not have
            val = None
        m = self._done[key] = Metric(key, d[1], d[2], val)
        return m

    def __iter__(self) -> Iterator[str]:
        yield from self._defs
        yield from self._facts

    def __len__(self) -> int:
        return len(self._defs) + len(self._facts)

    def __contains__(self, key: object) -> bool:
        return key in self._defs or key in self._facts


def compute(rep: Report) -> dict[str, Metric]:
    """Every metric of the report, computed now."""
    return dict(Metrics(rep))


def fmt(value: Decimal | int | None) -> str:
    """A figure as printed in a report: integers without decimals, amounts as given."""
    if value is None:
        return "【待补充】"
    d = Decimal(value)
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


# -- data slots: the same names in drafted prose ------------------------------------------------
SLOT_RE = re.compile(r"\{\s*([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\s*\}")
PLACEHOLDER = "【待补充：{}】"


def slot_catalogue(rep: Report) -> dict[str, Metric]:
    """Every slot a section may use, with its value: the metrics plus {year}, {next_year}, {prev_year}."""
    out = dict(compute(rep))
    y = rep.meta.year
    out["year"] = Metric("year", "报告年度", "年", y)  # type: ignore[arg-type]
    out["next_year"] = Metric("next_year", "下一年度", "年", y + 1)  # type: ignore[arg-type]
    out["prev_year"] = Metric("prev_year", "上一年度", "年", y - 1)  # type: ignore[arg-type]
    return out


def fill_slots(text: str, rep: Report, extra: dict[str, str] | None = None) -> str:
    """Replace every known slot by its value; a slot without a value becomes 【待补充：…】.

    Unknown slots are left as written so that the checks can report them. Here beside the metrics
    (not in the engine) because the validator fills a generated section's slot form too, to see
    whether its text is still what the data give (G010, G011)."""
    cat = slot_catalogue(rep)
    extra = extra or {}

    def repl(m: re.Match) -> str:
        key = m.group(1)
        if key in extra:
            return extra[key]
        metric = cat.get(key)
        if metric is None:
            return m.group(0)
        if metric.value is None:
            return PLACEHOLDER.format(metric.label)
        if key in ("year", "next_year", "prev_year"):
            return str(metric.value)
        if key.startswith("fact."):
            fig = rep.facts.figure(key[5:])
            if fig is not None:
                return fig.said         # 7700余, 约300: the approximation as the clerk said it
        return fmt(metric.value)
    out = SLOT_RE.sub(repl, text)
    # A model that also writes the marker after an approximate slot ({fact.x}余条) says it once.
    return re.sub(r"(\d)(余|多)\2", r"\1\2", re.sub(r"(约|近|超|逾)\1(?=\d)", r"\1", out))
