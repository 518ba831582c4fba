"""图解: simple horizontal bar charts drawn as inline SVG, from the report's own data.

No chart library and no script: the page stays self-contained and prints as it shows.
Every label and number passes through ``esc``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from ..formats import TableSpec
from ..metrics import Metric, compute, fmt
from ..model import Report

COLORS = ("#1d4f91", "#b8860b", "#2e7d32")
PREVIOUS_COLOR = "#9aa7b5"
_ORDINAL_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def short_label(label: str) -> str:
    """A template label without its ordinal and parenthetical note: （二）部分公开（区分…） → 部分公开."""
    label = _ORDINAL_PREFIX.sub("", label)
    m = re.match(r"^(总计|合计)（(.+)）$", label)
    if m:                       # 总计（本年度办理结果） → 本年度办理结果总计
        return m.group(2) + m.group(1)
    return label.split("（", 1)[0] or label


@dataclass
class Chart:
    key: str
    title: str
    labels: list[str]
    series: list[tuple[str, list[Decimal | None]]]   # (name, one value per label)
    unit: str
    colors: tuple[str, ...] = COLORS

    @property
    def has_data(self) -> bool:
        return any(v is not None for _, vals in self.series for v in vals)


def _wrap(s: str, width: int = 10, lines: int = 2) -> list[str]:
    """A label in at most ``lines`` lines of ``width`` characters (SVG text does not wrap)."""
    out = [s[i:i + width] for i in range(0, len(s), width)] or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][:-1] + "…"
    return out


def svg(chart: Chart) -> str:
    """One chart as an <svg> element (XML-clean: it also parses as XML).

    Drawn 480 units wide so that its 13-unit text stays legible when a phone scales it down.
    """
    width, label_w, value_w = 480, 150, 72
    bar_area = width - label_w - value_w
    bar_h, inner_gap, group_gap, line_h = 18, 3, 10, 15
    legend_h = 26 if len(chart.series) > 1 else 0
    n = len(chart.series)
    bars_h = n * bar_h + (n - 1) * inner_gap
    wrapped = [_wrap(label) for label in chart.labels]
    heights = [max(bars_h, len(w) * line_h + 4) for w in wrapped]
    height = legend_h + sum(h + group_gap for h in heights) + 4
    values = [v for _, vals in chart.series for v in vals if v is not None]
    top = max([Decimal(v) for v in values if v > 0], default=Decimal(1))
    title_id = f"chart-{chart.key}-title"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
             f'role="img" aria-labelledby="{title_id}" font-family="sans-serif" font-size="13">',
             f'<title id="{title_id}">{esc(chart.title)}</title>']
    if legend_h:
        x = label_w
        for i, (name, _) in enumerate(chart.series):
            parts.append(f'<rect x="{x}" y="6" width="14" height="14" fill="{chart.colors[i % len(chart.colors)]}"/>')
            parts.append(f'<text x="{x + 20}" y="18">{esc(name)}</text>')
            x += 34 + 13 * len(name)
    y = legend_h
    for li, label in enumerate(chart.labels):
        h = heights[li]
        parts.append(f'<g><title>{esc(label)}</title>')
        lines = wrapped[li]
        ty = y + h / 2 - (len(lines) - 1) * line_h / 2 + 5
        for k, line in enumerate(lines):
            parts.append(f'<text x="{label_w - 8}" y="{ty + k * line_h:.0f}" text-anchor="end">{esc(line)}</text>')
        by0 = y + (h - bars_h) / 2
        for si, (name, vals) in enumerate(chart.series):
            v = vals[li]
            by = by0 + si * (bar_h + inner_gap)
            color = chart.colors[si % len(chart.colors)]
            if v is None:
                parts.append(f'<text x="{label_w + 4}" y="{by + 14:.0f}" fill="#666">未填</text>')
                continue
            w = 0 if v <= 0 else max(2, float(Decimal(v) / top) * bar_area)
            parts.append(f'<rect x="{label_w}" y="{by:.0f}" width="{w:.1f}" height="{bar_h}" fill="{color}">'
                         f'<title>{esc(name)}：{esc(fmt(v))}{esc(chart.unit)}</title></rect>')
            parts.append(f'<text x="{label_w + w + 5:.1f}" y="{by + 14:.0f}">{esc(fmt(v))}{esc(chart.unit)}</text>')
        parts.append('</g>')
        y += h + group_gap
    parts.append('</svg>')
    return "".join(parts)


def _metric(metrics: dict[str, Metric], key: str) -> Decimal | None:
    m = metrics.get(key)
    return None if m is None else m.value


def outcomes_chart(report: Report) -> Chart | None:
    """Applications by outcome: （一）予以公开 … （六）其他处理, summed over applicants."""
    if report.tables.get("applications") is None:
        return None
    spec = report.template.tables["applications"]
    metrics = compute(report)
    rows = [r for r in spec.rows if r.parent == "results" and r.key != "results_total"]
    title = short_label(spec.row("results").label)
    return Chart("outcomes", title, [short_label(r.label) for r in rows],
                 [(str(report.meta.year) + "年", [_metric(metrics, f"t3.{r.key}") for r in rows])], "件")


def disclosure_charts(report: Report) -> list[Chart]:
    """表二 by category: blocks sharing the same count columns are drawn together."""
    if report.tables.get("active_disclosure") is None:
        return []
    spec: TableSpec = report.template.tables["active_disclosure"]
    blocks: dict[tuple[str, ...], list] = {}
    for r in spec.data_rows:
        cols = tuple(c.key for c in r.columns if c.type == "int")
        if cols:
            blocks.setdefault(cols, []).append(r)
    charts = []
    for i, (cols, rows) in enumerate(blocks.items()):
        captions = []
        for r in rows:
            if r.caption not in captions:
                captions.append(r.caption)
        series = []
        for ck in cols:
            label = spec.column(rows[0].key, ck).label
            series.append((label, [None if report.cell(spec.key, r.key, ck) is None
                                   else Decimal(report.cell(spec.key, r.key, ck)) for r in rows]))
        chart = Chart(f"disclosure-{i}", f"{spec.title}（{'、'.join(captions)}）",
                      [r.label for r in rows], series, "件")
        if chart.has_data:
            charts.append(chart)
    return charts


YOY_KEYS = {
    "applications": ("t3.received", "t3.carried_over", "t3.handled", "t3.granted", "t3.carry_forward"),
    "review_litigation": ("t4.review_total", "t4.litigation_total"),
}


def year_over_year_charts(report: Report, previous: Report) -> list[Chart]:
    """The same figures in the previous report and this one, one chart per table, since
    表二's thousands of decisions would flatten 表三's dozens of applications."""
    cur, prev = compute(report), compute(previous)
    groups = {t: [k for k in keys if k in cur and k in prev] for t, keys in YOY_KEYS.items()}
    # 表二 cells present under the same key in both years (e.g. 行政许可 处理决定数量).
    groups["active_disclosure"] = [k for k in cur if k.startswith("t2.") and k in prev and cur[k].unit == "件"]
    charts = []
    for table, keys in groups.items():
        keys = [k for k in keys if cur[k].value is not None or prev[k].value is not None]
        if not keys:
            continue
        title = report.template.tables[table].title
        charts.append(Chart(f"yoy-{table}", f"{previous.meta.year}年与{report.meta.year}年对比：{title}",
                            [short_label(cur[k].label) for k in keys],
                            [(f"{previous.meta.year}年", [prev[k].value for k in keys]),
                             (f"{report.meta.year}年", [cur[k].value for k in keys])],
                            "件", colors=(PREVIOUS_COLOR, COLORS[0])))
    return charts


def key_figures(report: Report) -> list[tuple[str, str, str]]:
    """(label, value, unit) for the figure cards: the year's headline numbers and the user's facts."""
    metrics = compute(report)
    out = []
    for k in ("t3.received", "t3.handled", "t3.carry_forward", "t4.review_total", "t4.litigation_total"):
        m = metrics.get(k)
        if m is not None and m.value is not None:
            out.append((short_label(m.label), fmt(m.value), m.unit))
    for k, m in metrics.items():
        if k.startswith("t2.") and m.unit == "万元" and m.value is not None:
            out.append((short_label(m.label), fmt(m.value), m.unit))
    for f in report.facts.figures:
        if f.label.startswith("其中"):      # a breakdown of the figure before it, not a headline
            continue
        out.append((f.label, fmt(f.value), f.unit))
    return out
