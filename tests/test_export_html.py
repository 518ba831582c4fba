"""The HTML page: well-formed, tables with consistent spans, escaped user text, self-contained, 图解."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from drafting.export import export_bytes
from drafting.export.html import html_page
from drafting.export.markdown import markdown_text
from drafting.model import Figure

VOID = {"meta", "br", "img", "input", "link", "hr", "col", "source", "wbr", "area", "base", "embed", "track"}


class Balance(HTMLParser):
    """Checks that every non-void tag is closed in order, the way a validator would."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tables: list[list[list[tuple[int, int]]]] = []
        self._row: list[tuple[int, int]] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._row.append((int(a.get("rowspan", 1)), int(a.get("colspan", 1))))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID and tag not in ("rect", "path", "line", "circle"):
            self.errors.append(f"self-closed <{tag}/>")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()
        if tag == "tr":
            self.tables[-1].append(self._row)

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Balance:
    b = Balance()
    b.feed(page)
    b.close()
    assert not b.errors and not b.stack, (b.errors, b.stack)
    return b


def table_width(rows: list[list[tuple[int, int]]]) -> list[int]:
    """Columns each row fills, counting cells that span down into it; gaps and overlaps fail."""
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        col = 0
        for rs, cs in row:
            while (r, col) in taken:
                col += 1
            for dr in range(rs):
                for dc in range(cs):
                    assert (r + dr, col + dc) not in taken, "overlapping cells"
                    taken.add((r + dr, col + dc))
            col += cs
    widths = []
    for r in range(len(rows)):
        cols = sorted(c for rr, c in taken if rr == r)
        assert cols == list(range(len(cols))), f"row {r} has a gap"
        widths.append(len(cols))
    assert not any(rr >= len(rows) for rr, _ in taken), "a cell spans below the table"
    return widths


@pytest.mark.parametrize("which", ["example", "seed"])
def test_well_formed_and_spans_add_up(which, request):
    report = request.getfixturevalue(which)
    page = html_page(report)
    assert page.startswith("<!DOCTYPE html>")
    root = ET.fromstring(page.split("\n", 1)[1])   # also well-formed as XML
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    b = parse(page)
    expected = {"example": [4, 10, 15], "seed": [4, 10]}[which]
    assert len(b.tables) == len(expected)
    for rows, width in zip(b.tables, expected):
        assert set(table_width(rows)) == {width}


