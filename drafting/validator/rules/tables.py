"""Tables: completeness, the 勾稽关系 of 表三, the totals of 表四, plausibility of 表二."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from ...formats import Row, get_template
from ...metrics import fmt
from ...readings import MORE_READINGS, is_reading_note, row_readings
from ...relations import relations
from ..core import Context, relation_findings, rule


# More consecutive unfilled rows than this are reported as one run (a table cut short).
MAX_ROWS_ONE_BY_ONE = 3


def _unfilled(cells: dict | None, keys: tuple[str, ...]) -> bool:
    """No cell of the row filled (the first one tells for nearly every row)."""
    return not keys or not cells or (cells.get(keys[0]) is None and
                                     list(map(cells.get, keys)).count(None) == len(keys))


@lru_cache(maxsize=None)
def _row_columns(version: str, table: str) -> tuple[tuple[Row, tuple[str, ...]], ...]:
    """Each data row of a table with its column keys, made once per template."""
    return tuple((r, tuple(c.key for c in r.columns)) for r in get_template(version).tables[table].data_rows)


def _gaps(ctx: Context) -> dict[str, list[tuple[Row, dict, bool]]]:
    """Per present table, its data rows that have a blank cell, in order, as (row, its cells,
    whether no cell is filled): one pass over the rows for T001 and T002 (kept on the context for
    the one validation). A row with no columns has no blank and is listed as unfilled."""
    got = ctx.__dict__.get("_gaps")
    if got is None:
        got = ctx.__dict__["_gaps"] = {}
        version = ctx.report.meta.template_version
        for tkey, table in ctx.report.tables.items():
            if table is None:
                continue
            rows = got[tkey] = []
            for r, keys in _row_columns(version, tkey):
                cells = table.get(r.key)
                if keys and cells and None not in map(cells.get, keys):
                    continue                # every cell filled (nearly every row)
                rows.append((r, cells or {}, _unfilled(cells, keys)))
    return got


@rule("T001", "table-incomplete", "error", "tables",
      "统计表的数据行都已填报", "表三只填了「一、本年新收政府信息公开申请数量」一行")
def table_incomplete(ctx: Context):
    """A present table whose data rows are not filled at all: a published table must be complete.

    Blank (未填) is not 0: a row nobody filled is reported, not assumed to be zero.
    """
    for tkey, table in ctx.report.tables.items():
        if table is None:
            continue
        spec = ctx.template.tables[tkey]
        # A row ingest could not read is reported by the P rules, not as unfilled; a row the form
        # the table was printed on does not have is reported by S005.
        other_form = {k for p in ctx.report.problems if p.code == "S005" and p.table == tkey
                      for k in p.candidates[1:]}
        empty = [r for r, _, unfilled in _gaps(ctx)[tkey] if unfilled
                 and r.key not in other_form
                 and not all(ctx.unreadable(tkey, r.key, c.key) for c in r.columns)]
        if not empty:
            continue
        if len(empty) == len(spec.data_rows):
            # Nothing filled at all: one finding for the table, not one per row.
            yield ctx.finding(f"{spec.name}没有填报任何数据。", section=tkey,
                              table=tkey, cell=spec.name, fix="逐行填报；确无数据的填 0，不要留空。")
            continue
        # Each unfilled row is its own defect, reported on its own; a long run of consecutive
        # unfilled rows (a table cut short, a block left out) is one defect, reported once.
        order = {r.key: i for i, r in enumerate(spec.data_rows)}
        runs: list[list] = []
        for r in empty:
            if runs and order[r.key] == order[runs[-1][-1].key] + 1:
                runs[-1].append(r)
            else:
                runs.append([r])
        for run in runs:
            if len(run) > MAX_ROWS_ONE_BY_ONE:
                first, last = run[0], run[-1]
                yield ctx.finding(f"{spec.name}从「{spec.row_label(first.key)}」到「{spec.row_label(last.key)}」"
                                  f"连续{len(run)}个数据行未填报。", section=tkey, table=tkey,
                                  cell=f"{spec.name}「{spec.row_label(first.key)}」至「{spec.row_label(last.key)}」",
                                  fix="逐行填报；确无数据的填 0，不要留空。")
                continue
            for r in run:
                yield ctx.finding(f"{spec.name}「{spec.row_label(r.key)}」整行未填报。", section=tkey,
                                  table=tkey, row=r.key, col=r.columns[0].key,
                                  cell=f"{spec.name}「{spec.row_label(r.key)}」",
                                  fix="填报该行；确无数据的填 0，不要留空。")


@rule("T002", "cell-blank", "warning", "tables",
      "已填报的行中没有留空的单元格（无数据应填 0）", "表三「（一）予以公开」自然人填 3，总计留空")
def cell_blank(ctx: Context):
    """Within a filled row, a blank cell is ambiguous (0 or forgotten?); the template expects 0."""
    for tkey, table in ctx.report.tables.items():
        if table is None:
            continue
        spec = ctx.template.tables[tkey]
        for r, cells, unfilled in _gaps(ctx)[tkey]:
            if not r.columns or (unfilled and not ctx.any_unreadable):
                continue            # no cell to be blank, or none filled and none unreadable
            blanks = [c for c in r.columns if cells.get(c.key) is None and not ctx.unreadable(tkey, r.key, c.key)]
            if blanks and len(blanks) < len(r.columns):
                cols = "、".join(c.full_label for c in blanks)
                yield ctx.cell_finding(tkey, r.key, blanks[0].key,
                                       f"{spec.name}「{spec.row_label(r.key)}」的{cols}未填。",
                                       fix="无数据的单元格填 0。")


@rule("T010", "t3-balance", "error", "tables",
      "表三每列：一（本年新收）+二（上年结转）＝（七）总计+四（结转下年度）", "自然人列 5+0 ≠ 4+0")
def t3_balance(ctx: Context):
    """The official 勾稽关系 printed in 表三's corner cell, column by column (format data:
    ``t3-balance``). Every application received or carried in is either handled or carried on.
    """
    yield from relation_findings(ctx, "T010", judge=lambda o: _certainty(ctx, o))


@rule("T011", "t3-results-sum", "error", "tables",
      "表三每列：（七）总计＝各办理结果行之和", "（一）2 +（二）1 + … ＝ 4，而（七）总计填 5")
def t3_results_sum(ctx: Context):
    """（七）总计 equals the sum of all outcome rows: each application has exactly one outcome
    (部分公开 counts once). Format data: ``t3-results-sum``.
    """
    yield from relation_findings(ctx, "T011", judge=lambda o: _certainty(ctx, o))


@rule("T012", "t3-row-total", "error", "tables",
      "表三每行：总计列＝自然人+五类法人或其他组织之和", "「一、本年新收」自然人 3、商业企业 1，总计填 5")
def t3_row_total(ctx: Context):
    """The 总计 column is the sum of the six applicant columns on every row (``t3-row-total``)."""
    yield from relation_findings(ctx, "T012", judge=lambda o: _certainty(ctx, o))


@rule("T013", "t4-totals", "error", "tables",
      "表四各组：总计＝结果维持+结果纠正+其他结果+尚未审结", "行政复议 维持1 纠正1 其他0 未结0，总计填 1")
def t4_totals(ctx: Context):
    """Each 总计 of 表四 (行政复议, 未经复议直接起诉, 复议后起诉) is the sum of its four outcomes
    (``t4-…-total``). Also where the row was printed as run-together digits that no cut balances
    (left blank, P001): a group that breaks under every cut is wrong whichever cut is right."""
    yield from relation_findings(ctx, "T013", judge=lambda o: _certainty(ctx, o))
    yield from _unbalanced_t4(ctx)


def _unbalanced_t4(ctx: Context):
    """表四 printed as run-together digits that no cut balances: ingest leaves the row blank
    (P001) and keeps every cut after the digits. A group whose 总计 differs from its four outcomes
    under every cut is wrong whichever cut is right — certain, so an error; a group some cut
    balances says nothing."""
    for p in ctx.report.problems:
        if (p.code != "P001" or p.table != "review_litigation" or p.col is not None
                or is_reading_note(p) or len(p.candidates) < 3 or p.candidates[-1] == MORE_READINGS):
            continue
        spec = ctx.template.tables["review_litigation"]
        if not spec.has_row(p.row):
            continue
        cols = [c.key for c in spec.row(p.row).columns]
        if any(ctx.report.cell("review_litigation", p.row, c) is not None for c in cols):
            continue            # filled in since: the relations judge the cells as they are
        cuts = [dict(zip(cols, map(Decimal, c.split("/")))) for c in p.candidates[1:]]
        if any(len(c) != len(cols) for c in cuts):
            continue
        for rel in relations(ctx.report.meta.template_version):
            if rel.code != "T013":
                continue
            for inst in rel.instances():
                if any(r != p.row for r, _ in inst.cells):
                    continue
                outs = [inst.evaluate(lambda r, c, cut=cut: cut.get(c)) for cut in cuts]
                if all(o is not None and not o.holds for o in outs):
                    row, col = inst.at
                    yield ctx.cell_finding(
                        "review_litigation", row, col,
                        f"{spec.cell_label(row, col)}：表四的数字连写为「{p.candidates[0]}」（共{len(cuts)}种拆分），"
                        "无论按哪一种拆分，总计都不等于四种结果之和。",
                        fix=f"应满足：{rel.wording}。对照原件核实表四各单元格。")


@rule("T020", "t2-repealed-plausible", "warning", "tables",
      "表二（2021版）第二十条第（一）项：制发、废止与现行有效件数相互说得通", "本年制发 5、本年废止 0，现行有效仅 2")
def t2_repealed(ctx: Context):
    """2021 表二: 现行有效 + 本年废止 ≥ 本年制发 (the implied stock at the start of the year is not
    negative), and with last year's report 本年废止 ≤ 上年现行有效 + 本年制发. Plausibility only: a
    warning (``t2-repealed-plausible``, ``t2-repealed-vs-previous``).
    """
    yield from relation_findings(ctx, "T020")


@rule("T021", "t2-published-total", "warning", "tables",
      "表二（2019版）对外公开总数量不小于本年新公开数量", "本年新公开 8 件，对外公开总数量 5 件")
def t2_published_total(ctx: Context):
    """2019 表二: the stock of published documents cannot be smaller than this year's new ones
    (``t2-published-total``)."""
    yield from relation_findings(ctx, "T021")


@rule("T022", "t2-items-negative", "warning", "tables",
      "表二（2019版）上一年项目数量加本年增/减不为负", "上一年项目数量 3，本年增/减 -5")
def t2_items_negative(ctx: Context):
    """2019 表二: 上一年项目数量 + 本年增/减 is this year's item count and cannot be negative
    (``t2-items-nonnegative``)."""
    yield from relation_findings(ctx, "T022")


@rule("T023", "t2-township-regulations", "warning", "tables",
      "表二（2021版）：乡镇、街道和县级政府、部门的报告中「规章」一行为 0（它们没有制定规章的权限）",
      "某镇人民政府的表二「规章」本年制发 2 件、现行有效 2 件")
def t2_township_regulations(ctx: Context):
    """规章 are made only by the State Council's departments and the governments of 省, 自治区,
    直辖市, 设区的市 and 自治州 (立法法): a 乡镇 or 街道 that reports 规章 made, repealed or in force has
    most likely counted its own internal rules (规章制度) or published a higher body's 规章 in this
    row; so has a county's government or department (县, 旗, a district or county-level city). The
    level is read from the agency's name, so this is a warning that says what to check."""
    from ...model import Level
    if ctx.template.version != "2021":
        return
    spec = ctx.template.tables["active_disclosure"]
    row = spec.row("regulations")
    filled = [(c, ctx.report.cell("active_disclosure", "regulations", c.key)) for c in row.columns if c.type == "int"]
    filled = [(c, v) for c, v in filled if v]
    if not filled:
        return          # (nearly every report: the row is 0 — the agency's level is read only past it)
    township = ctx.report.meta.level == Level.township
    if not township and not _county_level(ctx.report.meta.agency or ""):
        return
    said = "、".join(f"{c.label.removesuffix('件数')}{fmt(v)}件" for c, v in filled)
    label = row.label           # the row's name as the form prints it (format data)
    who = "乡镇、街道" if township else "县级的政府和部门"
    yield ctx.finding(f"{who}没有制定规章的权限，{spec.name}「{label}」一行却填报了{said}。"
                      f"核实是否把本机关的内部规章制度或上级机关的规章计入了此行。",
                      section="active_disclosure", table="active_disclosure", row="regulations",
                      col=filled[0][0].key, cell=f"{spec.name}「{label}」",
                      fix=f"「{label}」一行只填本机关制定的规章；{who}填 0。")


