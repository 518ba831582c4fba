"""Bounds on what is read (issue 14, items 2, 6, 9, 10): each test reproduces an attack that
once hung, crashed or exhausted the machine, and checks it is now refused quickly with a
Chinese message naming what was too large or wrong, exit status 2 on the command line.

Attacks that used to hang run in a child process with a timeout, so that a regression fails
the test instead of hanging the suite.
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.cli import app
from drafting.errors import LimitExceeded, ReportLoadError
from drafting.io import loads_report
from drafting.limits import BOUNDS, limit
from drafting.model import CellError, parse_number
from drafting.spreadsheet import import_xlsx

from .conftest import EXAMPLE, ROOT

runner = CliRunner()
EXAMPLE_TEXT = EXAMPLE.read_text("utf-8")
CELL = "new_received:        {natural_person: 18,"


def cli(*args: str, timeout: float = 30, stdin=None) -> subprocess.CompletedProcess:
    """The real command in a child process; a hang is a failure, not a stuck suite."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("OPENAI_API_KEY", None)
    return subprocess.run([sys.executable, "-c", "from drafting.cli import app; app()", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, stdin=stdin)


def with_cell(value: str, cell: str = CELL) -> str:
    assert cell in EXAMPLE_TEXT
    return EXAMPLE_TEXT.replace(cell, cell.split("{")[0] + "{natural_person: " + value + ",")


# -- item 2: cell values are checked on the string before any conversion --------------------------
def test_exponent_cell_does_not_hang_validate(tmp_path):
    f = tmp_path / "r.yaml"
    f.write_text(with_cell("1e999999999"), "utf-8")
    t = time.perf_counter()
    r = cli("validate", str(f), timeout=30)
    assert time.perf_counter() - t < 25
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    assert "表三「一、本年新收政府信息公开申请数量」自然人" in r.stderr
    assert "数值过大" in r.stderr


@pytest.mark.parametrize("value", ["1e99999", "1e999999999", "9" * 5000, "1" + "0" * 14, "-1e20",
                                   "1e+13", "0.0000001e20"])
def test_huge_cell_values_are_refused_with_the_cell_named(value):
    t = time.perf_counter()
    with pytest.raises(ReportLoadError) as e:
        loads_report(with_cell(value))
    assert time.perf_counter() - t < 1
    msg = "\n".join(e.value.errors)
    assert "表三「一、本年新收政府信息公开申请数量」自然人" in msg
    assert len(msg) < 300                         # the value is not echoed in full


@pytest.mark.parametrize("kind", ["int", "signed_int", "decimal"])
@pytest.mark.parametrize("value", ["1e999999999", "1E999999999", "-1e999999999", "1e-999999999",
                                   Decimal("1e999999999"), Decimal("1e-999999999"), "１ｅ９９９９９９９９９"])
def test_parse_number_refuses_extreme_exponents_quickly(kind, value):
    t = time.perf_counter()
    with pytest.raises(ValueError) as e:
        parse_number(value, kind)
    assert time.perf_counter() - t < 0.1
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(e.value))


def test_fee_cell_overflow_is_a_cell_error_not_decimal_overflow(example):
    with pytest.raises(CellError) as e:
        example.set_cell("active_disclosure", "fees", "fee_amount", "1e999999999")
    assert "收费金额" in str(e.value) or "fee" not in str(e.value)
    assert "数值过大" in str(e.value)


@pytest.mark.parametrize("value,kind,expected", [
    ("1e3", "int", 1000), ("1.5e1", "int", 15), ("12", "int", 12), ("000000000000000000012", "int", 12),
    ("3.62", "decimal", Decimal("3.62")), ("3.620000", "decimal", Decimal("3.620000")),
    ("1,234", "int", 1234), ("１２", "int", 12), ("-3", "signed_int", -3), ("1000000000000", "int", 10**12),
    ("3.62万元", "decimal", Decimal("3.62")), (".5", "decimal", Decimal("0.5")),
])
def test_ordinary_values_still_read(value, kind, expected):
    assert parse_number(value, kind) == expected


