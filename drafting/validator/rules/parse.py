"""Parse: what could not be read from a published report (``drafting ingest`` / ``lint``).

Ingest keeps each problem in the report itself (``Report.problems``: code, message, the cell
and the candidate readings). These rules turn them into findings, so linting the
published file and validating the saved report file report the same thing. A cell problem
lapses once someone fills the cell in.
"""
from __future__ import annotations

from ...readings import is_reading_note
from ..core import Context, rule


def _cell_still_blank(ctx: Context, d) -> bool:
    table, row, col = d.table, d.row, d.col
    if table is None:
        return True
    t = ctx.report.tables.get(table)
    if t is None:
        return row is None      # a table that could not be read at all is still missing
    if row is None:
        return False
    spec = ctx.template.tables.get(table)
    if spec is None or not spec.has_row(row):
        return False
    cols = [col] if col else [c.key for c in spec.row(row).columns]
    return any(ctx.report.cell(table, row, c) is None for c in cols)


def _findings(ctx: Context, code: str, fix: str):
    for d in ctx.report.problems:
        if d.code != code or is_reading_note(d) or not _cell_still_blank(ctx, d):
            continue
        table, row, col = d.table, d.row, d.col
        cell = None
        spec = ctx.template.tables.get(table) if table else None
        if spec is not None and row and spec.has_row(row):
            c = col or spec.row(row).columns[0].key
            try:
                cell = spec.cell_label(row, c) if col else f"{spec.name}「{spec.row_label(row)}」"
            except KeyError:
                cell = None
        yield ctx.finding(d.message, section=table, table=table, row=row, col=col,
                          cell=cell, quote="、".join(d.candidates[:6]) or None, fix=fix)


@rule("P001", "cell-ambiguous", "error", "parse",
      "连写的数字能唯一拆分到各单元格", "表二「行政规范性文件」三格连写成“693665”，可拆为 6/93/665、69/36/65 等")
def cell_ambiguous(ctx: Context):
    """Cells printed with no separator (270020130) that the table's own arithmetic (row total,
    勾稽关系, 表四 totals) does not split in exactly one way. The cell is left blank, never guessed.
    """
    yield from _findings(ctx, "P001", "对照原件核实该单元格的数值后填入。")


@rule("P002", "cell-unreadable", "error", "parse",
      "统计表的行和单元格都能读出", "表三某行读到 5 个数值，而该行应有 7 个单元格")
def cell_unreadable(ctx: Context):
    """A table, row or cell of the published report that could not be read: a label not found,
    a wrong number of values, or a value that is not a number of the column's kind.
    """
    yield from _findings(ctx, "P002", "对照原件核实该表（行）的数值后填入。")


@rule("P004", "cell-blank-zeros", "warning", "parse",
      "连写的数字个数与该行单元格数相符", "表三「四、结转下年度继续办理」印作“0 00000”，6 个 0 对 7 个单元格")
def cell_blank_zeros(ctx: Context):
    """A row printed as zeros only, fewer than its cells: every figure printed is 0, so nothing is
    in doubt the way P002 means, but a cell was left empty (or lost in the copy) and which one
    cannot be told. The row is left unfilled rather than guessed; a warning says to fill it.
    """
    yield from _findings(ctx, "P004", "对照原件，把空着的单元格填上（无数据填 0）。")


@rule("P005", "cell-mark", "warning", "parse",
      "统计表的单元格填的是数字（没有数据的填 0），不是「—」「/」「无」或文字", "表二「行政事业性收费」一行印作“—”")
def cell_mark(ctx: Context):
    """A row printed with a mark of no figure in its cells (— / 无) instead of 0, or with words
    where a figure belongs (政府集中采购 | 某区公务用车10辆 | 1530000元: what was bought, not how
    many purchases). The agency did fill the row, so it is not an unfilled row (T001, an error);
    the cells stay blank and a warning says to write figures."""
    yield from _findings(ctx, "P005", "核实后在这些单元格填 0（或按原件填入数字）。")


@rule("P003", "title-unreadable", "warning", "parse",
      "标题或落款中能识别出机关名称和报告年度", "标题写作“政府信息公开工作年度报告”，没有机关名称")
def title_unreadable(ctx: Context):
    """The agency or year was not found in the title or 落款 (or disagrees with what was given),
    so the identity rules rest on a guess. Remove the problem from the report once the meta is checked.
    """
    for d in ctx.report.problems:
        if d.code == "P003":
            yield ctx.finding(d.message, fix="核实并填写基本信息中的机关名称和报告年度。")
