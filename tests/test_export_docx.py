"""The .docx read back: page setup, fonts on every run, styles, table shapes and merges, numbers."""
from __future__ import annotations

import io
from collections import Counter
from decimal import Decimal

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from drafting.export import FontSet, export_bytes
from drafting.export.docx import docx_bytes
from drafting.formats import get_template
from drafting.metrics import fmt
from drafting.numbers import find_numbers

W_VAL = qn("w:val")


def read(report, fonts=None):
    return Document(io.BytesIO(docx_bytes(report, fonts)))


def tw(el, attr):
    return int(el.get(qn(f"w:{attr}")))


def alignment(p) -> str:
    """Effective alignment: the paragraph's own or its style's."""
    a = p.alignment or p.style.paragraph_format.alignment
    return a.name if a is not None else "LEFT"


def body_paragraphs(doc):
    """Paragraphs outside tables, in order."""
    return list(doc.paragraphs)


def tc_text(tc) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))


def tc_span(tc) -> int:
    gs = tc.find(qn("w:tcPr") + "/" + qn("w:gridSpan"))
    return 1 if gs is None else int(gs.get(W_VAL))


def tc_vmerge(tc):
    """'restart', 'continue' or None."""
    vm = tc.find(qn("w:tcPr") + "/" + qn("w:vMerge"))
    if vm is None:
        return None
    return vm.get(W_VAL) or "continue"


def grid(table_el):
    """Rows of (start column, span, vMerge, text) read straight from the XML."""
    out = []
    for tr in table_el.iter(qn("w:tr")):
        col, row = 0, []
        for tc in tr.findall(qn("w:tc")):
            row.append((col, tc_span(tc), tc_vmerge(tc), tc_text(tc)))
            col += tc_span(tc)
        out.append(row)
    return out


def n_grid_cols(table_el):
    return len(table_el.find(qn("w:tblGrid")).findall(qn("w:gridCol")))


# -- page ----------------------------------------------------------------------
def test_a4_and_gbt9704_margins(example):
    doc = read(example)
    sect = doc.sections[0]._sectPr
    pgsz, pgmar = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    assert (tw(pgsz, "w"), tw(pgsz, "h")) == (11906, 16838)                  # 210 × 297 mm
    assert (tw(pgmar, "top"), tw(pgmar, "bottom"), tw(pgmar, "left"), tw(pgmar, "right")) == \
        (2098, 1984, 1587, 1474)                                           # 37/35/28/26 mm


