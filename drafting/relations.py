"""The arithmetic of the national form, read from the format data (``relations`` of each template).

Every relation of tables 二/三/四 — row sums, column sums, the 勾稽关系 of 表三, 表四's group
totals, 表二's plausibility and its continuity with last year's report — is one entry of
drafting/data/format.json. The validator's table rules, ingest's splitting of run-together digits,
the app's per-cell check display and the metrics all come through this module, so a relation is
written down once: delete it from the data and nothing checks it any more.

An entry ``{lhs, op, rhs, each}`` is expanded against the template into instances (concrete
equations over cells): ``each: column`` repeats it for every column (terms are row keys),
``each: row`` for every data row that has all the columns named (terms are column keys), and no
``each`` means the terms are ``row.col`` cells. ``prev:`` takes a term from last year's report,
a leading ``-`` subtracts it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache
from operator import itemgetter, mul
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping

from .formats import TableSpec, get_template, raw_format

if TYPE_CHECKING:
    from .model import Report

Cell = tuple[str, str]          # (row key, column key)


@dataclass(frozen=True)
class Term:
    row: str
    col: str
    sign: int = 1
    prev: bool = False          # from last year's report


@dataclass(frozen=True)
class Relation:
    id: str
    version: str
    code: str
    severity: str
    table: str
    each: str | None
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    op: str                     # "=" or ">="
    at: str                     # the term whose cell a finding names
    wording: str
    basis: str
    example: str
    split: bool = False
    previous: bool = False
    fixtures: tuple = field(default=(), compare=False, hash=False)
    lhs_name: str = ""          # a side named as a whole (e.g. 各办理结果之和) instead of term by term
    rhs_name: str = ""

    @property
    def spec(self) -> TableSpec:
        return get_template(self.version).tables[self.table]

    def instances(self) -> tuple["Instance", ...]:
        return _instances(self)


@dataclass(frozen=True)
class Instance:
    """One concrete equation: Σ lhs op Σ rhs over named cells, reported at ``at``."""
    relation: Relation
    lhs: tuple[Term, ...]
    rhs: tuple[Term, ...]
    at: Cell
    scope: str                  # the column or row it was repeated for ("" when not repeated)

    @property
    def cells(self) -> tuple[Cell, ...]:
        """This year's cells the instance reads."""
        return tuple((t.row, t.col) for t in self.lhs + self.rhs if not t.prev)

    def evaluate(self, get, get_prev=None) -> "Outcome | None":
        """Evaluate with cell getters; None when a cell it needs is blank (未填) or absent."""
        left = _values(self.lhs, get, get_prev)
        right = _values(self.rhs, get, get_prev) if left is not None else None
        return None if right is None else self.judge(left, right)

    def judge(self, left: tuple, right: tuple) -> "Outcome":
        """The outcome for the values of the two sides' cells (none of them blank)."""
        return Outcome(self, *self._judged(left, right), left, right)

    def _judged(self, left: tuple, right: tuple) -> tuple[bool, Decimal, Decimal]:
        """(holds, left total, right total)."""
        holds, lt, rt = self._judged_raw(left, right)
        return holds, Decimal(lt), Decimal(rt)

    def _judged_raw(self, left: tuple, right: tuple) -> tuple[bool, int | Decimal, int | Decimal]:
        """_judged with the totals as _total gives them (ints for counts): most relations hold,
        and for them no Decimal needs making."""
        signs = self._signs
        lt, rt = _total(signs[0], left), _total(signs[1], right)
        return (lt == rt if self.relation.op == "=" else lt >= rt), lt, rt

    @cached_property
    def _signs(self) -> tuple[tuple[int, ...] | None, tuple[int, ...] | None]:
        """Each side's signs, None for a side that only adds."""
        return tuple(None if all(t.sign == 1 for t in side) else tuple(t.sign for t in side)
                     for side in (self.lhs, self.rhs))

    @cached_property
    def _getters(self):
        """For each side, a function from a flat {(row, col): value} to the side's values (a tuple),
        or None when a term is last year's."""
        cells = self._this_year_cells
        if cells is None:
            return None
        return tuple(tuple_getter(side) for side in cells)

    @cached_property
    def _this_year_cells(self) -> tuple[tuple[Cell, ...], tuple[Cell, ...]] | None:
        """The (row, col) of each side's terms when all are this year's (None otherwise)."""
        if any(t.prev for t in self.lhs + self.rhs):
            return None
        return tuple((t.row, t.col) for t in self.lhs), tuple((t.row, t.col) for t in self.rhs)

    def describe(self, template_spec: TableSpec | None = None, prev_spec: TableSpec | None = None) -> tuple[str, str]:
        """The two sides in the template's words, e.g. ('「一、本年新收…」', '「（七）总计」+「四、…」')."""
        spec = template_spec or self.relation.spec
        return _side_words(spec, prev_spec or spec, self.lhs), _side_words(spec, prev_spec or spec, self.rhs)


