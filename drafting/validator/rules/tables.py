"""Tables: completeness, the 勾稽关系 of 表三, the totals of 表四, plausibility of 表二."""
from __future__ import annotations

from decimal import Decimal

from ...metrics import APPLICANT_COLS
from ..core import Context, rule


def _v(x) -> Decimal:
    return Decimal(0) if x is None else Decimal(x)


def _fmt(x) -> str:
    d = _v(x)
    return str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")


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
        # A row ingest could not read is reported by the P rules, not as unfilled.
        empty = [r for r in spec.data_rows
                 if all((table.get(r.key) or {}).get(c.key) is None for c in r.columns)
                 and not all(ctx.unreadable(tkey, r.key, c.key) for c in r.columns)]
        if not empty:
            continue
        names = "、".join(f"「{spec.row_label(r.key)}」" for r in empty[:3])
        more = f"等{len(empty)}行" if len(empty) > 3 else ""
        first = empty[0]
        yield ctx.finding(f"{spec.name}有{len(empty)}个数据行未填报：{names}{more}。", section=tkey,
                          table=tkey, row=first.key, col=first.columns[0].key,
                          cell=spec.cell_label(first.key, first.columns[0].key),
                          fix="逐行填报；确无数据的填 0，不要留空。")


@rule("T002", "cell-blank", "warning", "tables",
      "已填报的行中没有留空的单元格（无数据应填 0）", "表三「（一）予以公开」自然人填 3，总计留空")
def cell_blank(ctx: Context):
    """Within a filled row, a blank cell is ambiguous (0 or forgotten?); the template expects 0."""
    for tkey, table in ctx.report.tables.items():
        if table is None:
            continue
        spec = ctx.template.tables[tkey]
        for r in spec.data_rows:
            cells = table.get(r.key) or {}
            blanks = [c for c in r.columns if cells.get(c.key) is None and not ctx.unreadable(tkey, r.key, c.key)]
            if blanks and len(blanks) < len(r.columns):
                cols = "、".join(c.full_label for c in blanks)
                yield ctx.cell_finding(tkey, r.key, blanks[0].key,
                                       f"{spec.name}「{spec.row_label(r.key)}」的{cols}未填。",
                                       fix="无数据的单元格填 0。")


def _t3_cols(ctx: Context):
    return ctx.template.tables["applications"].row("new_received").columns


@rule("T010", "t3-balance", "error", "tables",
      "表三每列：一（本年新收）+二（上年结转）＝（七）总计+四（结转下年度）", "自然人列 5+0 ≠ 4+0")
def t3_balance(ctx: Context):
    """The official 勾稽关系 printed in 表三's corner cell, column by column."""
    t = ctx.report.tables.get("applications")
    if not t:
        return
    spec = ctx.template.tables["applications"]
    for c in _t3_cols(ctx):
        vals = [ctx.report.cell("applications", r, c.key)
                for r in ("new_received", "carried_over", "results_total", "carry_forward")]
        if any(v is None for v in vals):
            continue
        a, b, total, fwd = (_v(v) for v in vals)
        if a + b != total + fwd:
            n = {r: spec.row(r).label for r in ("new_received", "carried_over", "results_total", "carry_forward")}
            yield ctx.cell_finding(
                "applications", "results_total", c.key,
                f"表三「{c.label}」列勾稽关系不成立：「{n['new_received']}」{_fmt(a)} +「{n['carried_over']}」{_fmt(b)}"
                f" = {_fmt(a + b)}，而「{n['results_total']}」{_fmt(total)} +「{n['carry_forward']}」{_fmt(fwd)}"
                f" = {_fmt(total + fwd)}。",
                fix=f"{spec.corner_note}；核对该列各行数据。")


@rule("T011", "t3-results-sum", "error", "tables",
      "表三每列：（七）总计＝各办理结果行之和", "（一）2 +（二）1 + … ＝ 4，而（七）总计填 5")
def t3_results_sum(ctx: Context):
    """（七）总计 equals the sum of all outcome rows: each application has exactly one outcome."""
    t = ctx.report.tables.get("applications")
    if not t:
        return
    spec = ctx.template.tables["applications"]
    outcome_rows = [r.key for r in spec.data_rows
                    if r.key not in ("new_received", "carried_over", "results_total", "carry_forward")]
    for c in _t3_cols(ctx):
        total = ctx.report.cell("applications", "results_total", c.key)
        parts = [ctx.report.cell("applications", r, c.key) for r in outcome_rows]
        if total is None or all(p is None for p in parts):
            continue
        s = sum(_v(p) for p in parts)
        if s != _v(total):
            yield ctx.cell_finding(
                "applications", "results_total", c.key,
                f"表三「{c.label}」列（七）总计为 {_fmt(total)}，但（一）至（六）各办理结果之和为 {_fmt(s)}。",
                fix="（七）总计应等于各办理结果行之和（部分公开只计一种情形）。")


@rule("T012", "t3-row-total", "error", "tables",
      "表三每行：总计列＝自然人+五类法人或其他组织之和", "「一、本年新收」自然人 3、商业企业 1，总计填 5")