@rule("T024", "t2-items-are-decisions", "warning", "tables",
      "表二（2019版）：不止一行的处理决定数量恰为上一年项目数量加本年增/减（项目数一列填成了决定数）",
      "行政许可 5378、增1558、处理决定 6936；行政处罚 80、减38、处理决定 42")
def t2_items_are_decisions(ctx: Context):
    """2019 表二 rows (五)–(八) count 事项 (items) in their first two columns and decisions in the
    third. Where, in two rows or more, the decisions are exactly last year's figure plus the change
    (旺苍县林业局 2019, 第四百一十二批: 5378 + 1558 = 6936, 80 − 38 = 42), the first column holds
    last year's decisions, not items: the row was filled as a year-on-year count. One row can be a
    coincidence, so two are needed, and it stays a warning that says what to check."""
    if ctx.template.version != "2019":
        return
    spec = ctx.template.tables["active_disclosure"]
    hits = []
    for row in spec.data_rows:
        keys = {c.key for c in row.columns}
        if not {"prev_year_items", "change", "decisions"} <= keys:
            continue
        prev, change, decisions = (ctx.report.cell("active_disclosure", row.key, k)
                                   for k in ("prev_year_items", "change", "decisions"))
        if None in (prev, change, decisions) or not prev or not change or not decisions:
            continue
        if prev + change == decisions:
            hits.append((row, prev, change, decisions))
    if len(hits) < 2:
        return
    said = "；".join(f"「{r.label}」{fmt(p)}{'增' if c > 0 else '减'}{fmt(abs(c))}，处理决定{fmt(d)}"
                    for r, p, c, d in hits)
    row = hits[0][0]
    yield ctx.cell_finding("active_disclosure", row.key, "prev_year_items",
                           f"{spec.name}有{len(hits)}行的处理决定数量恰为上一年项目数量加本年增/减（{said}）："
                           "「上一年项目数量」一列可能填的是上一年的处理决定数，而不是事项数。",
                           fix="核对表二：前两列填事项数量（上一年项目数量、本年增/减），第三列填本年处理决定数量。")