@dataclass(frozen=True)
class Outcome:
    instance: Instance
    holds: bool
    left: Decimal
    right: Decimal
    left_values: tuple
    right_values: tuple


def _values(terms: tuple[Term, ...], get, get_prev) -> tuple | None:
    """The values of one side's cells, or None when one is blank or absent."""
    vals = []
    for t in terms:
        g = get_prev if t.prev else get
        if g is None:
            return None
        v = g(t.row, t.col)
        if v is None:
            return None
        vals.append(v)
    return tuple(vals)


def _total(signs: tuple[int, ...] | None, vals: tuple) -> int | Decimal:
    """Σ sign × value of one side (``signs`` None: all +): an int when every value is one."""
    s = sum(vals) if signs is None else sum(map(mul, signs, vals))
    if type(s) is int:                  # counts only (nearly every side): exact as ints
        return s
    total = Decimal(0)
    for sign, v in zip(signs or (1,) * len(vals), vals):
        total += sign * Decimal(v)
    return total


def _parse_term(raw: str) -> tuple[str, int, bool]:
    sign, prev = 1, False
    if raw.startswith("-"):
        sign, raw = -1, raw[1:]
    if raw.startswith("prev:"):
        prev, raw = True, raw[5:]
    return raw, sign, prev


@lru_cache(maxsize=None)
def _instances(rel: Relation) -> tuple[Instance, ...]:
    spec = rel.spec
    out: list[Instance] = []
    if rel.each == "column":
        cols = _common_columns(spec, [_parse_term(t)[0] for t in rel.lhs + rel.rhs])
        for col in cols:
            def term(raw: str, col=col) -> Term:
                row, sign, prev = _parse_term(raw)
                return Term(row, col, sign, prev)
            out.append(Instance(rel, tuple(map(term, rel.lhs)), tuple(map(term, rel.rhs)),
                                (_parse_term(rel.at)[0], col), col))
    elif rel.each == "row":
        names = {_parse_term(t)[0] for t in rel.lhs + rel.rhs}
        for r in spec.data_rows:
            have = {c.key for c in r.columns}
            if not names <= have:
                continue
            def term(raw: str, row=r.key) -> Term:
                col, sign, prev = _parse_term(raw)
                return Term(row, col, sign, prev)
            out.append(Instance(rel, tuple(map(term, rel.lhs)), tuple(map(term, rel.rhs)),
                                (r.key, _parse_term(rel.at)[0]), r.key))
    else:
        def term(raw: str) -> Term:
            ref, sign, prev = _parse_term(raw)
            row, col = ref.split(".", 1)
            return Term(row, col, sign, prev)
        at_row, at_col = _parse_term(rel.at)[0].split(".", 1)
        out.append(Instance(rel, tuple(map(term, rel.lhs)), tuple(map(term, rel.rhs)), (at_row, at_col), ""))
    return tuple(out)


def _common_columns(spec: TableSpec, rows: list[str]) -> list[str]:
    cols: list[str] | None = None
    for key in rows:
        have = [c.key for c in spec.row(key).columns]
        cols = have if cols is None else [c for c in cols if c in have]
    return cols or []