def test_table_markup_is_semantic(example):
    page = html_page(example)
    root = ET.fromstring(page.split("\n", 1)[1])
    tables = root.findall(".//table")
    t3 = tables[1]
    assert t3.find("caption").text.startswith("表三")
    head = t3.find("thead").findall("tr")
    assert len(head) == 3
    corner = head[0][0]
    assert corner.get("rowspan") == "3" and corner.get("colspan") == "3" and "勾稽关系" in corner.text
    assert (head[0][1].text, head[0][1].get("colspan"), head[0][1].get("scope")) == ("申请人情况", "7", "colgroup")
    assert [(th.text, th.get("rowspan"), th.get("colspan")) for th in head[1]] == \
        [("自然人", "2", None), ("法人或其他组织", None, "5"), ("总计", "2", None)]
    group = t3.find(".//th[@rowspan='22']")
    assert group.text == "三、本年度办理结果" and group.get("scope") == "rowgroup"
    t4 = tables[2]
    assert [(th.text, th.get("colspan")) for th in t4.find("thead").findall("tr")[0]] == [("行政复议", "5"), ("行政诉讼", "10")]
    assert [td.text for td in t4.find("tbody").findall("tr")[0]] == \
        ["1", "0", "0", "1", "2", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"]


def test_self_contained_phone_and_print(example):
    page = html_page(example)
    assert 'name="viewport"' in page and "@media print" in page and "@media (max-width" in page
    assert not re.search(r"<script|<link|\ssrc=|@import|url\(", page, re.I)
    # The only address is the SVG namespace.
    assert set(re.findall(r"https?://[^\s\"')<]+", page)) == {"http://www.w3.org/2000/svg"}


EVIL = '<script>alert("x")</script>'


def evil_report(report):
    report.meta.agency = "某某局" + EVIL
    report.meta.date = "2025年1月20日" + EVIL
    report.preamble = "导语" + EVIL
    report.sections["overall"].text = "（一）主动公开" + EVIL + "\n正文" + EVIL + "\n（二）依申请公开。" + EVIL + "正文。"
    report.sections["problems"].heading = "五、存在的主要问题及改进情况" + EVIL
    report.facts.figures.append(Figure(key="x", label="培训" + EVIL, value=3, unit="次" + EVIL))
    return report


def test_script_in_any_user_field_is_escaped(example):
    report = evil_report(example)
    page = html_page(report, previous=report)
    assert "<script" not in page.lower()
    assert page.count("&lt;script&gt;") >= 8
    ET.fromstring(page.split("\n", 1)[1])
    text = "".join(parse(page).text)
    assert EVIL in text                              # shown to the reader as text, intact
    md = markdown_text(report)
    assert "<script" not in md.lower() and "&lt;script&gt;" in md


def test_charts_draw_the_report_figures(example):
    page = html_page(example)
    root = ET.fromstring(page.split("\n", 1)[1])
    section = root.find(".//aside[@id='tujie']")
    assert section.find("h2").text == "图解"
    ns = "{http://www.w3.org/2000/svg}"
    outcomes = section.find(".//figure[@id='chart-outcomes']")
    labels = [t.text for t in outcomes.iter(f"{ns}text") if t.get("text-anchor") == "end"]
    values = [t.text for t in outcomes.iter(f"{ns}text") if t.get("text-anchor") is None]
    assert labels == ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]
    # 表三 group totals: （三）=1, （四）=5+1, （五）=1+1, （六）=1.
    assert values == ["10件", "2件", "1件", "6件", "2件", "1件"]
    bars = [float(r.get("width")) for r in outcomes.iter(f"{ns}rect")]
    assert bars[0] == max(bars) and bars[3] == pytest.approx(bars[0] * 6 / 10, rel=0.01)
    disclosure = section.find(".//figure[@id='chart-disclosure-1']")
    assert [t.text for t in disclosure.iter(f"{ns}text") if t.get("text-anchor") is None] == ["1268件", "215件", "12件"]
    cards = [li.find("span").text for li in section.find("ul").findall("li")]
    assert cards[:5] == ["23件", "22件", "2件", "2件", "1件"] and "3.62万元" in cards
    assert section.find(".//figure[@id='chart-yoy-applications']") is None
    assert "未提供上一年度报告" in page


def test_year_over_year_with_previous(example):
    from drafting.io import load_report
    from .conftest import EXAMPLE
    prev = load_report(EXAMPLE)
    prev.meta.year = 2023
    prev.tables["applications"]["new_received"]["total"] = 17
    prev.tables["active_disclosure"]["licensing"]["decisions"] = 990
    page = html_page(example, previous=prev)
    root = ET.fromstring(page.split("\n", 1)[1])
    ns = "{http://www.w3.org/2000/svg}"
    fig = root.find(".//figure[@id='chart-yoy-applications']")
    assert fig.find("figcaption").text.startswith("2023年与2024年对比")
    texts = [t.text for t in fig.iter(f"{ns}text")]
    assert texts[:2] == ["2023年", "2024年"] and "17件" in texts and "23件" in texts
    fig2 = root.find(".//figure[@id='chart-yoy-active_disclosure']")
    assert {"990件", "1268件"} <= {t.text for t in fig2.iter(f"{ns}text")}


def test_export_bytes_html(example):
    data, name, mime = export_bytes(example, "html")
    assert name.endswith(".html") and mime.startswith("text/html")
    assert data.decode("utf-8").count("<table") == 3


def test_the_exported_page_reads_back_without_findings(example):
    """Linting the project's own web page gives what validating the report gives: the 图解 are
    an aside and are not read as text of 「六」 (their labels once raised a Y003 numbering warning)."""
    from drafting.ingest import ingest_bytes
    from drafting.validator import validate
    page = html_page(example).encode("utf-8")
    back = ingest_bytes(page, "报告.html").report
    assert [f.code for f in validate(back)] == [f.code for f in validate(example)] == []
    assert "图解" not in back.sections["other"].text
    assert back.tables["applications"] == example.tables["applications"]