def test_fixed_line_pitch_gives_22_lines(example):
    doc = read(example)
    pf = doc.styles["Normal"].paragraph_format
    assert pf.line_spacing_rule is not None and pf.line_spacing_rule.name == "EXACTLY"
    type_area_pt = (297 - 37 - 35) / 25.4 * 72
    assert int(type_area_pt // pf.line_spacing.pt) == 22
    assert pf.first_line_indent == Pt(2 * 15.75)                  # two 三号 characters, condensed
    # 28 characters a line: 16 pt condensed by 0.25 pt (w:spacing −5 twentieths).
    spacing = doc.styles["Normal"].element.find(qn("w:rPr") + "/" + qn("w:spacing"))
    assert int(spacing.get(W_VAL)) == -5 and 28 * (16 - 0.25) <= (210 - 28 - 26) / 25.4 * 72 < 28 * 16


# -- fonts ---------------------------------------------------------------------
def all_runs(doc):
    parts = [doc.element.body]
    for s in doc.sections:
        parts += [s.footer._element, s.even_page_footer._element]
    for part in parts:
        yield from part.iter(qn("w:r"))


def run_fonts(r):
    rf = r.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    return None if rf is None else {k: rf.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia")}


def run_size(r):
    sz = r.find(qn("w:rPr") + "/" + qn("w:sz"))
    return None if sz is None else int(sz.get(W_VAL)) / 2


@pytest.mark.parametrize("which", ["example", "seed"])
def test_every_run_has_east_asian_font(which, request):
    doc = read(request.getfixturevalue(which))
    runs = list(all_runs(doc))
    assert len(runs) > 100
    for r in runs:
        f = run_fonts(r)
        assert f and f["eastAsia"] and f["ascii"] and f["hAnsi"], r.xml[:300]


def test_fonts_by_role(example):
    doc = read(example)
    paras = body_paragraphs(doc)
    title = paras[0]
    assert title.style.name == "Report Title"
    assert alignment(title) == "CENTER"
    for r in title.runs:
        assert run_fonts(r._element)["eastAsia"] == "方正小标宋简体" and run_size(r._element) == 22.0
    by_text = {p.text: p for p in paras}
    h1 = by_text["一、总体情况"]
    assert h1.style.name == "Heading 1"
    assert all(run_fonts(r._element)["eastAsia"] == "黑体" and run_size(r._element) == 16 for r in h1.runs)
    h2 = by_text["（一）主动公开"]
    assert h2.style.name == "Heading 2"
    assert all(run_fonts(r._element)["eastAsia"] == "楷体_GB2312" for r in h2.runs)
    body = next(p for p in paras if p.text.startswith("本局严格落实"))
    assert body.style.name == "Normal"
    for r in body.runs:
        f = run_fonts(r._element)
        assert f["eastAsia"] == "仿宋_GB2312" and f["ascii"] == "仿宋_GB2312" and run_size(r._element) == 16
    # Heading styles carry no theme font that would override the names in Word.
    for name in ("Normal", "Heading 1", "Heading 2"):
        rf = doc.styles[name].element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        assert rf.get(qn("w:asciiTheme")) is None and rf.get(qn("w:eastAsiaTheme")) is None
    assert doc.styles["Heading 1"].element.find(qn("w:rPr") + "/" + qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"


def test_fonts_are_configurable(example):
    fonts = FontSet().with_overrides({"body": "仿宋", "title": "华文中宋", "latin": "Times New Roman"})
    doc = read(example, fonts)
    assert run_fonts(doc.paragraphs[0].runs[0]._element)["eastAsia"] == "华文中宋"
    body = next(p for p in doc.paragraphs if p.text.startswith("本局严格落实"))
    f = run_fonts(body.runs[0]._element)
    assert f["eastAsia"] == "仿宋" and f["ascii"] == "Times New Roman"
    with pytest.raises(ValueError, match="未知的字体用途"):
        FontSet().with_overrides({"footer": "宋体"})


def test_page_number_footer(example):
    doc = read(example)
    assert doc.settings.odd_and_even_pages_header_footer
    sec = doc.sections[0]
    for footer, align in ((sec.footer, "RIGHT"), (sec.even_page_footer, "LEFT")):
        el = footer._element
        assert "PAGE" in "".join(t.text for t in el.iter(qn("w:instrText")))
        assert [f.get(qn("w:fldCharType")) for f in el.iter(qn("w:fldChar"))] == ["begin", "separate", "end"]
        p = footer.paragraphs[0]
        assert p.text == "— 1 —" and alignment(p) == align
        for r in el.iter(qn("w:r")):
            assert run_fonts(r)["eastAsia"] == "宋体" and run_size(r) == 14.0       # 四号


def test_signature_at_end(example):
    paras = [p for p in read(example).paragraphs if p.text.strip()]
    agency, date = paras[-2:]
    assert [agency.text, date.text] == [example.meta.agency, example.meta.date]
    # 署名右空二字; 日期首字比署名首字右移二字.
    area = (210 - 28 - 26) / 25.4 * 72
    a_left = agency.paragraph_format.left_indent.pt
    ch = 15.75                                      # a condensed 三号 character
    assert a_left + ch * len(example.meta.agency) + 2 * ch == pytest.approx(area, abs=0.1)
    assert date.paragraph_format.left_indent.pt - a_left == pytest.approx(2 * ch, abs=0.1)


def test_signature_when_date_is_longer_than_agency(example):
    example.meta.agency = "某某县统计局"
    agency, date = [p for p in read(example).paragraphs if p.text.strip()][-2:]
    assert alignment(date) == "RIGHT" and date.paragraph_format.right_indent.pt == pytest.approx(31.5, abs=0.1)
    # date 6.5 characters wide, agency 6: the agency moves left so the date still starts 2 later.
    assert agency.paragraph_format.right_indent.pt == pytest.approx((6.5 + 4 - 6) * 15.75, abs=0.1)


# -- tables --------------------------------------------------------------------
def test_three_tables_with_national_shapes_2021(example):
    doc = read(example)
    t2, t3, t4 = (t._tbl for t in doc.tables)
    assert (n_grid_cols(t2), len(grid(t2))) == (4, 14)
    assert (n_grid_cols(t3), len(grid(t3))) == (10, 3 + 25)
    assert (n_grid_cols(t4), len(grid(t4))) == (15, 4)


def test_table3_header_and_group_merges(example):
    t3 = grid(read(example).tables[1]._tbl)
    corner = t3[0][0]
    assert corner[:3] == (0, 3, "restart") and "勾稽关系" in corner[3]
    assert t3[0][1] == (3, 7, None, "申请人情况")
    assert [(c[0], c[1], c[2], c[3]) for c in t3[1]] == [
        (0, 3, "continue", ""), (3, 1, "restart", "自然人"), (4, 5, None, "法人或其他组织"), (9, 1, "restart", "总计")]
    assert [c[3] for c in t3[2][2:7]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert [c[2] for c in t3[2]][:1] == ["continue"] and t3[2][1][2] == "continue"
    body = t3[3:]
    assert body[0][0] == (0, 3, None, "一、本年新收政府信息公开申请数量")

    def merged_down(col, label):
        start = next(i for i, row in enumerate(body) if any(c[0] == col and c[3] == label for c in row))
        cell = next(c for c in body[start] if c[0] == col)
        assert cell[2] == "restart"
        n = 1
        for row in body[start + 1:]:
            c = next((c for c in row if c[0] == col), None)
            if c is None or c[2] != "continue":
                break
            n += 1
        return n
    assert merged_down(0, "三、本年度办理结果") == 22
    assert merged_down(1, "（三）不予公开") == 8
    assert merged_down(1, "（四）无法提供") == 3
    assert merged_down(1, "（五）不予处理") == 5
    assert merged_down(1, "（六）其他处理") == 3
    sub = next(row for row in body if any(c[3] == "（一）予以公开" for c in row))
    assert next(c for c in sub if c[3] == "（一）予以公开")[:2] == (1, 2)    # 跨两列


def test_table3_2019_has_single_other_row_and_ninth_block(seed):
    doc = read(seed)
    assert len(doc.tables) == 2      # the seed report has no 表四: a missing table stays missing
    t2, t3 = grid(doc.tables[0]._tbl), grid(doc.tables[1]._tbl)
    assert len(t3) == 3 + 23
    other = next(row for row in t3 if any(c[3] == "（六）其他处理" for c in row))
    cell = next(c for c in other if c[3] == "（六）其他处理")
    assert cell[1] == 2 and cell[2] is None
    col0 = [row[0] for row in t3 if row[0][0] == 0]
    restart = next(i for i, c in enumerate(col0) if c[3] == "三、本年度办理结果")
    assert sum(1 for c in col0[restart + 1:] if c[2] == "continue") == 19
    captions = [row[0][3] for row in t2 if row[0][1] == 4]
    assert captions == [g["caption"] for g in get_template("2019").tables["active_disclosure"].raw["groups"]]
    assert "第二十条第（九）项" in captions


def test_table4_header_spans(example):
    t4 = grid(read(example).tables[2]._tbl)
    assert [(c[0], c[1], c[3]) for c in t4[0]] == [(0, 5, "行政复议"), (5, 10, "行政诉讼")]
    assert [(c[1], c[2]) for c in t4[1][:5]] == [(1, "restart")] * 5
    assert [(c[0], c[1], c[3]) for c in t4[1][5:]] == [(5, 5, "未经复议直接起诉"), (10, 5, "复议后起诉")]
    assert [c[2] for c in t4[2][:5]] == ["continue"] * 5
    assert [c[3] for c in t4[2][5:]] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2


# -- numbers -------------------------------------------------------------------
def expected(report, table, row, col):
    v = report.cell(table, row, col)
    return "" if v is None else fmt(Decimal(v))


@pytest.mark.parametrize("which", ["example", "seed"])
def test_table_numbers_equal_report_data(which, request):
    report = request.getfixturevalue(which)
    doc = read(report)
    tpl = report.template
    tables = {t: grid(doc.tables[i]._tbl) for i, t in
              enumerate(k for k in ("active_disclosure", "applications", "review_litigation")
                        if report.tables.get(k) is not None)}
    spec3 = tpl.tables["applications"]
    body = tables["applications"][3:]
    assert len(body) == len(spec3.data_rows)
    for row_cells, r in zip(body, spec3.data_rows):
        assert [c[3] for c in row_cells[-7:]] == [expected(report, "applications", r.key, c.key) for c in r.columns]
        assert row_cells[-8][3] == r.label
    spec2 = tpl.tables["active_disclosure"]
    t2 = tables["active_disclosure"]
    for r in spec2.data_rows:
        line = next(row for row in t2 if row[0][3] == r.label)
        assert [c[3] for c in line[1:]] == [expected(report, "active_disclosure", r.key, c.key) for c in r.columns]
    if "review_litigation" in tables:
        spec4 = tpl.tables["review_litigation"]
        r = spec4.data_rows[0]
        assert [c[3] for c in tables["review_litigation"][3]] == \
            [expected(report, "review_litigation", r.key, c.key) for c in r.columns]


def test_unfilled_cells_stay_empty(seed):
    t3 = grid(read(seed).tables[1]._tbl)
    carried = next(row for row in t3 if row[0][3].startswith("二、"))
    assert [c[3] for c in carried[-7:]] == [""] * 7
    received = next(row for row in t3 if row[0][3].startswith("一、"))
    assert [c[3] for c in received[-7:]] == [""] * 6 + ["0"]


@pytest.mark.parametrize("which", ["example", "seed"])
def test_prose_numbers_equal_report_text(which, request):
    report = request.getfixturevalue(which)
    doc = read(report)
    texts = [p.text for p in doc.paragraphs]
    source = [line.strip() for t in [report.preamble or ""] + [s.text for s in report.sections.values()]
              for line in t.split("\n") if line.strip()]
    for line in source:
        assert line in texts, line
    got = Counter((m.value, m.unit) for t in texts for m in find_numbers(t))
    want = Counter((m.value, m.unit) for t in source for m in find_numbers(t))
    assert got == want
    assert want[(Decimal(486), "条")] == (1 if which == "example" else 0)


def test_document_properties_name_the_report(example):
    cp = read(example).core_properties
    assert cp.title == "青禾市云溪区市场监督管理局2024年政府信息公开工作年度报告"
    assert cp.author == example.meta.agency and "python-docx" not in (cp.comments + cp.author)


def test_export_bytes_gives_docx_name_and_type(example):
    data, name, mime = export_bytes(example, "docx")
    assert data[:2] == b"PK" and name == "青禾市云溪区市场监督管理局2024年政府信息公开工作年度报告.docx"
    assert mime.endswith("wordprocessingml.document")


def test_control_characters_do_not_break_the_file(example):
    example.sections["other"].text += "\n本年度\x0b无其他事项\x07。"
    doc = read(example)
    assert any(p.text == "本年度无其他事项。" for p in doc.paragraphs)