def test_too_many_decimals_named(example):
    with pytest.raises(CellError) as e:
        example.set_cell("active_disclosure", "fees", "fee_amount", "0." + "1" * 7)
    assert "小数" in str(e.value)


def test_yaml_integer_past_pythons_digit_limit_names_the_cell():
    # PyYAML turns a plain scalar of 5000 digits into int(...), which Python refuses (4300 digits)
    with pytest.raises(ReportLoadError) as e:
        loads_report(with_cell("9" * 5000))
    assert "自然人" in "".join(e.value.errors)


def test_grid_cell_string_exponent_is_a_cell_error(example):
    with pytest.raises(CellError) as e:
        example.set_cell("applications", "granted", "total", "1e999999999")
    assert "总计" in str(e.value)


def test_grid_float_infinity_and_huge_values(example):
    import pandas as pd
    from drafting import workflow
    df = workflow.grid(example, "applications").astype("Float64")
    df.iloc[0, 0] = float("inf")
    df.iloc[1, 0] = 1e300
    errors = workflow.apply_grid(example, "applications", df)
    assert len(errors) == 2 and all("自然人" in e for e in errors)
    assert pd.notna(df.iloc[2, 0])


# -- item 9: tracebacks and wrong exit codes ----------------------------------------------------
def _no_trace(r) -> None:
    out = (r.stdout or "") + (r.stderr or "") if hasattr(r, "stderr") else r.output
    assert "Traceback" not in out and "Error:" not in out.replace("Error：", "")


def test_deeply_nested_yaml_is_refused_by_depth(tmp_path):
    f = tmp_path / "deep.yaml"
    f.write_text("meta: {agency: 某某局, year: 2024}\nfacts: " + "[" * 5000 + "]" * 5000 + "\n", "utf-8")
    t = time.perf_counter()
    r = runner.invoke(app, ["validate", str(f)])
    assert time.perf_counter() - t < 5          # was 4 s to a RecursionError (and exit 1); now 0.1 s
    assert r.exit_code == 2, r.output
    assert "嵌套层次过深" in r.output and f"{limit('yaml_depth')} 层" in r.output
    _no_trace(r)


def test_deep_but_legal_nesting_in_a_report_still_loads(example):
    from drafting.io import dumps_report
    example.sections["overall"].provenance = __import__("drafting.model", fromlist=["Provenance"]).Provenance(
        findings=["N003 数字不符"])
    assert loads_report(dumps_report(example)).sections["overall"].provenance.findings == ["N003 数字不符"]


@pytest.mark.parametrize("cmd", ["new", "draft"])
def test_out_pointing_at_a_directory(tmp_path, cmd):
    args = {"new": ["new", "--agency", "某某县教育局", "--year", "2024", "--out", str(tmp_path)],
            "draft": ["draft", str(EXAMPLE), "--out", str(tmp_path), "--provider", "offline"]}[cmd]
    r = runner.invoke(app, args)
    assert r.exit_code == 2, r.output
    assert "这是一个目录" in r.output
    _no_trace(r)
    assert list(tmp_path.iterdir()) == []        # no stray temporary file beside it


def _disk_full(monkeypatch):
    """A simulated full disk: every write through the atomic writer fails with ENOSPC."""
    import errno

    from drafting import files

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(files.os, "fsync", full)


def test_new_on_a_full_disk(tmp_path, monkeypatch):
    _disk_full(monkeypatch)
    out = tmp_path / "n.yaml"
    r = runner.invoke(app, ["new", "--agency", "某某县教育局", "--year", "2024", "--out", str(out)])
    assert r.exit_code == 2, r.output
    assert "磁盘空间不足" in r.output and str(out) in r.output
    _no_trace(r)
    assert list(tmp_path.iterdir()) == []