def _county_level(agency: str) -> bool:
    """The agency's own place is a county (县, 旗, or a district or county-level city the division
    codes list under a prefecture) — 宣汉县经济和信息化局 (第三百三十九批) reporting 规章 made."""
    from ...agencies import holds_lower, parse_name
    n = parse_name(agency, strict=False)
    if n is None or not n.regions:
        return False
    last = n.regions[-1]
    if last in ("县", "旗"):
        return True
    if last.endswith(("县", "旗")):
        return True         # (自治县、自治旗 too)
    return last.endswith(("区", "市")) and holds_lower(last)


# Combinations of readings tried before a break is called uncertain instead.
MAX_READING_COMBOS = 20000
_UNSURE = "（该式用到的行在原件中数字连写，换一种读法此式可以成立：不能确定有误，请对照原件核实。）"


def _certainty(ctx: Context, o):
    """(None, "") when the relation breaks under every reading the digits allow (certain: the
    rule's severity); ("warning", note) when some reading would keep it."""
    inst = o.instance
    table = inst.relation.table
    spec = ctx.template.tables[table]
    cells = ctx.report.tables.get(table) or {}
    # a row without a P001 note was read as printed: its one reading is what it holds
    noted = {p.row for p in ctx.report.problems if p.code == "P001" and p.table == table}
    options: dict[str, list[tuple]] = {}
    for row in sorted({t.row for t in inst.lhs + inst.rhs if not t.prev}):
        if row not in noted:
            continue
        cols = [c.key for c in spec.row(row).columns]
        # the row's cells as report.cell reads them, one dict lookup for the row
        r = row_readings(ctx.report.problems, table, row, tuple(map((cells.get(row) or {}).get, cols)))
        if r is None:
            return "warning", _UNSURE
        options[row] = r
    multi = {k: v for k, v in options.items() if len(v) > 1}
    if not multi:
        return None, _double_count(ctx, o)
    total = 1
    for v in multi.values():
        total *= len(v)
    if total > MAX_READING_COMBOS:
        return "warning", _UNSURE
    if _holds_under_some_reading(inst, multi, lambda row: [c.key for c in spec.row(row).columns],
                                 lambda r, c: ctx.report.cell(table, r, c)):
        return "warning", _UNSURE
    return None, "（该式用到的行在原件中数字连写，但无论按哪种读法此式都不成立。）"