def _side_words(spec: TableSpec, prev_spec: TableSpec, terms: tuple[Term, ...]) -> str:
    if not terms:
        return "0"
    parts = []
    for i, t in enumerate(terms):
        s = prev_spec if t.prev else spec
        label = _cell_words(s, t)
        if t.prev:
            label = "上年报告" + label
        op = ("－" if t.sign < 0 else "＋") if i else ("－" if t.sign < 0 else "")
        parts.append(op + label)
    return "".join(parts)


def _cell_words(spec: TableSpec, t: Term) -> str:
    col = spec.column(t.row, t.col)
    if spec.key == "review_litigation":
        return f"「{col.group}{col.label}」"
    return f"「{spec.row(t.row).label}」"


@lru_cache(maxsize=4)
def relations(version: str) -> tuple[Relation, ...]:
    """Every relation of one template version, in the order of the format data."""
    out = []
    for d in raw_format()[str(version)].get("relations", ()):
        out.append(Relation(
            id=d["id"], version=str(version), code=d["code"], severity=d["severity"], table=d["table"],
            each=d.get("each"), lhs=tuple(d["lhs"]), rhs=tuple(d["rhs"]), op=d.get("op", "="),
            at=d["at"], wording=d["wording"], basis=d.get("basis", ""), example=d.get("example", ""),
            split=bool(d.get("split")), previous=bool(d.get("previous")), fixtures=tuple(d.get("fixtures", ())),
            lhs_name=d.get("lhs_name", ""), rhs_name=d.get("rhs_name", "")))
    return tuple(out)


def all_relations() -> tuple[Relation, ...]:
    from .formats import VERSIONS
    return tuple(r for v in VERSIONS for r in relations(v))


@lru_cache(maxsize=None)
def parts_of(version: str, table: str, total: str, each: str | None = "row") -> tuple[str, ...] | None:
    """The terms a total is the sum of, per the format data (e.g. 表三's 总计 column: the six
    applicant columns); None if no relation says so."""
    for r in relations(version):
        if r.table == table and r.each == each and r.op == "=" and r.lhs == (total,) \
                and not r.previous and all(not t.startswith(("-", "prev:")) for t in r.rhs):
            return r.rhs
    return None


@lru_cache(maxsize=None)
def split_instances(version: str, table: str) -> tuple[Instance, ...]:
    """Equalities within one table that ingest may use to split run-together digits."""
    return tuple(i for r in relations(version) if r.table == table and r.split and not r.previous
                 and r.op == "=" for i in r.instances())


def tuple_getter(keys: Iterable) -> Callable:
    """itemgetter(*keys) that always gives a tuple (itemgetter of one key gives the item alone):
    a side's values from a flat {(row, col): value}, a candidate's cells by position."""
    keys = tuple(keys)
    if len(keys) > 1:
        return itemgetter(*keys)
    if keys:
        key = keys[0]
        return lambda d: (d[key],)
    return lambda d: ()


def consistent(instances: Iterable[Instance], values: Mapping[Cell, object]) -> bool:
    """True unless some instance whose cells are all known fails (used while trying digit splits)."""
    get = values.get
    for inst in instances:
        cells = inst._this_year_cells
        if cells is None:
            continue            # a term of last year's: never known here (evaluate gives None)
        # evaluate() without the Outcome and its Decimals: only whether it holds is wanted
        left = tuple(map(get, cells[0]))
        if None in left:
            continue
        right = tuple(map(get, cells[1]))
        if None in right:
            continue
        if not inst._judged_raw(left, right)[0]:
            return False
    return True


