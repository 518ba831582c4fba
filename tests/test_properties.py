"""Property tests over bad input: report files, table edits, ingest. Clear errors, no crash,
nothing saved is damaged. Fixed seed and bounded examples (see conftest)."""
from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafting.ingest import ingest_bytes, ingest_text
from drafting.io import ReportLoadError, dumps_report, loads_report, report_from_data
from drafting.model import CellError
from drafting.store import Store

from .conftest import EXAMPLE, FIXTURES

EXAMPLE_TEXT = EXAMPLE.read_text("utf-8")
PUBLISHED = sorted((FIXTURES / "published").glob("*.txt"))
FW = str.maketrans("0123456789", "０１２３４５６７８９")


def _is_chinese_error(e: ReportLoadError) -> bool:
    return bool(e.errors) and all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in e.errors)


@given(st.text(max_size=400))
def test_random_text_as_report_file(text):
    try:
        loads_report(text)
    except ReportLoadError as e:
        assert _is_chinese_error(e)


@given(st.integers(0, len(EXAMPLE_TEXT)))
def test_truncated_report_file(n):
    try:
        rep = loads_report(EXAMPLE_TEXT[:n])
    except ReportLoadError as e:
        assert _is_chinese_error(e)
    else:
        assert loads_report(dumps_report(rep)) == rep


json_values = st.recursive(st.none() | st.booleans() | st.integers(-10**15, 10**15) | st.floats() | st.text(max_size=12),
                           lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
                           max_leaves=20)


@given(json_values)
def test_wrong_types_anywhere_in_a_report(value):
    import yaml
    for path in (("meta", "year"), ("meta", "agency"), ("tables", "applications", "granted", "total"),
                 ("tables", "review_litigation"), ("sections", "overall"), ("facts",)):
        d = yaml.safe_load(EXAMPLE_TEXT)
        node = d
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = value
        try:
            report_from_data(d)
        except ReportLoadError as e:
            assert _is_chinese_error(e)


cell_values = st.one_of(
    st.integers(-10**14, 10**14),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=10),
    st.integers(0, 10**6).map(lambda n: str(n).translate(FW)),                       # full-width
    st.integers(0, 10**6).map(lambda n: "".join(c.translate(FW) if i % 2 else c
                                                 for i, c in enumerate(str(n)))),    # mixed widths
    st.booleans(), st.none(),
)


@given(st.data())
def test_table_edits_never_corrupt_the_report(data):
    rep = loads_report(EXAMPLE_TEXT)
    tpl = rep.template
    for _ in range(5):
        table = data.draw(st.sampled_from(list(tpl.tables)))
        spec = tpl.tables[table]
        row = data.draw(st.sampled_from(spec.data_rows))
        col = data.draw(st.sampled_from(row.columns))
        value = data.draw(cell_values)
        before = rep.cell(table, row.key, col.key)
        try:
            rep.set_cell(table, row.key, col.key, value)
        except CellError as e:
            assert spec.cell_label(row.key, col.key) in str(e)
            assert rep.cell(table, row.key, col.key) == before
        else:
            v = rep.cell(table, row.key, col.key)
            assert v is None or isinstance(v, (int, Decimal))
            if col.type == "int" and v is not None:
                assert v >= 0
    assert loads_report(dumps_report(rep)) == rep


@given(st.integers(0, 10**9))
def test_full_and_mixed_width_digits_mean_the_same(n):
    rep = loads_report(EXAMPLE_TEXT)
    s = str(n)
    for variant in (s, s.translate(FW), "".join(c.translate(FW) if i % 2 else c for i, c in enumerate(s))):
        rep.set_cell("applications", "granted", "total", variant)
        assert rep.cell("applications", "granted", "total") == n


@given(st.text(max_size=600))
def test_random_text_through_ingest(text):
    try:
        got = ingest_text(text)
    except ReportLoadError as e:
        assert _is_chinese_error(e)
    else:
        assert got.report.meta.agency


@given(st.sampled_from(PUBLISHED), st.floats(0, 1))
def test_truncated_published_reports_through_ingest(path, frac):
    raw = path.read_bytes()
    cut = raw[: int(len(raw) * frac)]
    try:
        ingest_bytes(cut, path.name)
    except ReportLoadError as e:
        assert _is_chinese_error(e)


@given(st.binary(max_size=300))
def test_binary_junk_through_ingest(raw):
    for name in ("x.txt", "x.docx", "x.html"):
        try:
            ingest_bytes(raw, name)
        except ReportLoadError as e:
            assert _is_chinese_error(e)


def _docx_with(document_xml: bytes) -> bytes:
    import docx
    buf = io.BytesIO()
    docx.Document().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = document_xml if item.filename == "word/document.xml" else src.read(item.filename)
            z.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_zip_bomb_docx_is_refused_quickly():
    # 200 MB of XML whitespace compresses to about 200 KB
    bomb = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' \
           + b" " * (200 * 1024 ** 2) + b"</w:document>"
    raw = _docx_with(bomb)
    del bomb
    assert len(raw) < 10 * 1024 * 1024
    with pytest.raises(ReportLoadError) as e:
        ingest_bytes(raw, "bomb.docx")
    assert "解压" in "".join(e.value.errors)


def test_huge_but_honest_docx_reads():
    # ~94,000 characters in one section: just under the bound on a section (drafting.limits)
    import docx
    d = docx.Document()
    d.add_paragraph("某某县教育局2024年政府信息公开工作年度报告")
    d.add_paragraph("一、总体情况")
    for i in range(1300):
        d.add_paragraph("本局认真贯彻落实条例，扎实推进政府信息公开工作。" * 3)
    buf = io.BytesIO()
    d.save(buf)
    got = ingest_bytes(buf.getvalue(), "big.docx")
    assert got.report.meta.year == 2024


def test_failed_edits_leave_the_stored_report_intact(tmp_path):
    store = Store(f"sqlite:///{tmp_path}/p.db")
    rid = store.create(loads_report(EXAMPLE_TEXT))
    before = store.get(rid)
    rep, v = store.get(rid)
    for bad in (-1, "三", 1.5, 10**13, True):
        with pytest.raises(CellError):
            rep.set_cell("applications", "granted", "total", bad)
    assert store.get(rid) == before
