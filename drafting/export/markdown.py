"""The report as Markdown, and as JSON (the report file plus the validator's findings).

Markdown has no merged cells, so each table is flattened: a row names its full label
(「（三）不予公开 1.属于国家秘密」) and a column its group (「法人或其他组织/商业企业」).
"""
from __future__ import annotations

import json

from ..io import report_json
from ..model import Report
from ..validator import Finding
from .docx import clean
from .layout import cell_text, outline


# Characters that make Markdown of user text: HTML (& < >), a table cell's end (|), links and
# images ([ ] — so [x](javascript:…), ![](url) and [x]: url definitions stay text), emphasis and
# code (* _ ` ~), and the backslash that would otherwise undo an escape.
_MD_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "\\": "\\\\",
                             "[": "\\[", "]": "\\]", "*": "\\*", "_": "\\_", "`": "\\`", "~": "\\~"})


def md_escape(text: str) -> str:
    """User text as Markdown that renders as the same text: no HTML, no link or image, no
    emphasis, no broken table."""
    return clean(text).translate(_MD_ESCAPES)


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def table_markdown(report: Report, table: str) -> str:
    spec = report.template.tables[table]
    lines = [f"**{spec.name}　{spec.title}**", ""]
    if table == "active_disclosure":
        for g in spec.raw["groups"]:
            cols = g["columns"]
            lines += [f"*{g['caption']}*", "", _md_row([c["label"] for c in cols]),
                      _md_row(["---"] * len(cols))]
            for r in g["rows"]:
                lines.append(_md_row([r["label"]] + [cell_text(report.cell(table, r["key"], c["key"]))
                                                     for c in cols if c.get("type") != "label"]))
            lines.append("")
    elif table == "review_litigation":
        row = spec.data_rows[0]
        lines += [_md_row(["项目", "数量"]), _md_row(["---", "---:"])]
        for c in row.columns:
            lines.append(_md_row([c.full_label, cell_text(report.cell(table, row.key, c.key))]))
        lines.append("")
    else:
        cols = spec.data_rows[0].columns
        if spec.corner_note:
            lines += [spec.corner_note, ""]
        lines += [_md_row(["项目"] + [c.full_label for c in cols]), _md_row(["---"] + ["---:"] * len(cols))]
        for r in spec.data_rows:
            lines.append(_md_row([spec.row_label(r.key)] + [cell_text(report.cell(table, r.key, c.key))
                                                            for c in cols]))
        lines.append("")
    return "\n".join(lines)


def markdown_text(report: Report) -> str:
    o = outline(report)
    lines = [f"# {md_escape(o.title)}", ""]
    for b in o.blocks:
        if b.kind == "heading1":
            lines += [f"## {md_escape(b.text)}", ""]
        elif b.kind == "heading2":
            lines += [f"### {md_escape(b.text)}", ""]
        elif b.kind == "para":
            head = f"**{md_escape(b.head)}**" if b.head else ""
            lines += [head + md_escape(b.text), ""]
        elif b.kind == "table":
            lines += [table_markdown(report, b.table), ""]
    lines.append(md_escape(o.agency))
    if o.date:
        lines += ["", md_escape(o.date)]
    return "\n".join(lines).rstrip("\n") + "\n"


def json_document(report: Report, findings: list[Finding]) -> dict:
    return {"report": report_json(report),
            "template": report.meta.template_version,
            "findings": [f.to_dict() for f in findings]}


def json_text(report: Report, findings: list[Finding]) -> str:
    return json.dumps(json_document(report, findings), ensure_ascii=False, indent=2) + "\n"