def check(report: "Report", previous: "Report | None" = None,
          codes: Iterable[str] | None = None, broken: bool = False) -> Iterator[Outcome]:
    """Evaluate every relation of the report's template (cross-year ones only with last year's
    report, and only when it is last year's); yields an Outcome per instance that could be evaluated
    (``broken``: per instance that does not hold, all the validator reports)."""
    wanted = set(codes) if codes is not None else None
    usable_prev = previous is not None and previous.meta.year == report.meta.year - 1
    tables = report.tables
    if broken and wanted is None and not usable_prev:
        # what validation asks: only the broken ones, without last year's report. A screen
        # compiled once per template version passes over the instances that certainly hold (most
        # of them); the others are evaluated one by one as below, in the same order.
        screen, flat = _screen(report.meta.template_version)
        for k in screen(tables):
            rel, entry = flat[k]
            yield from _outcomes(tables[rel.table], (entry,), broken)
        return
    for rel, plan in _plans(report.meta.template_version):
        if wanted is not None and rel.code not in wanted:
            continue
        table = tables.get(rel.table)
        if table is None:
            continue
        if rel.previous and (not usable_prev or previous.tables.get(rel.table) is None):
            continue
        if any(entry[1] is None for entry in plan):
            get, get_prev = _getters(report, previous, rel)
        else:
            get = get_prev = None
        yield from _outcomes(table, plan, broken, get, get_prev)


def _outcomes(table, plan, broken: bool, get=None, get_prev=None) -> Iterator[Outcome]:
    """The outcomes of the instances of ``plan`` (entries of _plans) over one table: cells read by
    the compiled getters, or through ``get``/``get_prev`` for an instance with a term of last year's."""
    for inst, lg, rg, ls, rs, eq in plan:
        if lg is None:                  # a term of last year's: read through cell getters
            o = inst.evaluate(get, get_prev)
            if o is not None and not (broken and o.holds):
                yield o
            continue
        try:
            left, right = lg(table), rg(table)
        except (KeyError, TypeError):
            continue                # an absent row or cell, or a row of None: not evaluated
        # inst._judged_raw spelt out (no call per instance; most relations hold)
        try:
            lt = sum(left) if ls is None else sum(map(mul, ls, left))
            rt = sum(right) if rs is None else sum(map(mul, rs, right))
        except TypeError:
            if None in left or None in right:
                continue            # a blank (未填) cell: not evaluated
            raise
        if type(lt) is not int or type(rt) is not int:
            lt, rt = _total(ls, left), _total(rs, right)
        holds = lt == rt if eq else lt >= rt
        if not (broken and holds):
            yield Outcome(inst, holds, Decimal(lt), Decimal(rt), left, right)


def _getters(report: "Report", previous: "Report | None", rel: Relation):
    """Cell getters (this year's, last year's) for a relation's instances that read last year's report."""
    get = lambda row, col, t=rel.table: report.cell(t, row, col)   # noqa: E731
    get_prev = None
    if rel.previous:
        prev_spec = previous.template.tables[rel.table]

        def get_prev(row, col, t=rel.table, ps=prev_spec):
            if not ps.has_row(row) or col not in {c.key for c in ps.row(row).columns}:
                return None
            return previous.cell(t, row, col)
    return get, get_prev


# Plans by id() of the tuple relations() gives, which each entry keeps alive (so that the id is not
# reused): they follow relations() when its cache is cleared (the format data changed), and a
# lookup does not hash every Relation.
_PLANS: dict[int, tuple] = {}


def _plans(version: str) -> tuple:
    """Each relation of a template version with its instances compiled once: (instance, left
    getter, right getter, left signs, right signs, whether the op is =); the getters None for an
    instance with a term of last year's. Made from the constant format data, never from a report."""
    rels = relations(version)
    entry = _PLANS.get(id(rels))
    if entry is None or entry[0] is not rels:
        out = []
        for rel in rels:
            plan = []
            for inst in rel.instances():
                cells = inst._this_year_cells
                g = (_table_getter(cells[0]), _table_getter(cells[1])) if cells is not None else (None, None)
                plan.append((inst, g[0], g[1], *inst._signs, rel.op == "="))
            out.append((rel, tuple(plan)))
        if len(_PLANS) > 8:
            _PLANS.clear()
        entry = _PLANS[id(rels)] = (rels, tuple(out))
    return entry[1]


# Screens by id() of the tuple relations() gives, as _PLANS.
_SCREENS: dict[int, tuple] = {}