def t3_row_total(ctx: Context):
    """The 总计 column is the sum of the six applicant columns on every row."""
    t = ctx.report.tables.get("applications")
    if not t:
        return
    spec = ctx.template.tables["applications"]
    for r in spec.data_rows:
        total = ctx.report.cell("applications", r.key, "total")
        parts = [ctx.report.cell("applications", r.key, c) for c in APPLICANT_COLS]
        if total is None or all(p is None for p in parts):
            continue
        s = sum(_v(p) for p in parts)
        if s != _v(total):
            yield ctx.cell_finding(
                "applications", r.key, "total",
                f"表三「{spec.row_label(r.key)}」总计为 {_fmt(total)}，但六类申请人之和为 {_fmt(s)}。",
                fix="总计应等于自然人与五类法人或其他组织之和。")


@rule("T013", "t4-totals", "error", "tables",
      "表四各组：总计＝结果维持+结果纠正+其他结果+尚未审结", "行政复议 维持1 纠正1 其他0 未结0，总计填 1")
def t4_totals(ctx: Context):
    """Each 总计 of 表四 (行政复议, 未经复议直接起诉, 复议后起诉) is the sum of its four outcomes."""
    if not ctx.report.tables.get("review_litigation"):
        return
    for g in ("review", "litigation_direct", "litigation_after_review"):
        total = ctx.report.cell("review_litigation", "counts", f"{g}_total")
        parts = [ctx.report.cell("review_litigation", "counts", f"{g}_{k}")
                 for k in ("maintain", "correct", "other", "pending")]
        if total is None or all(p is None for p in parts):
            continue
        s = sum(_v(p) for p in parts)
        if s != _v(total):
            col = ctx.template.tables["review_litigation"].column("counts", f"{g}_total")
            yield ctx.cell_finding("review_litigation", "counts", f"{g}_total",
                                   f"表四「{col.group}」总计为 {_fmt(total)}，但维持、纠正、其他、尚未审结之和为 {_fmt(s)}。",
                                   fix="总计应等于四种结果之和。")


@rule("T020", "t2-repealed-plausible", "warning", "tables",
      "表二（2021版）第二十条第（一）项：制发、废止与现行有效件数相互说得通", "本年制发 5、本年废止 0，现行有效仅 2")
def t2_repealed(ctx: Context):
    """2021 表二: 现行有效(上年) = 现行有效 − 本年制发 + 本年废止 must not be negative, and
    (given last year's report) 本年废止 cannot exceed 上年现行有效 + 本年制发.
    """
    if ctx.template.version != "2021" or not ctx.report.tables.get("active_disclosure"):
        return
    spec = ctx.template.tables["active_disclosure"]
    for row in ("regulations", "normative_documents"):
        made = ctx.report.cell("active_disclosure", row, "made")
        rep = ctx.report.cell("active_disclosure", row, "repealed")
        valid = ctx.report.cell("active_disclosure", row, "valid")
        if None in (made, rep, valid):
            continue
        label = spec.row(row).label
        if made > valid + rep:
            yield ctx.cell_finding("active_disclosure", row, "valid",
                                   f"表二「{label}」本年制发 {made} 件、本年废止 {rep} 件，现行有效却只有 {valid} 件，推算上年末现行有效为负数。",
                                   fix="核对现行有效件数是否包含本年制发的文件。")
        prev = ctx.previous
        if prev is not None and prev.template.version == "2021":
            pv = prev.cell("active_disclosure", row, "valid")
            if pv is not None and rep > pv + made:
                yield ctx.cell_finding("active_disclosure", row, "repealed",
                                       f"表二「{label}」本年废止 {rep} 件，超过上年现行有效 {pv} 件与本年制发 {made} 件之和。",
                                       fix="核对本年废止件数。")


@rule("T021", "t2-published-total", "warning", "tables",
      "表二（2019版）对外公开总数量不小于本年新公开数量", "本年新公开 8 件，对外公开总数量 5 件")
def t2_published_total(ctx: Context):
    """2019 表二: the stock of published documents cannot be smaller than this year's new ones."""
    if ctx.template.version != "2019" or not ctx.report.tables.get("active_disclosure"):
        return
    spec = ctx.template.tables["active_disclosure"]
    for row in ("regulations", "normative_documents"):
        new = ctx.report.cell("active_disclosure", row, "new_published")
        tot = ctx.report.cell("active_disclosure", row, "total_published")
        if new is not None and tot is not None and tot < new:
            yield ctx.cell_finding("active_disclosure", row, "total_published",
                                   f"表二「{spec.row(row).label}」对外公开总数量 {tot} 小于本年新公开数量 {new}。",
                                   fix="对外公开总数量应包含本年新公开的文件。")


@rule("T022", "t2-items-negative", "warning", "tables",
      "表二（2019版）上一年项目数量加本年增/减不为负", "上一年项目数量 3，本年增/减 -5")
def t2_items_negative(ctx: Context):
    """2019 表二: 上一年项目数量 + 本年增/减 is this year's item count and cannot be negative."""
    if ctx.template.version != "2019" or not ctx.report.tables.get("active_disclosure"):
        return
    spec = ctx.template.tables["active_disclosure"]
    for r in spec.data_rows:
        cols = {c.key for c in r.columns}
        if not {"prev_year_items", "change"} <= cols:
            continue
        prev = ctx.report.cell("active_disclosure", r.key, "prev_year_items")
        ch = ctx.report.cell("active_disclosure", r.key, "change")
        if prev is not None and ch is not None and prev + ch < 0:
            yield ctx.cell_finding("active_disclosure", r.key, "change",
                                   f"表二「{r.label}」上一年项目数量 {prev} 加本年增/减 {ch} 为负数。",
                                   fix="本年减少的项目数不能多于上一年项目数量。")
