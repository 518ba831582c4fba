"""What every exporter renders: the report as an ordered outline, and each national table
as a grid of cells with their row and column spans.

The grids are built from the format data (header spans, row hierarchy, group captions),
so the .docx, the HTML page and the tests share one definition of the national layout.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..formats import TABLE_KEYS, Row, TableSpec
from ..metrics import fmt
from ..model import Report


# -- tables ------------------------------------------------------------------
@dataclass
class GridCell:
    text: str
    kind: str                 # corner | header | caption | label | data
    rowspan: int = 1
    colspan: int = 1
    row_key: str | None = None
    col_key: str | None = None

    @property
    def is_head(self) -> bool:
        return self.kind in ("corner", "header", "caption")


@dataclass
class Grid:
    """A table as HTML thinks of it: each row lists only the cells that start in it."""
    spec: TableSpec
    width: int
    header_rows: int
    rows: list[list[GridCell]] = field(default_factory=list)
    label_cols: int = 0        # leading columns that hold row labels (表三: 3)

    def positions(self) -> list[tuple[int, int, GridCell]]:
        """(row, column, cell) for every cell, placing each after the cells spanning into its row.

        Raises ValueError when a row does not fill the table width exactly.
        """
        taken: set[tuple[int, int]] = set()
        out = []
        for r, cells in enumerate(self.rows):
            c = 0
            for cell in cells:
                while (r, c) in taken:
                    c += 1
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        if (r + dr, c + dc) in taken:
                            raise ValueError(f"{self.spec.name} cells overlap at row {r + dr}, column {c + dc}")
                        taken.add((r + dr, c + dc))
                out.append((r, c, cell))
                c += cell.colspan
            if c > self.width:
                raise ValueError(f"{self.spec.name} row {r} is {c} columns wide, table is {self.width}")
        for r in range(len(self.rows)):
            for c in range(self.width):
                if (r, c) not in taken:
                    raise ValueError(f"{self.spec.name} row {r} leaves column {c} empty")
        return out


def cell_text(value) -> str:
    """A table value as printed; 未填 is an empty cell (not 0)."""
    return "" if value is None else fmt(Decimal(value))


def _value(report: Report, table: str, row: str, col: str) -> str:
    t = report.tables.get(table)
    if not t:
        return ""
    return cell_text((t.get(row) or {}).get(col))


def _header_cells(spec: TableSpec) -> list[list[GridCell]]:
    return [[GridCell(h["label"], "header", rowspan=h.get("rowspan", 1), colspan=h.get("colspan", 1))
             for h in line] for line in spec.header]


def _depth(spec: TableSpec, row: Row) -> int:
    """Number of label-only group rows above ``row`` (三、本年度办理结果, （三）不予公开 …)."""
    d, parent = 0, row.parent
    while parent:
        p = spec.row(parent)
        if not p.data:
            d += 1
        parent = p.parent
    return d


def _descendant_data_rows(spec: TableSpec, key: str) -> int:
    n = 0
    for r in spec.rows:
        parent = r.parent
        while parent:
            if parent == key:
                n += r.data
                break
            parent = spec.row(parent).parent
    return n


def _applications_grid(report: Report, spec: TableSpec) -> Grid:
    data_rows = spec.data_rows
    columns = data_rows[0].columns
    label_cols = 1 + max(_depth(spec, r) for r in data_rows)
    head = _header_cells(spec)
    head[0].insert(0, GridCell(spec.corner_note or "", "corner", rowspan=len(head), colspan=label_cols))
    grid = Grid(spec, label_cols + len(columns), len(head), head, label_cols)
    pending: list[GridCell] = []          # group labels waiting for their first data row
    for r in spec.rows:
        if not r.data:
            pending.append(GridCell(r.label, "label", rowspan=_descendant_data_rows(spec, r.key), row_key=r.key))
            continue
        depth = _depth(spec, r)
        line = pending + [GridCell(r.label, "label", colspan=label_cols - depth, row_key=r.key)]
        pending = []
        line += [GridCell(_value(report, spec.key, r.key, c.key), "data", row_key=r.key, col_key=c.key)
                 for c in columns]
        grid.rows.append(line)
    return grid


def _review_grid(report: Report, spec: TableSpec) -> Grid:
    head = _header_cells(spec)
    row = spec.data_rows[0]
    grid = Grid(spec, len(row.columns), len(head), head, 0)
    grid.rows.append([GridCell(_value(report, spec.key, row.key, c.key), "data", row_key=row.key, col_key=c.key)
                      for c in row.columns])
    return grid


def _disclosure_grid(report: Report, spec: TableSpec) -> Grid:
    groups = spec.raw["groups"]
    width = max(len(g["columns"]) for g in groups)
    grid = Grid(spec, width, 0, [], 1)
    for g in groups:
        cols = g["columns"]
        grid.rows.append([GridCell(g["caption"], "caption", colspan=width)])
        # The narrower blocks (（五）（六）（八）) stretch their last column to the table width,
        # as the national form prints them.
        last = width - len(cols) + 1
        grid.rows.append([GridCell(c["label"], "header", colspan=last if i == len(cols) - 1 else 1)
                          for i, c in enumerate(cols)])
        data_cols = [c for c in cols if c.get("type") != "label"]
        for r in g["rows"]:
            line = [GridCell(r["label"], "label", row_key=r["key"])]
            for i, c in enumerate(data_cols):
                line.append(GridCell(_value(report, spec.key, r["key"], c["key"]), "data",
                                     colspan=last if i == len(data_cols) - 1 else 1,
                                     row_key=r["key"], col_key=c["key"]))
            grid.rows.append(line)
    return grid


def table_grid(report: Report, table: str) -> Grid:
    spec = report.template.tables[table]
    if table == "applications":
        return _applications_grid(report, spec)
    if table == "review_litigation":
        return _review_grid(report, spec)
    return _disclosure_grid(report, spec)


# -- the report as an outline --------------------------------------------------
_ORDINAL = r"[一二三四五六七八九十]+"
SUBHEAD_RE = re.compile(rf"^(?:（{_ORDINAL}）|\({_ORDINAL}\))")


@dataclass
class Block:
    kind: str                   # heading1 | heading2 | para | table
    text: str = ""
    head: str | None = None     # para only: a run-in sub-head （一）……。 set in the level-2 font
    section: str | None = None
    table: str | None = None


@dataclass
class Outline:
    title_lines: tuple[str, str]
    blocks: list[Block]
    agency: str
    date: str | None

    @property
    def title(self) -> str:
        return "".join(self.title_lines)


def report_title_suffix(report: Report) -> str:
    """政府信息公开工作年度报告, taken from the format's own title rather than retyped."""
    t = report.template.format_title
    t = re.sub(r"^中华人民共和国", "", t)
    return re.sub(r"格式(（[^）]*）)?$", "", t)