def _screen(version: str) -> tuple[Callable, tuple]:
    """(screen, flat) for a template version: ``screen(tables)`` gives, in order, the positions in
    ``flat`` — (relation, entry of _plans) for every instance over this year's cells alone, in the
    order check() goes through them — of the instances that may not hold. The instances are
    written out, from the format data, as one function of subscripts and sums (as _table_getter
    writes one side): an instance certainly holds when both its sides sum to ints that satisfy its
    operator; anything else — an absent row or cell, a blank, a Decimal, a break — is left to the
    instance's own evaluation. Cross-year relations are left out: without last year's report they
    are not evaluated."""
    rels = relations(version)
    entry = _SCREENS.get(id(rels))
    if entry is None or entry[0] is not rels:
        flat: list[tuple] = []
        # builtins as arguments (read as locals), and each row read once per relation (absent, it
        # is None, and its instances fail to the one-by-one evaluation)
        lines = ["def screen(tables, type=type, int=int):", "    out = []"]
        for rel, plan in _plans(version):
            if rel.previous:
                continue
            body, rows = [], {}
            for e in plan:
                inst = e[0]
                if inst._this_year_cells is None:
                    continue        # a term of last year's, and no last year's report: no outcome
                for t in inst.lhs + inst.rhs:
                    rows.setdefault(t.row, f"r{len(rows)}")
                sides = ["".join(("-" if t.sign < 0 else "+") + f"{rows[t.row]}[{t.col!r}]" for t in terms)
                         .removeprefix("+") or "0" for terms in (inst.lhs, inst.rhs)]
                fails = "a != b" if rel.op == "=" else "a < b"
                body += ["        try:",
                         f"            a = {sides[0]}",
                         f"            b = {sides[1]}",
                         f"            if type(a) is not int or type(b) is not int or {fails}:",
                         f"                out.append({len(flat)})",
                         "        except (KeyError, TypeError):",
                         f"            out.append({len(flat)})"]
                flat.append((rel, e))
            if body:
                lines += [f"    t = tables.get({rel.table!r})", "    if t is not None:", "        g = t.get",
                          *(f"        {v} = g({r!r})" for r, v in rows.items()), *body]
        lines.append("    return out")
        ns: dict = {}
        exec("\n".join(lines), ns)          # noqa: S102 - keys of the format data, quoted by repr
        if len(_SCREENS) > 8:
            _SCREENS.clear()
        entry = _SCREENS[id(rels)] = (rels, (ns["screen"], tuple(flat)))
    return entry[1]


def _table_getter(cells: tuple[Cell, ...]) -> Callable:
    """A function from a table ({row: {col: value}}) to the values of ``cells``, as a tuple; it
    raises KeyError for an absent row or cell and TypeError for a row of None. Written out as
    one expression of subscripts (``lambda t: (t['a']['x'], t['b']['x'])``) from the format data's
    keys: a side is read without a call per cell and without a flat copy of the table, which
    cost more than the relations themselves."""
    rows = {r for r, _ in cells}
    if len(cells) > 1 and len(rows) == 1:      # one row (each: row): its cells by one C-level getter
        return eval(f"lambda t, g=g: g(t[{rows.pop()!r}])", {"g": itemgetter(*(c for _, c in cells))})  # noqa: S307
    body = "".join(f"t[{r!r}][{c!r}], " for r, c in cells)
    return eval(f"lambda t: ({body})")         # noqa: S307 - keys of the format data, quoted by repr


def codes() -> tuple[str, ...]:
    """Rule codes that relations report under, in order of first appearance."""
    return tuple(dict.fromkeys(r.code for r in all_relations()))


def cell_status(report: "Report", previous: "Report | None" = None) -> dict[tuple[str, str, str], list[Outcome]]:
    """Broken relations per cell (table, row, col), for displays that mark cells: every cell an
    instance reads is listed under the broken instance."""
    out: dict[tuple[str, str, str], list[Outcome]] = {}
    for o in check(report, previous):
        if o.holds:
            continue
        t = o.instance.relation.table
        for row, col in o.instance.cells:
            out.setdefault((t, row, col), []).append(o)
    return out
