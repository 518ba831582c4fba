"""Reading reports published as PDF: the text layer, scans (OCR) and image files.

Fixtures (fixtures/pdf/README.md): this project's own reports exported to .docx, rendered to PDF
by LibreOffice, and those pages rasterised into an image-only PDF and a coarse JPEG; and the
real published PDFs of the corpus (fixtures/corpus/reports/gh_*.pdf), whose tables were typed
below by reading the PDF, not copied from the tool.
"""
from __future__ import annotations

import json
import os
import shutil
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.cli import app
from drafting.formats import get_template
from drafting.ingest import ingest_bytes, ingest_path, ingest_text
from drafting.ingest import layout, ocr, pdf
from drafting.ingest.layout import Glyph, Line, Page, Seg, Table
from drafting.ingest.tables import unsure_cell
from drafting.io import ReportLoadError
from drafting.validator import validate

from .conftest import EXAMPLE, FIXTURES

PDFS = FIXTURES / "pdf"
CORPUS = FIXTURES / "corpus" / "reports"
runner = CliRunner()
needs_ocr = pytest.mark.skipif(ocr.tessdata_dir() is None and not os.environ.get("CI"),
                               reason="Tesseract chi_sim/eng data not installed (CI installs it)")


def _lint(path) -> tuple[int, list[dict]]:
    r = runner.invoke(app, ["lint", "--json", str(path)])
    assert "Traceback" not in r.output
    return r.exit_code, json.loads(r.stdout)[0]["findings"]


def _cells(report) -> dict[tuple[str, str, str], object]:
    out = {}
    for tkey, spec in report.template.tables.items():
        for r in spec.data_rows:
            for c in r.columns:
                out[(tkey, r.key, c.key)] = report.cell(tkey, r.key, c.key)
    return out


# -- text layer: the same findings as the .docx it was made from ---------------------------------
@pytest.mark.parametrize("name", ["example", "seed"])
def test_text_pdf_lints_like_its_docx(name):
    code_docx, docx = _lint(PDFS / f"{name}.docx")
    code_pdf, from_pdf = _lint(PDFS / f"{name}.pdf")
    assert from_pdf == docx
    assert code_pdf == code_docx
    a = ingest_path(PDFS / f"{name}.pdf").report
    b = ingest_path(PDFS / f"{name}.docx").report
    assert a.tables == b.tables
    # A space where a line wraps is not drawn, so it is not in the PDF (「3 条」 → 「3条」).
    assert {k: "".join(s.text.split()) for k, s in a.sections.items()} == \
        {k: "".join(s.text.split()) for k, s in b.sections.items()}
    assert (a.meta.agency, a.meta.year, a.preamble) == (b.meta.agency, b.meta.year, b.preamble)


def test_seed_pdf_keeps_its_real_defects():
    code, findings = _lint(PDFS / "seed.pdf")
    assert code == 1
    msgs = " ".join(f["message"] for f in findings)
    for needle in ("兴庆区人社局", "缺少第四部分", "改进打算写成了报告年度「2019」"):
        assert needle in msgs


def test_page_numbers_and_repeated_header_rows_are_gone():
    lines = "\n".join(ingest_path(PDFS / "example.pdf").report.sections["applications"].text.split("\n"))
    doc = pdf.read_pdf((PDFS / "example.pdf").read_bytes(), "example.pdf")
    assert not any(layout.is_page_number(ln) for ln in doc.lines)
    assert not any("—" in ln and any(ch.isdigit() for ch in ln) and len(ln) < 8 for ln in doc.lines)
    # 表三 crosses pages 3–4 and LibreOffice repeats its three header rows on page 4.
    headers = [ln for ln in doc.lines if ln.startswith("（本列数据的勾稽关系为")]
    assert len(headers) == 3
    assert "— 3 —" not in lines


def test_a_paragraph_split_by_a_page_break_is_one_paragraph():
    doc = pdf.read_pdf((PDFS / "example.pdf").read_bytes(), "example.pdf")
    # The first paragraph of 「（一）主动公开」 runs from page 1 onto page 2.
    assert any("全年制发行政规范性文件3件，均按规定同步公开" in ln for ln in doc.lines)


def test_live_docx_to_pdf_lints_like_the_docx(tmp_path):
    """The current export, rendered now by LibreOffice (fails under CI without it)."""
    from drafting.export import export_bytes
    from drafting.export.render import docx_to_pdf, soffice_path
    from drafting.io import load_report
    if soffice_path() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing (CI must install libreoffice-writer-nogui)")
        pytest.skip("LibreOffice not installed")
    data, _, _ = export_bytes(load_report(EXAMPLE), "docx")
    docx = tmp_path / "r.docx"
    docx.write_bytes(data)
    rendered = docx_to_pdf(docx, tmp_path)
    assert _lint(rendered) == _lint(docx)


