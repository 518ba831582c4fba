"""Table and findings views shared by the app and the exporters (no Streamlit here)."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from .metrics import fmt
from .model import Report
from .validator import SEVERITY_ZH, Finding


def table_frame(report: Report, table: str) -> pd.DataFrame:
    """One table as a frame with the template's row and column labels; 未填 cells are empty."""
    spec = report.template.tables[table]
    if table == "review_litigation":
        cols = spec.row("counts").columns
        data = {c.full_label: [_cell(report.cell(table, "counts", c.key))] for c in cols}
        return pd.DataFrame(data, index=["数量"])
    if table == "active_disclosure":
        rows = []
        for r in spec.data_rows:
            for c in r.columns:
                rows.append({"项目": r.caption, "信息内容": r.label, "指标": c.label,
                             "数值": _cell(report.cell(table, r.key, c.key))})
        return pd.DataFrame(rows)
    cols = spec.data_rows[0].columns
    index = [spec.row_label(r.key) for r in spec.data_rows]
    data = {c.label: [_cell(report.cell(table, r.key, c.key)) for r in spec.data_rows] for c in cols}
    return pd.DataFrame(data, index=index)


def _cell(v) -> str:
    if v is None:
        return ""
    return fmt(Decimal(v))


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    return pd.DataFrame([{"级别": SEVERITY_ZH[f.severity], "代码": f.code, "位置": f.cell or f.section or "",
                          "问题": f.message, "原文": f.quote or "", "建议": f.fix or ""} for f in findings],
                        columns=["级别", "代码", "位置", "问题", "原文", "建议"])