def text_blocks(text: str, section: str | None) -> list[Block]:
    """Paragraphs of one section's text; （一）… lines become level-2 headings."""
    out: list[Block] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        m = SUBHEAD_RE.match(line)
        if m:
            rest = line[m.end():]
            if len(rest) <= 24 and not re.search(r"[。；;！？]", rest):
                out.append(Block("heading2", line, section=section))
                continue
            stop = line.find("。")
            if 0 < stop <= 30:      # run-in head: （一）主动公开。本局……
                out.append(Block("para", line[stop + 1:], head=line[:stop + 1], section=section))
                continue
        out.append(Block("para", line, section=section))
    return out


def outline(report: Report) -> Outline:
    blocks: list[Block] = []
    if report.preamble:
        blocks += text_blocks(report.preamble, "preamble")
    for spec in report.template.sections:
        sec = report.sections.get(spec.key)
        has_table = spec.table is not None and report.tables.get(spec.table) is not None
        if sec is None and not has_table:
            continue      # a missing part stays missing; the validator has said so
        blocks.append(Block("heading1", (sec.heading if sec and sec.heading else spec.title), section=spec.key))
        if sec and sec.text:
            blocks += text_blocks(sec.text, spec.key)
        if has_table:
            blocks.append(Block("table", section=spec.key, table=spec.table))
    return Outline((report.meta.agency, f"{report.meta.year}年{report_title_suffix(report)}"), blocks,
                   report.meta.agency, report.meta.date)


__all__ = ["Block", "Grid", "GridCell", "Outline", "TABLE_KEYS", "cell_text", "outline",
           "report_title_suffix", "table_grid", "text_blocks"]