def test_save_on_a_full_disk_keeps_the_old_file(tmp_path, monkeypatch, example):
    from drafting.errors import OutputError
    from drafting.io import save_report
    f = tmp_path / "r.yaml"
    save_report(example, f)
    before = f.read_bytes()
    _disk_full(monkeypatch)
    example.sections["overall"].text += "新增一句。"
    with pytest.raises(OutputError) as e:
        save_report(example, f)
    assert e.value.code == "output" and e.value.exit_code == 2
    assert "磁盘空间不足" in str(e.value)
    assert f.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]   # no *.tmp left


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_fifo_as_input_does_not_block(tmp_path):
    fifo = tmp_path / "in.yaml"
    os.mkfifo(fifo)
    r = cli("validate", str(fifo), timeout=30)        # the real command; it used to block forever
    assert r.returncode == 2, r.stderr
    assert "不是普通文件" in r.stderr and "Traceback" not in r.stderr


class _Unblocker:
    """Opens a FIFO's writing end as soon as anyone reads it, then closes it: a reader that
    should have refused the FIFO gets an empty file and fails the test instead of hanging it."""

    def __init__(self, path: Path):
        import threading
        self.path, self.stop, self.opened = path, threading.Event(), False
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self.stop.is_set():
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:          # ENXIO: nobody is reading
                time.sleep(0.01)
                continue
            self.opened = True
            os.close(fd)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(2)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("name,args", [
    ("in.txt", ["lint", "{f}"]),
    ("in.html", ["ingest", "{f}", "--out", "{d}/o.yaml"]),
    ("in.yaml", ["export", "{f}", "--to", "md", "--out", "{d}/o.md"]),
    ("prev.yaml", ["validate", str(EXAMPLE), "--previous", "{f}"]),
    ("in.txt", ["facts", str(EXAMPLE), "--file", "{f}", "--out", "{d}/o.yaml", "--provider", "offline"]),
    ("in.xlsx", ["xlsx", "{d}/r.yaml", "--import", "{f}"]),
])
def test_fifo_anywhere_a_file_is_read(tmp_path, name, args):
    import shutil
    shutil.copy(EXAMPLE, tmp_path / "r.yaml")
    fifo = tmp_path / name
    os.mkfifo(fifo)
    with _Unblocker(fifo) as u:
        r = runner.invoke(app, [a.format(f=fifo, d=tmp_path) for a in args])
    assert not u.opened, "the FIFO was opened for reading"
    assert r.exit_code == 2, r.output
    assert "不是普通文件" in r.output
    _no_trace(r)


@pytest.mark.parametrize("args,needle", [
    (["--agency", "某某县教育局", "--year", "1999"], "报告年度：不应小于 2008"),
    (["--agency", "某某县教育局", "--year", "99999"], "报告年度：不应大于 2100"),
    (["--agency", "  ", "--year", "2024"], "机关名称"),
])
def test_new_with_bad_year_or_blank_agency_speaks_chinese(tmp_path, args, needle):
    r = runner.invoke(app, ["new", *args, "--out", str(tmp_path / "n.yaml")])
    assert r.exit_code == 2, r.output
    assert needle in r.output
    assert "validation error" not in r.output and "Input should" not in r.output
    assert not (tmp_path / "n.yaml").exists()


def test_huge_report_id_is_not_found(tmp_path):
    # ?report=99999999999999999999 in the app's address reaches Store.get as a Python int
    from drafting.store import NotFound, Store
    s = Store(f"sqlite:///{tmp_path}/s.db")
    for rid in (99999999999999999999, -1, 0, 2**63):
        with pytest.raises(NotFound) as e:
            s.get(rid)
        assert "不存在" in str(e.value)


def test_corrupted_database_gives_a_typed_chinese_error(tmp_path):
    from drafting.errors import StoreCorrupt
    from drafting.store import Store
    db = tmp_path / "bad.db"
    db.write_bytes(b"this is not an sqlite file" * 100)
    with pytest.raises(StoreCorrupt) as e:
        Store(f"sqlite:///{db}")
    assert "数据库" in str(e.value) and "损坏" in str(e.value)
    assert e.value.code == "store.corrupt"


def test_database_damaged_after_opening(tmp_path, example):
    from drafting.errors import StoreCorrupt
    from drafting.store import Store
    db = tmp_path / "d.db"
    s = Store(f"sqlite:///{db}")
    rid = s.create(example)
    s.engine.dispose()
    raw = bytearray(db.read_bytes())
    for i in range(200, len(raw)):     # keep the 100-byte header; scramble the pages after it
        raw[i] = (raw[i] * 7 + 13) % 256
    db.write_bytes(bytes(raw))
    for wal in tmp_path.glob("d.db-*"):
        wal.unlink()
    with pytest.raises(StoreCorrupt) as e:
        s2 = Store(f"sqlite:///{db}")
        s2.get(rid)
    assert "损坏" in str(e.value)