@pytest.mark.parametrize("name", ["example.pdf", "seed.pdf"])
def test_pdf_ingest_then_validate_equals_lint(tmp_path, name):
    out = tmp_path / "r.yaml"
    r = runner.invoke(app, ["ingest", str(PDFS / name), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "已读取" in r.output
    _, linted = _lint(PDFS / name)
    v = runner.invoke(app, ["validate", "--json", str(out)])
    assert json.loads(v.stdout)[0]["findings"] == linted


# -- real published PDFs (corpus): tables as typed by reading the PDF ------------------------
HONGZE_2023_T4 = (10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0)
HUAIAN_2024_T3 = {   # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
    "new_received": (3001, 53, 0, 0, 61, 4, 3119),
    "granted": (1288, 21, 0, 0, 50, 3, 1362),
    "denied_internal_affairs": (7, 1, 0, 0, 0, 0, 8),
    "unable_not_held": (746, 12, 0, 0, 10, 1, 769),
    "other_no_correction": (67, 3, 0, 0, 1, 0, 71),
    "other_no_fee": (6, 0, 0, 0, 0, 0, 6),
    "other_other": (108, 2, 0, 0, 0, 0, 110),        # printed 「3、其他」
    "results_total": (2932, 53, 0, 0, 61, 4, 3050),
    "carry_forward": (103, 0, 0, 0, 0, 0, 103),
}
HUAIAN_2024_T4 = (72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20)


def _corpus(name: str) -> Path:
    p = CORPUS / name
    if not p.exists():
        pytest.fail(f"corpus report {name} missing")
    return p


def test_real_pdf_tables_read_as_printed():
    rep = ingest_path(_corpus("gh_huaian_2024.pdf")).report
    spec = rep.template.tables["applications"]
    for row, vals in HUAIAN_2024_T3.items():
        got = tuple(rep.cell("applications", row, c.key) for c in spec.row(row).columns)
        assert got == vals, row
    t4 = rep.template.tables["review_litigation"]
    assert tuple(rep.cell("review_litigation", "counts", c.key) for c in t4.row("counts").columns) == HUAIAN_2024_T4
    assert rep.cell("active_disclosure", "fees", "fee_amount") == Decimal("96171.6")
    assert rep.cell("active_disclosure", "licensing", "decisions") == 447228
    assert rep.problems == []


def test_real_pdf_misprinted_label_and_2019_row_read():
    rep = ingest_path(_corpus("gh_hongze_2023.pdf")).report
    t4 = rep.template.tables["review_litigation"]
    assert tuple(rep.cell("review_litigation", "counts", c.key) for c in t4.row("counts").columns) == HONGZE_2023_T4
    # 「2.其他法律行政止公开」 is printed with characters missing: read as its row.
    assert rep.cell("applications", "denied_law_forbidden", "natural_person") == 0
    assert rep.cell("applications", "unable_need_creation", "natural_person") == 3   # last row on page 3, open bottom
    assert rep.cell("applications", "results_total", "total") == 21
    # nothing unread; what is recorded is that 表三 is printed on the 2019 form (（六） one row)
    assert [(p.code, p.table, p.row) for p in rep.problems] == [("S005", "applications", "other_handling")]


@pytest.mark.parametrize("name", ["gh_hongze_2023.pdf", "gh_hongze_2024.pdf", "gh_huaian_2024.pdf"])
def test_real_pdfs_have_no_reading_errors(name):
    _, findings = _lint(_corpus(name))
    codes = {f["code"] for f in findings if f["severity"] == "error"}
    # Reading problems (P) or rows not read (T001 for a row that is printed) would be wrong.
    assert not {c for c in codes if c.startswith("P")}
    for f in findings:
        if f["code"] == "T001":
            assert "（六）其他处理" in f["message"] and "2.其他法律" not in f["message"]


# -- scans: the same tables, or the cell reported, never a different figure ------------------------
@pytest.fixture(scope="module")
def scanned():
    if ocr.tessdata_dir() is None:
        if os.environ.get("CI"):
            pytest.fail("Tesseract data missing (CI must install tesseract-ocr-chi-sim tesseract-ocr-eng)")
        pytest.skip("Tesseract chi_sim/eng data not installed")
    return ingest_path(PDFS / "example_scan.pdf")


def _never_a_different_figure(rep, truth, only=None):
    unsure = {(p.table, p.row, p.col): p for p in rep.problems if p.code == "P001" and p.col}
    same = reported = 0
    for key, want in truth.items():
        if only is not None and key[1] not in only:
            continue
        got = rep.cell(*key)
        if got == want:
            same += 1
            continue
        assert got is None, f"{key}: read {got}, printed {want}"
        assert key in unsure, f"{key}: left blank without a finding"
        assert str(want) in unsure[key].candidates or not unsure[key].candidates
        reported += 1
    return same, reported


def test_scan_reads_the_same_tables_or_reports_the_cell(scanned):
    truth = _cells(ingest_path(PDFS / "example.docx").report)
    same, reported = _never_a_different_figure(scanned.report, truth)
    assert same >= 0.95 * len(truth)
    assert scanned.kind == "pdf-scan"
    assert scanned.report.meta.year == 2024
    assert set(scanned.report.sections) == set(ingest_path(PDFS / "example.docx").report.sections)


def test_scan_has_no_table_errors_the_docx_has_not(scanned):
    findings = validate(scanned.report)
    assert not [f for f in findings if f.severity == "error" and f.code.startswith(("T", "S"))]


def test_coarse_scan_never_gives_a_different_figure():
    if ocr.tessdata_dir() is None and not os.environ.get("CI"):
        pytest.skip("Tesseract chi_sim/eng data not installed")
    # One page from the middle of a report: no title, so the agency and year are given.
    got = ingest_path(PDFS / "example_page3_100dpi.jpg", agency="青禾市云溪区市场监督管理局", year=2024)
    assert got.kind == "image"
    truth = _cells(ingest_path(PDFS / "example.docx").report)
    # The page holds 表二 without its heading (on page 2), so only 表三 is read: its rows down
    # to 「3.要求提供公开出版物」.
    spec = get_template("2021").tables["applications"]
    keys = [r.key for r in spec.data_rows]
    page3 = set(keys[:keys.index("np_publication") + 1])
    assert got.report.tables.get("active_disclosure") is None
    same, reported = _never_a_different_figure(got.report, truth, only=page3)
    assert same + reported == sum(1 for k in truth if k[1] in page3)
    assert same >= 0.8 * (same + reported)


def test_mixed_pdf_joins_a_scanned_page_to_text_pages():
    """Pages 1–2 and 4–6 with their text layer, page 3 (表二 end, 表三 start) scanned: 表三 goes
    on from the OCR page onto the text page as one table."""
    import io

    import pypdfium2 as pdfium
    if ocr.tessdata_dir() is None and not os.environ.get("CI"):
        pytest.skip("Tesseract chi_sim/eng data not installed")
    text, scan = pdfium.PdfDocument(PDFS / "example.pdf"), pdfium.PdfDocument(PDFS / "example_scan.pdf")
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(text, [0, 1])
    mixed.import_pages(scan, [2])
    mixed.import_pages(text, [3, 4, 5])
    buf = io.BytesIO()
    mixed.save(buf)
    got = ingest_bytes(buf.getvalue(), "mixed.pdf")
    assert got.kind == "pdf-mixed"
    truth = ingest_path(PDFS / "example.docx").report
    _never_a_different_figure(got.report, _cells(truth))
    spec = truth.template.tables["applications"]
    for row in ("np_massive", "other_no_correction", "results_total", "carry_forward"):   # on page 4
        assert [got.report.cell("applications", row, c.key) for c in spec.row(row).columns] == \
            [truth.cell("applications", row, c.key) for c in spec.row(row).columns]
    assert {k: sec.text for k, sec in got.report.sections.items()} == \
        {k: sec.text for k, sec in truth.sections.items()}


def test_agency_from_an_unsure_ocr_title_is_checked_against_the_signature():
    from drafting.ingest.document import _ocr_agency
    problems = []
    title, tail = "青禾市云宦区市场监督管理局", "青禾市云溪区市场监督管理局"
    assert _ocr_agency({title}, title, tail, problems) == tail
    assert problems[0].code == "P003" and tail in problems[0].message
    problems = []
    assert _ocr_agency({title}, title, None, problems) == title
    assert problems[0].code == "P003" and "可能有误" in problems[0].message
    problems = []
    assert _ocr_agency({"本局全年公开信息12条"}, tail, tail, problems) == tail and problems == []


def test_unsure_cell_is_p001_with_candidates_and_left_blank():
    spec = get_template("2021").tables["active_disclosure"]
    row = spec.row("normative_documents")
    text = ("某某县教育局2024年政府信息公开工作年度报告\n一、总体情况\n本局做好公开工作。\n"
            "二、主动公开政府信息情况\n"
            f"{row.label}\t3\t{unsure_cell(['18', '16'])}\t14\n"
            "三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n"
            "五、存在的主要问题及改进情况\n六、其他需要报告的事项\n")
    rep = ingest_text(text).report
    assert rep.cell("active_disclosure", "normative_documents", "made") == 3
    assert rep.cell("active_disclosure", "normative_documents", "repealed") is None
    assert rep.cell("active_disclosure", "normative_documents", "valid") == 14
    p = [p for p in rep.problems if p.code == "P001"]
    assert len(p) == 1 and (p[0].row, p[0].col, p[0].candidates) == ("normative_documents", "repealed", ["18", "16"])
    found = [f for f in validate(rep) if f.code == "P001"]
    assert found and found[0].severity == "error" and found[0].quote == "18、16"


@needs_ocr
def test_ocr_engine_missing_is_a_chinese_refusal(monkeypatch):
    monkeypatch.setattr(ocr, "_engine", None)
    monkeypatch.setattr(ocr, "tessdata_dir", lambda: None)
    with pytest.raises(ReportLoadError) as e:
        ingest_path(PDFS / "example_page3_100dpi.jpg")
    assert "tesseract-ocr-chi-sim" in e.value.errors[0]
    monkeypatch.setattr(ocr, "_engine", None)


# -- layout, on made-up geometry --------------------------------------------------------------
@pytest.mark.parametrize("text", ["- 5 -", "— 5 —", "－5－", "第5页", "第 5 页 共 9 页", "5/9", "5", "一5一"])
def test_page_number_shapes(text):
    assert layout.is_page_number(text)


@pytest.mark.parametrize("text", ["2024年", "一、总体情况", "第二十条第（一）项", "- 5 -件"])
def test_not_page_numbers(text):
    assert not layout.is_page_number(text)


def _line(text, top, x0=80.0, x1=520.0, size=16.0):
    return Line(text, x0, top, x1, top + size, size)


def test_furniture_dropped_and_page_break_split_joined():
    pages = []
    for n in (1, 2):
        p = Page(595, 842)
        p.lines = [_line("某某局政务公开", 40, 250, 345, 10)]          # running header
        if n == 1:
            p.lines += [_line("一、总体情况", 150, 112, 210),
                        _line("本局全年收到政府信息公开申请二十", 700)]   # runs to the margin
        else:
            p.lines += [_line("三件，均已按期答复。", 120, 80, 240),        # goes on, not indented
                        _line("二、主动公开政府信息情况", 160, 112, 300)]
        p.lines.append(_line(f"— {n} —", 780, 280, 315, 12))
        pages.append(p)
    lines, grid = layout.assemble(pages)
    assert lines == ["一、总体情况", "本局全年收到政府信息公开申请二十三件，均已按期答复。", "二、主动公开政府信息情况"]
    assert grid == set()


def _table(rows: list[list[str]], top: float, xs: list[float]) -> Table:
    ys = [top + 20 * i for i in range(len(rows) + 1)]
    t = Table(xs[0], ys[0], xs[-1], ys[-1], xs, ys)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            t.cells.append(layout.Cell(xs[c], ys[r], xs[c + 1], ys[r + 1], r, c, text=text))
    return t


def test_table_across_pages_drops_repeated_header_and_joins_cut_row():
    xs = [80.0, 300.0, 360.0, 420.0]
    header = ["信息内容", "本年制发件数", "本年废止件数"]
    p1, p2 = Page(595, 842), Page(595, 842)
    p1.tables = [_table([header, ["规章", "0", "0"], ["行政规范", "3", "1"]], 600, xs)]
    p2.tables = [_table([header, ["性文件", "", ""], ["行政许可", "5", ""]], 80, xs)]
    lines, grid = layout.assemble([p1, p2], set(pdf.known_labels()))
    assert lines == ["信息内容\t本年制发件数\t本年废止件数", "规章\t0\t0", "行政规范性文件\t3\t1", "行政许可\t5\t"]
    assert grid == {0, 1, 2, 3}


def test_rows_that_only_look_cut_stay_apart():
    # Two complete labels, and a row whose figures would clash: never merged.
    labels = set(pdf.known_labels())
    assert layout.join_split_row(["行政许可", ""], ["行政处罚", "3"], labels) is None
    assert layout.join_split_row(["（二）部分公开", "2"], ["（区分处理的）", "1"], labels) is None


def test_grid_cells_keep_blanks_and_merged_cells():
    segs = [Seg(True, y, 0, 300) for y in (0, 20, 40)] + \
           [Seg(False, 0, 0, 40), Seg(False, 300, 0, 40), Seg(False, 100, 0, 40), Seg(False, 200, 20, 40)]
    [t] = layout.find_tables(segs)
    assert [(c.row, c.col, c.colspan) for c in t.cells] == [(0, 0, 1), (0, 1, 2), (1, 0, 1), (1, 1, 1), (1, 2, 1)]
    t.cells[0].text, t.cells[1].text, t.cells[2].text, t.cells[4].text = "信息内容", "本年处理决定数量", "行政许可", "7"
    assert layout.table_rows(t) == [["信息内容", "本年处理决定数量"], ["行政许可", "", "7"]]


def test_glyphs_of_justified_numbers_are_one_number():
    g = [Glyph("共", 0, 0, 16, 16), Glyph("7", 20, 0, 26, 16), Glyph("1", 29, 0, 33, 16), Glyph("1", 37, 0, 41, 16),
         Glyph("件", 46, 0, 62, 16)]
    assert layout.glyph_lines(g)[0].text == "共711件"
    apart = [Glyph("21", 0, 0, 12, 16), Glyph("0", 60, 0, 66, 16)]
    assert layout.glyph_lines(apart)[0].text == "21 0"


# -- bounds and unreadable files --------------------------------------------------------------
def _tiny_pdf(pages: int, content: bytes = b"BT /F1 12 Tf 72 720 Td (x) Tj ET", extra: bytes = b"") -> bytes:
    """A small valid PDF with ``pages`` pages sharing one content stream."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages)).encode()
    objs.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(pages).encode() + b" >>")
    objs.append(b"<< /Length " + str(len(content)).encode() + extra + b" >>\nstream\n" + content + b"\nendstream")
    for _ in range(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_300_page_pdf_is_refused():
    with pytest.raises(ReportLoadError) as e:
        ingest_bytes(_tiny_pdf(300), "big.pdf")
    assert "300 页" in e.value.errors[0] and f"{pdf.MAX_PDF_PAGES} 页" in e.value.errors[0]


def test_200_mb_pdf_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.pdf"
    with big.open("wb") as fh:       # sparse: 200 MB long, nothing written
        fh.write(b"%PDF-1.4\n")
        fh.truncate(200 * 1024 * 1024)
    r = runner.invoke(app, ["lint", str(big)])
    assert r.exit_code == 2
    assert "PDF 文件「big.pdf」过大" in r.output and "Traceback" not in r.output


def test_decompression_bomb_is_refused_before_pdfium():
    bomb = zlib.compress(b"\0" * (pdf.MAX_CONTENT_BYTES + 1024 * 1024), 9)
    raw = _tiny_pdf(1, bomb, b" /Filter /FlateDecode")
    assert len(raw) < 200_000
    with pytest.raises(ReportLoadError) as e:
        ingest_bytes(raw, "bomb.pdf")
    assert "解压后过大" in e.value.errors[0]


def test_image_declaring_huge_size_is_refused():
    import struct
    png = b"\x89PNG\r\n\x1a\n"
    ihdr = struct.pack(">IIBBBBB", 30000, 30000, 1, 0, 0, 0, 0)
    png += struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    idat = zlib.compress(b"\0" * 1000)
    png += struct.pack(">I", len(idat)) + b"IDAT" + idat + struct.pack(">I", zlib.crc32(b"IDAT" + idat))
    png += struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    with pytest.raises(ReportLoadError) as e:
        ingest_bytes(png, "scan.png")
    assert "图像过大" in e.value.errors[0]


@pytest.mark.parametrize("raw,name,needle", [
    (b"%PDF-1.7\n% truncated here", "r.pdf", "PDF 文件已损坏"),
    (b"not a pdf at all", "r.pdf", "不是 PDF"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "r.png", "图像文件已损坏"),
    (b"GIF89a....", "r.jpg", "不是可识别的 PNG 或 JPEG"),
])
def test_unreadable_pdf_and_images_exit_2_with_chinese_reason(tmp_path, raw, name, needle):
    p = tmp_path / name
    p.write_bytes(raw)
    r = runner.invoke(app, ["lint", str(p)])
    assert r.exit_code == 2
    assert needle in r.output and "Traceback" not in r.output


def test_pdf_without_text_or_scan_is_refused():
    with pytest.raises(ReportLoadError) as e:
        ingest_bytes(_tiny_pdf(1, b""), "empty.pdf")
    assert "没有可读取的文字" in e.value.errors[0]


def test_published_formats_include_pdf_and_images():
    from drafting.ingest import PUBLISHED_EXTS
    assert {".pdf", ".png", ".jpg", ".jpeg"} <= set(PUBLISHED_EXTS)
