"""The report as one self-contained HTML page for the agency's website.

Semantic markup (sections, headings, tables with <thead>/<th scope> and the national
row/column spans), a stylesheet for phones and one for print, a 图解 section of inline
SVG charts. No script, no external resource. Every user-supplied string goes through
``esc``; the output is also well-formed XML, which the tests rely on.
"""
from __future__ import annotations

from ..model import Report
from .charts import (disclosure_charts, esc, key_figures, outcomes_chart, svg,
                     year_over_year_charts)
from .docx import clean
from .layout import Grid, outline, table_grid

CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #888; --accent: #1d4f91; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font-family: "FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 1.125rem; line-height: 1.8; }
main, header.doc-head, footer.signature, aside.charts { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
header.doc-head h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif;
  font-weight: normal; font-size: 1.6rem; line-height: 1.5; text-align: center; margin: 2rem 0 1.5rem; }
header.doc-head h1 span { display: block; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-weight: normal;
  font-size: 1.2rem; margin: 1.6rem 0 0.4rem; text-indent: 2em; }
h3 { font-family: "楷体_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", serif; font-weight: normal;
  font-size: 1.125rem; margin: 0.8rem 0 0.2rem; text-indent: 2em; }
p { margin: 0 0 0.4rem; text-indent: 2em; text-align: justify; }
.run-in { font-family: "楷体_GB2312", "楷体", "KaiTi", "STKaiti", serif; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0.6rem 0 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.875rem; line-height: 1.4;
  font-family: "仿宋_GB2312", "仿宋", "Noto Serif CJK SC", serif; }