def test_full_database_on_save_is_a_typed_chinese_error(tmp_path, example):
    """SQLite's own "database or disk is full", produced for real with max_page_count."""
    from sqlalchemy import event

    from drafting.errors import StoreFull
    from drafting.store import Store
    s = Store(f"sqlite:///{tmp_path}/full.db")
    rid = s.create(example)
    rep, v = s.get(rid)

    @event.listens_for(s.engine, "connect")
    def _cap(conn, _rec):
        n = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count={n + 1}")
    s.engine.dispose()
    rep.sections["overall"].text = "本局扎实推进政务公开。" * 3000
    with pytest.raises(StoreFull) as e:
        s.save(rid, rep, v)
    assert "已满" in str(e.value) and "未保存" in str(e.value)
    assert e.value.code == "store.full"
    event.remove(s.engine, "connect", _cap)
    s.engine.dispose()
    assert s.get(rid)[1] == v                    # nothing half-written


# -- item 6: small uploads that exhausted the machine ---------------------------------------------
def _docx(paragraph_xml: bytes = b"", count: int = 0, tail: bytes = b"") -> bytes:
    """A real .docx (python-docx's template) whose body gets ``count`` copies of a paragraph."""
    import docx
    d = docx.Document()
    d.add_paragraph("某某县教育局2024年政府信息公开工作年度报告")
    d.add_paragraph("一、总体情况")
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    xml = src.read("word/document.xml")
    i = xml.index(b"<w:sectPr")
    xml = xml[:i] + paragraph_xml * count + tail + xml[i:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            z.writestr(item, xml if item.filename == "word/document.xml" else src.read(item.filename),
                       compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return out.getvalue()


PARA = "<w:p><w:r><w:t>本局认真贯彻落实条例，扎实推进政府信息公开工作。</w:t></w:r></w:p>".encode()


def test_docx_declaring_95_mb_of_paragraphs_is_refused_quickly():
    from drafting.ingest import ingest_bytes
    raw = _docx(PARA, 95 * 1024 * 1024 // len(PARA))
    assert len(raw) < 1024 * 1024                # a small upload
    t = time.perf_counter()
    with pytest.raises(LimitExceeded) as e:
        ingest_bytes(raw, "big.docx")
    assert time.perf_counter() - t < 2           # was 300 s and 742 MB
    assert "Word 文档的正文 XML" in str(e.value) and "上限为 8.0 MB" in str(e.value)
    assert e.value.code == "too_large.docx_xml_bytes"


def test_docx_under_the_xml_bound_stops_at_the_text_bound():
    from drafting.ingest import ingest_bytes
    raw = _docx(PARA, 15_000)                    # 1.3 MB of XML, 360,000 characters
    t = time.perf_counter()
    with pytest.raises(LimitExceeded) as e:
        ingest_bytes(raw, "long.docx")
    assert time.perf_counter() - t < 10
    assert "报告的全部文字过长" in str(e.value)


def test_docx_of_empty_paragraphs_is_bounded_too():
    from drafting.ingest import ingest_bytes
    raw = _docx(b"<w:p/>", 30_000)               # 30,000 paragraphs, no text at all
    t = time.perf_counter()
    with pytest.raises(LimitExceeded):
        ingest_bytes(raw, "empty.docx")
    assert time.perf_counter() - t < 10


def test_docx_table_with_huge_spans_is_refused():
    from drafting.ingest import ingest_bytes
    row = b'<w:tr>' + b'<w:tc><w:tcPr><w:gridSpan w:val="5000"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>' * 4 + b'</w:tr>'
    tbl = b'<w:tbl><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid>' + row * 200 + b'</w:tbl>'
    t = time.perf_counter()
    with pytest.raises(LimitExceeded) as e:
        ingest_bytes(_docx(tail=tbl), "span.docx")
    assert time.perf_counter() - t < 2
    assert "表格" in str(e.value) and "格" in str(e.value)


def test_ordinary_docx_with_a_table_still_reads():
    from drafting.ingest import ingest_bytes
    import docx
    d = docx.Document()
    d.add_paragraph("某某县教育局2024年政府信息公开工作年度报告")
    d.add_paragraph("一、总体情况")
    for _ in range(300):
        d.add_paragraph("本局认真贯彻落实条例，扎实推进政府信息公开工作。" * 3)
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "表头"
    buf = io.BytesIO()
    d.save(buf)
    got = ingest_bytes(buf.getvalue(), "ok.docx")
    assert got.report.meta.year == 2024 and "扎实推进" in got.report.section_text("overall")


def test_html_page_of_huge_rowspan_colspan_is_refused_quickly():
    from drafting.ingest import ingest_bytes
    cell = '<td rowspan="100" colspan="100">1</td>'
    page = "<html><body><p>某某县教育局2024年政府信息公开工作年度报告</p><table>" + \
        "".join("<tr>" + cell * 10 + "</tr>" for _ in range(170)) + "</table></body></html>"
    assert len(page) < 70_000
    t = time.perf_counter()
    with pytest.raises(LimitExceeded) as e:
        ingest_bytes(page.encode(), "span.html")
    assert time.perf_counter() - t < 2           # was 14 s and 4 GB
    assert "表格展开合并单元格后的格数" in str(e.value) and "20,000 格" in str(e.value)


def test_html_page_of_many_plain_cells_is_bounded():
    from drafting.ingest import ingest_bytes
    page = "<html><body><table>" + "<tr>" + "<td>1</td>" * 100 + "</tr>" * 1 + \
        ("<tr>" + "<td></td>" * 100 + "</tr>") * 300 + "</table></body></html>"
    with pytest.raises(LimitExceeded):
        ingest_bytes(page.encode(), "cells.html")


def test_html_page_with_a_long_text_stops_at_the_text_bound():
    from drafting.ingest import ingest_bytes
    page = "<html><body>" + "<p>本局认真贯彻落实条例，扎实推进政府信息公开工作。</p>" * 20_000 + "</body></html>"
    t = time.perf_counter()
    with pytest.raises(LimitExceeded) as e:
        ingest_bytes(page.encode(), "long.html")
    assert time.perf_counter() - t < 5
    assert "报告的全部文字过长" in str(e.value)


@pytest.mark.parametrize("name,bound,what", [
    ("big.txt", "text_bytes", "文本文件「big.txt」过大"),
    ("big.html", "html_bytes", "网页文件「big.html」过大"),
])
def test_upload_sizes_per_type(name, bound, what):
    from drafting.ingest import ingest_bytes
    raw = b"a" * (limit(bound) + 1)
    with pytest.raises(LimitExceeded) as e:
        ingest_bytes(raw, name)
    assert what in str(e.value) and e.value.code == f"too_large.{bound}"


def test_published_file_too_large_on_the_command_line(tmp_path):
    f = tmp_path / "big.txt"
    with f.open("wb") as fh:
        fh.truncate(limit("text_bytes") + 1)     # sparse: no 5 MB written
    r = runner.invoke(app, ["lint", str(f)])
    assert r.exit_code == 2, r.output
    assert "文本文件「big.txt」过大（5.0 MB），上限为 5.0 MB" in r.output


def _xlsx_bytes(rep, mutate=None) -> bytes:
    import openpyxl

    from drafting import workflow
    wb = openpyxl.load_workbook(io.BytesIO(workflow.xlsx_template(rep)))
    if mutate:
        mutate(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_too_large_is_refused_before_reading(example):
    from drafting import workflow
    from drafting.errors import LimitExceeded as LE
    raw = _xlsx_bytes(example) + b"\0" * (limit("xlsx_bytes"))
    with pytest.raises(LE) as e:
        import_xlsx(example, raw)
    assert "Excel 文件过大" in str(e.value)


def test_xlsx_zip_bomb_is_refused_before_unpacking(example):
    from drafting import workflow
    from drafting.errors import LimitExceeded as LE
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b" " * (limit("xlsx_unpacked_bytes") + 1))
    t = time.perf_counter()
    with pytest.raises(LE) as e:
        import_xlsx(example, buf.getvalue())
    assert time.perf_counter() - t < 1
    assert "Excel 文件解压后的内容过大" in str(e.value)


def test_xlsx_with_too_many_rows_is_refused(example):
    from drafting import workflow
    from drafting.errors import LimitExceeded as LE

    def rows(wb):
        ws = wb["表二"]
        for r in range(limit("xlsx_rows") + 10):
            ws.cell(row=r + 100, column=1, value="x")
    with pytest.raises(LE) as e:
        import_xlsx(example, _xlsx_bytes(example, rows))
    assert "工作表「表二」的行数过多" in str(e.value)


def test_xlsx_with_a_long_sheet_of_the_clerks_own_is_read(example):
    """Only 表二/三/四 are read and bounded: a 说明 sheet of many rows does not refuse the file."""
    def notes(wb):
        ws = wb.create_sheet("填报说明")
        for r in range(limit("xlsx_rows") + 10):
            ws.cell(row=r + 1, column=1, value="说明")
    rep = example.model_copy(deep=True)
    import_xlsx(rep, _xlsx_bytes(example, notes))
    assert rep.tables == example.tables


def test_html_page_of_empty_tags_is_bounded_by_tag_count():
    from drafting.ingest import ingest_bytes
    page = "<html><body>" + "<b></b>" * 600_000 + "</body></html>"    # 4.2 MB, no text
    t = time.perf_counter()
    with pytest.raises(LimitExceeded) as e:
        ingest_bytes(page.encode(), "tags.html")
    assert time.perf_counter() - t < 5           # was 7.5 s for 2 MB of tags
    assert "网页的标签数过多" in str(e.value)


def test_text_of_only_line_breaks_is_bounded():
    from drafting.ingest import ingest_bytes
    with pytest.raises(LimitExceeded) as e:
        ingest_bytes(b"a\n" * 1_000_000, "blank.txt")
    assert "报告的全部文字过长" in str(e.value) or "段落和表格行数过多" in str(e.value)


# -- item 10: formula cells without a cached value ------------------------------------------------
def test_formula_cells_without_cached_values_are_named_not_blanked(example, tmp_path):
    """A workbook written by a script (openpyxl) holds formulas and no computed results; the
    cells used to be read as blank and five figures silently became 未填."""
    from drafting import workflow
    from drafting.io import save_report

    def formulas(wb):
        ws = wb["表三"]
        # row 2 is 「一、本年新收…」; column H is 总计 (A holds the row labels)
        ws["H2"] = "=SUM(B2:G2)"
        ws["B3"] = "=1+0"
    raw = _xlsx_bytes(example, formulas)
    before = example.cell("applications", "new_received", "total")
    assert before is not None
    errors = import_xlsx(example, raw)
    joined = "\n".join(errors)
    assert "H2" in joined and "B3" in joined and "公式" in joined and "计算结果" in joined
    assert "「一、本年新收政府信息公开申请数量」总计" in joined
    assert example.cell("applications", "new_received", "total") == before       # not blanked
    # the command line: exit 1, the report file keeps the figure
    f = tmp_path / "r.yaml"
    save_report(example, f)
    x = tmp_path / "f.xlsx"
    x.write_bytes(raw)
    r = runner.invoke(app, ["xlsx", str(f), "--import", str(x)])
    assert r.exit_code == 1, r.output
    assert "H2" in r.output
    assert loads_report(f.read_text("utf-8")).cell("applications", "new_received", "total") == before


def test_formula_with_a_cached_value_is_read(example):
    """Excel saves a formula's result beside it; that value is the cell's value."""
    from drafting import workflow
    import openpyxl
    wb = openpyxl.load_workbook(io.BytesIO(workflow.xlsx_template(example)))
    ws = wb["表三"]
    ws["H2"] = "=SUM(B2:G2)"
    buf = io.BytesIO()
    wb.save(buf)
    # put a cached value <v>23</v> beside the formula, as Excel does when it saves
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if b"<f>SUM(B2:G2)</f>" in data:
                data = data.replace(b"<f>SUM(B2:G2)</f><v></v>", b"<f>SUM(B2:G2)</f><v>23</v>") \
                    .replace(b"<f>SUM(B2:G2)</f></c>", b"<f>SUM(B2:G2)</f><v>23</v></c>")
                assert b"<v>23</v>" in data
            z.writestr(item, data)
    assert import_xlsx(example, out.getvalue()) == []
    assert example.cell("applications", "new_received", "total") == 23


def test_xlsx_structure_errors_are_typed(example):
    from drafting import workflow
    from drafting.errors import InputError
    with pytest.raises(InputError) as e:
        import_xlsx(example, b"not excel")
    assert e.value.code == "xlsx.invalid" and "不是有效的 Excel" in str(e.value)

    def drop(wb):
        del wb["表四"]
    with pytest.raises(InputError) as e:
        import_xlsx(example, _xlsx_bytes(example, drop))
    assert e.value.code == "xlsx.structure" and "缺少工作表「表四」" in str(e.value)


# -- item 11: Markdown export neutralises links and images -----------------------------------------
HOSTILE = ("详见[点击此处](javascript:alert(document.cookie))。![](http://evil.example/track.png)"
           "又见[x][ref]。\n\n[ref]: javascript:alert(1)\n\n<javascript:alert(2)> [y](<javascript:alert(3)>) "
           "\\[z](javascript:alert(4)) ![a\\]b](data:text/html;base64,PHNjcmlwdD4=)")


def test_markdown_export_has_no_live_links_or_images(example):
    from markdown_it import MarkdownIt

    from drafting.export.markdown import markdown_text
    example.sections["overall"].text = HOSTILE
    example.meta.agency = "某某局[a](javascript:alert(5))"
    md = markdown_text(example)
    html = MarkdownIt("commonmark").render(md)
    assert "<a " not in html and "<img" not in html, html
    assert "javascript:alert(document.cookie)" in html      # the words are kept, as plain text
    assert "点击此处" in html


def test_markdown_escaping_keeps_ordinary_text_readable(example):
    from markdown_it import MarkdownIt

    from drafting.export.markdown import markdown_text
    example.sections["overall"].text = "依据《条例》第[二十]条，公开率达100%（含*重点*领域）。"
    html = MarkdownIt("commonmark").render(markdown_text(example))
    assert "依据《条例》第[二十]条，公开率达100%（含*重点*领域）。" in html


# -- item 12: no half-written outputs ----------------------------------------------------------------
def test_failed_export_leaves_no_empty_file_and_keeps_the_old_one(tmp_path, monkeypatch):
    out = tmp_path / "r.md"
    r = runner.invoke(app, ["export", str(EXAMPLE), "--to", "md", "--out", str(out)])
    assert r.exit_code == 0, r.output
    old = out.read_bytes()
    _disk_full(monkeypatch)
    new = tmp_path / "new.md"
    for target in (out, new):
        r = runner.invoke(app, ["export", str(EXAMPLE), "--to", "md", "--out", str(target)])
        assert r.exit_code == 2, r.output
        assert "磁盘空间不足" in r.output
        _no_trace(r)
    assert out.read_bytes() == old
    assert not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]


def test_forced_export_whose_record_cannot_be_saved_writes_nothing(tmp_path, monkeypatch, seed):
    from drafting.commands import export as export_cmd
    from drafting.errors import OutputError
    from drafting.io import save_report
    src = tmp_path / "seed.yaml"
    save_report(seed, src)
    out = tmp_path / "out.md"
    out.write_text("上次导出的文件", "utf-8")

    def no_record(*_a):
        raise OutputError(["无法写入报告文件：磁盘空间不足"])
    monkeypatch.setattr(export_cmd, "_save_back", no_record)
    r = runner.invoke(app, ["export", str(src), "--to", "md", "--out", str(out), "--force", "--reason", "测试"])
    assert r.exit_code == 2, r.output
    assert "已撤销本次导出" in r.output and "磁盘空间不足" in r.output
    assert out.read_text("utf-8") == "上次导出的文件"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md", "seed.yaml"]


def test_atomic_write_removes_its_temporary_file_on_any_failure(tmp_path, monkeypatch):
    from drafting import files
    from drafting.errors import OutputError

    def boom(*_a):
        raise OSError(5, "I/O error")
    monkeypatch.setattr(files.os, "replace", boom)
    with pytest.raises(OutputError) as e:
        files.write_atomic(tmp_path / "a.txt", "内容")
    assert "磁盘读写出错" in str(e.value)
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_keeps_the_files_mode(tmp_path):
    from drafting import files
    f = tmp_path / "a.txt"
    f.write_text("旧")
    os.chmod(f, 0o640)
    files.write_atomic(f, "新")
    assert f.read_text("utf-8") == "新" and (os.stat(f).st_mode & 0o777) == 0o640


@pytest.fixture
def full_disk(tmp_path):
    """A real full file system: a 64 KB tmpfs filled to the brim (needs mount rights; skipped
    where the tests cannot mount, the simulated ENOSPC tests above still run)."""
    mnt = tmp_path / "full"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        with open(mnt / "fill", "wb") as fh:
            try:
                fh.write(b"\0" * 128 * 1024)
            except OSError:
                pass
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


def test_real_full_disk_on_new_and_export(full_disk):
    r = runner.invoke(app, ["new", "--agency", "某某县教育局", "--year", "2024", "--out", str(full_disk / "n.yaml")])
    assert r.exit_code == 2 and "磁盘空间不足" in r.output, r.output
    r = runner.invoke(app, ["export", str(EXAMPLE), "--to", "md", "--out", str(full_disk / "x.md")])
    assert r.exit_code == 2 and "磁盘空间不足" in r.output, r.output
    assert sorted(p.name for p in full_disk.iterdir()) == ["fill"]     # no 0-byte file, no *.tmp


def test_figure_value_is_bounded_like_a_cell():
    """A stated figure (工作情况·数据) is a number the drafter formats: 1e999999999 there hung
    `drafting draft` even after the cells were bounded."""
    text = EXAMPLE_TEXT.replace("value: 486,", "value: 1e999999999,")
    assert text != EXAMPLE_TEXT
    t = time.perf_counter()
    with pytest.raises(ReportLoadError) as e:
        loads_report(text)
    assert time.perf_counter() - t < 1
    msg = "\n".join(e.value.errors)
    assert "工作情况·数据·第1项·数值" in msg and "数值过大" in msg
    ok = loads_report(EXAMPLE_TEXT.replace("value: 486,", "value: -3.5,"))
    assert ok.facts.figures[0].value == Decimal("-3.5")            # figures may be negative


# -- bounds as data, stated in the README ------------------------------------------------------------
def test_readme_states_every_bound():
    from drafting.limits import markdown_table
    from drafting.readme import LIMITS_END, LIMITS_START
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split(LIMITS_START, 1)[1].split(LIMITS_END, 1)[0].strip()
    assert block == markdown_table(), "README table of bounds is stale: run `make rules`"
    assert all(b.subject in block for b in BOUNDS.values())


def test_limits_command_lists_the_bounds():
    r = runner.invoke(app, ["limits"])
    assert r.exit_code == 0
    assert "cell_value" in r.output and "1,000,000,000,000" in r.output and "yaml_depth" in r.output


def test_a_lowered_bound_takes_effect_everywhere(monkeypatch):
    """The bound is read from the table, not copied: lowering it in drafting.limits is enough."""
    from dataclasses import replace

    from drafting import limits
    from drafting.ingest import ingest_text
    monkeypatch.setitem(limits.BOUNDS, "report_chars", replace(limits.BOUNDS["report_chars"], limit=500))
    with pytest.raises(LimitExceeded) as e:
        ingest_text("某某县教育局2024年政府信息公开工作年度报告\n一、总体情况\n" + "公开。" * 300)
    assert "上限为 500 字" in str(e.value)
    with pytest.raises(LimitExceeded):
        loads_report(EXAMPLE_TEXT)
