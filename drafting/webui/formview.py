"""What the national-form component is given for one table: the template's layout (spans,
header groups, row groups, from drafting.export.layout — the same grid the .docx and HTML
exporters print), each cell's value, whether the app computes it, and the validator's findings
at it. Presentation only: the arithmetic is in drafting.workflow / drafting.relations, the
checks in the validator."""
from __future__ import annotations

import hashlib

from .. import workflow
from ..export.layout import table_grid
from ..model import Report
from ..validator import Finding

_RANK = {"error": 2, "warning": 1}


def cell_marks(findings: list[Finding], table: str) -> dict[tuple[str, str], tuple[str, list[Finding]]]:
    """(row, col) -> (the worst severity, the findings) for findings that name a cell of ``table``."""
    out: dict[tuple[str, str], tuple[str, list[Finding]]] = {}
    for f in findings:
        if f.table != table or not f.row or not f.col or f.severity not in _RANK:
            continue
        sev, fs = out.get((f.row, f.col), ("warning", []))
        fs.append(f)
        out[(f.row, f.col)] = (f.severity if _RANK[f.severity] > _RANK[sev] else sev, fs)
    return out


def form_view(report: Report, table: str, findings: list[Finding], *, focus: dict | None = None,
              ack: list[str] | None = None, details: bool = False) -> dict:
    spec = report.template.tables[table]
    grid = table_grid(report, table)
    computed = workflow.computed_cells(report, table)
    marks = cell_marks(findings, table)
    rows = []
    shape = []
    for line in grid.rows:
        out = []
        for c in line:
            d = {"t": c.text, "k": c.kind, "rs": c.rowspan, "cs": c.colspan}
            if c.kind == "data":
                sev, fs = marks.get((c.row_key, c.col_key), ("", []))
                tip = "；".join(f.message.rstrip("。") + (f"（规则 {f.code}）" if details else "") for f in fs)
                ro = (c.row_key, c.col_key) in computed
                if ro and not tip:
                    tip = "由其他单元格自动计算"
                d.update(r=c.row_key, c=c.col_key, v=c.text, n=spec.cell_label(c.row_key, c.col_key),
                         ro=ro, sev=sev, tip=tip)
                shape.append(f"{c.row_key}.{c.col_key}/{c.rowspan}/{c.colspan}")
            else:
                if c.kind == "label" and c.row_key:
                    d["d"] = spec.row(c.row_key).level
                shape.append(f"{c.kind}/{c.text}/{c.rowspan}/{c.colspan}")
            out.append(d)
        rows.append(out)
    sig = hashlib.sha1("|".join(shape).encode("utf-8")).hexdigest()[:12]
    return {"table": table, "sig": sig, "head": grid.header_rows, "rows": rows,
            "focus": focus, "ack": list(ack or [])}


def column_summary(report: Report, table: str, findings: list[Finding]) -> list[dict]:
    """Per column of 表三: whether the validator found a problem in that column (from its
    findings, not from arithmetic here)."""
    spec = report.template.tables[table]
    cols = spec.data_rows[0].columns
    out = []
    for c in cols:
        mine = [f for f in findings if f.table == table and f.col == c.key and f.severity == "error"]
        out.append({"列": c.full_label.replace("/", "·"), "核对结果": f"有 {len(mine)} 处错误" if mine else "无错误"})
    return out