table.t-applications { min-width: 40rem; }
table.t-review_litigation { min-width: 44rem; }
caption { text-align: left; font-size: 0.9rem; color: var(--muted); padding: 0.2rem 0; }
th, td { border: 1px solid var(--rule); padding: 0.25rem 0.3rem; vertical-align: middle; }
th { font-weight: normal; font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; text-align: center; }
th.row-label { font-family: inherit; text-align: left; }
th.corner { font-family: inherit; font-size: 0.8rem; text-align: left; }
td { text-align: center; font-variant-numeric: tabular-nums; }
footer.signature { text-align: right; margin-top: 2rem; margin-bottom: 2rem; }
footer.signature p { text-indent: 0; text-align: right; margin: 0; padding-right: 2em; }
aside.charts { border-top: 1px solid #ccc; margin-top: 2rem; padding-bottom: 2rem;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; }
aside.charts h2 { text-indent: 0; }
figure { margin: 1rem 0; }
figcaption { font-size: 1rem; margin-bottom: 0.3rem; }
svg.chart { width: 100%; height: auto; max-width: 40rem; display: block; }
ul.figures { list-style: none; padding: 0; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
ul.figures li { flex: 1 1 9rem; border: 1px solid #d5dbe3; border-radius: 6px; padding: 0.5rem 0.7rem; }
ul.figures .num { display: block; font-size: 1.5rem; color: var(--accent); font-variant-numeric: tabular-nums; }
ul.figures .lbl { display: block; font-size: 0.85rem; color: var(--muted); line-height: 1.4; }
.note { color: var(--muted); font-size: 0.9rem; text-indent: 0; }
@media (max-width: 36rem) {
  body { font-size: 1rem; }
  header.doc-head h1 { font-size: 1.3rem; }
}
@media print {
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  body { font-size: 16pt; line-height: 28.95pt; }
  main, header.doc-head, footer.signature, aside.charts { max-width: none; padding: 0; }
  header.doc-head h1 { font-size: 22pt; line-height: 1.4; margin-top: 0; }
  h2, h3 { font-size: 16pt; margin: 0; break-after: avoid; page-break-after: avoid; }
  p { margin: 0; }
  .table-wrap { overflow: visible; }
  table { font-size: 10.5pt; min-width: 0 !important; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  aside.charts { break-before: page; page-break-before: always; border: 0; }
  figure { break-inside: avoid; page-break-inside: avoid; }
}
"""


def _t(text: str) -> str:
    return esc(clean(text))


def table_html(grid: Grid) -> str:
    spec = grid.spec
    out = [f'<div class="table-wrap"><table class="t-{spec.key}">',
           f'<caption>{esc(spec.name)}　{esc(spec.title)}</caption>']

    def cell(gc) -> str:
        span = ""
        if gc.rowspan > 1:
            span += f' rowspan="{gc.rowspan}"'
        if gc.colspan > 1:
            span += f' colspan="{gc.colspan}"'
        if gc.kind == "data":
            return f"<td{span}>{_t(gc.text)}</td>"
        if gc.kind == "label":
            scope = "rowgroup" if gc.rowspan > 1 else "row"
            return f'<th scope="{scope}" class="row-label"{span}>{_t(gc.text)}</th>'
        if gc.kind == "corner":
            return f'<th class="corner"{span}>{_t(gc.text)}</th>'
        scope = "colgroup" if gc.colspan > 1 else "col"
        return f'<th scope="{scope}"{span}>{_t(gc.text)}</th>'

    if grid.header_rows:
        out.append("<thead>")
        for row in grid.rows[:grid.header_rows]:
            out.append("<tr>" + "".join(cell(c) for c in row) + "</tr>")
        out.append("</thead>")
    out.append("<tbody>")
    for row in grid.rows[grid.header_rows:]:
        out.append("<tr>" + "".join(cell(c) for c in row) + "</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out)


def charts_html(report: Report, previous: Report | None) -> str:
    # An <aside>: the 图解 accompany the report and are not a part of it (reading the page back
    # skips asides, so the figures are not taken for text of 「六」).
    out = ['<aside class="charts" id="tujie" aria-labelledby="tujie-h">', '<h2 id="tujie-h">图解</h2>']
    figures = key_figures(report)
    if figures:
        out.append('<ul class="figures">')
        for label, value, unit in figures:
            out.append(f'<li><span class="num">{_t(value)}{_t(unit)}</span><span class="lbl">{_t(label)}</span></li>')
        out.append("</ul>")
    charts = []
    oc = outcomes_chart(report)
    if oc is not None and oc.has_data:
        charts.append(oc)
    charts += disclosure_charts(report)
    if previous is not None:
        charts += year_over_year_charts(report, previous)
    for ch in charts:
        out.append(f'<figure id="chart-{esc(ch.key)}"><figcaption>{_t(ch.title)}</figcaption>{svg(ch)}</figure>')
    if not charts:
        out.append('<p class="note">统计表尚未填报，暂无图解。</p>')
    elif previous is None:
        out.append('<p class="note">未提供上一年度报告，不作年度对比。</p>')
    out.append("</aside>")
    return "\n".join(out)


def html_page(report: Report, previous: Report | None = None) -> str:
    o = outline(report)
    out = ['<!DOCTYPE html>', '<html lang="zh-CN">', "<head>", '<meta charset="utf-8" />',
           '<meta name="viewport" content="width=device-width, initial-scale=1" />',
           f"<title>{_t(o.title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           f'<header class="doc-head"><h1><span>{_t(o.title_lines[0])}</span><span>{_t(o.title_lines[1])}</span></h1></header>',
           "<main>"]
    open_section = False
    for b in o.blocks:
        if b.kind == "heading1":
            if open_section:
                out.append("</section>")
            out.append(f'<section id="{esc(b.section)}"><h2>{_t(b.text)}</h2>')
            open_section = True
        elif b.kind == "heading2":
            out.append(f"<h3>{_t(b.text)}</h3>")
        elif b.kind == "para":
            head = f'<span class="run-in">{_t(b.head)}</span>' if b.head else ""
            out.append(f"<p>{head}{_t(b.text)}</p>")
        elif b.kind == "table":
            out.append(table_html(table_grid(report, b.table)))
    if open_section:
        out.append("</section>")
    out.append("</main>")
    out.append('<footer class="signature">' + f"<p>{_t(o.agency)}</p>" +
               (f"<p>{_t(o.date)}</p>" if o.date else "") + "</footer>")
    out.append(charts_html(report, previous))
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
