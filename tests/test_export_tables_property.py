"""Random table data through the docx and HTML exporters: every cell comes out as entered."""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from decimal import Decimal

from docx import Document
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.export.docx import docx_bytes
from drafting.export.html import html_page
from drafting.metrics import fmt
from drafting.model import empty_report


def _cell_strategy(col):
    if col.type == "decimal" or col.type == "number":
        return st.one_of(st.none(), st.decimals(min_value=0, max_value=99999, places=2,
                                                allow_nan=False, allow_infinity=False))
    if col.type == "signed_int":
        return st.one_of(st.none(), st.integers(-5000, 5000))
    return st.one_of(st.none(), st.integers(0, 100000))


@st.composite
def reports(draw):
    year = draw(st.sampled_from([2020, 2024]))        # 2019 and 2021 templates
    rep = empty_report("某某县测试局", year)
    for key, spec in rep.template.tables.items():
        for r in spec.data_rows:
            for c in r.columns:
                rep.set_cell(key, r.key, c.key, draw(_cell_strategy(c)))
    return rep


def shown(v) -> str:
    return "" if v is None else fmt(Decimal(v))


def _docx_rows(table):
    return [["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.findall(qn("w:tc"))]
            for tr in table._tbl.iter(qn("w:tr"))]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_docx_and_html_cells_equal_data(rep):
    tpl = rep.template
    doc = Document(io.BytesIO(docx_bytes(rep)))
    t2, t3, t4 = (_docx_rows(t) for t in doc.tables)
    root = ET.fromstring(html_page(rep).split("\n", 1)[1])
    h2, h3, h4 = ([[c.text or "" for c in tr] for tr in t.iter("tr")] for t in root.iter("table"))

    spec3 = tpl.tables["applications"]
    for grid in (t3, h3):
        body = grid[3:]
        for cells, r in zip(body, spec3.data_rows, strict=True):
            assert cells[-7:] == [shown(rep.cell("applications", r.key, c.key)) for c in r.columns]
    spec4 = tpl.tables["review_litigation"]
    for grid in (t4, h4):
        r = spec4.data_rows[0]
        assert grid[3] == [shown(rep.cell("review_litigation", r.key, c.key)) for c in r.columns]
    spec2 = tpl.tables["active_disclosure"]
    for grid in (t2, h2):
        for r in spec2.data_rows:
            line = next(row for row in grid if row[0] == r.label)
            assert line[1:] == [shown(rep.cell("active_disclosure", r.key, c.key)) for c in r.columns]