def _exact(v):
    return v if type(v) is int else Decimal(v)


def _holds_under_some_reading(inst, multi: dict[str, list[tuple]], columns, get) -> bool:
    """Whether some combination of the readings ``multi`` (row → the value tuples it may have, in
    the order of ``columns(row)``; other cells read by ``get(row, col)``) makes the instance hold,
    or leaves one of its cells unknown. The same answer as evaluating the instance on every
    combination (itertools.product), without doing so: each reading adds a fixed amount to
    left − right, so the combinations' sums are the sums one pick per row can reach, made row by
    row as a set (an inequality needs only each row's largest)."""
    target = 0                      # right − left of the cells no reading changes
    diffs = {k: [0] * len(opts) for k, opts in multi.items()}
    for side, sign in ((inst.lhs, 1), (inst.rhs, -1)):
        for t in side:
            if t.prev:
                return True         # last year's cell: not known here
            opts = multi.get(t.row)
            cols = columns(t.row) if opts is not None else ()
            if t.col not in cols:
                v = get(t.row, t.col)
                if v is None:
                    return True     # a blank cell: every combination leaves it unknown
                target -= sign * t.sign * _exact(v)
                continue
            i = cols.index(t.col)
            d = diffs[t.row]
            for j, vals in enumerate(opts):
                v = vals[i] if i < len(vals) else get(t.row, t.col)
                if v is None:
                    return True     # the combinations with this reading leave it unknown
                d[j] += sign * t.sign * _exact(v)
    if inst.relation.op == "=":
        reach = {0}
        for d in diffs.values():
            reach = {s + x for s in reach for x in set(d)}
        return target in reach
    return sum(max(d) for d in diffs.values()) >= target


def _double_count(ctx: Context, o) -> str:
    """表三's balance broken by exactly 四: the applications carried into next year are also
    counted among those handled (（七）总计)."""
    inst = o.instance
    if inst.relation.id != "t3-balance" or o.left >= o.right:
        return ""
    col = inst.at[1]
    forward = ctx.report.cell("applications", "carry_forward", col)
    results = ctx.report.cell("applications", "results_total", col)
    if forward and results is not None and Decimal(o.left) == Decimal(results):
        return (f"一+二正好等于（七）总计，多出的正是「四、结转下年度继续办理」{forward}件："
                "疑为结转下年度的申请同时计入了办结数（既算已办结又算结转）。")
    return ""
