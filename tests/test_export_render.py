"""The example report's .docx rendered by LibreOffice: page count, text and fonts of the PDF.

Locally this skips when LibreOffice or poppler is missing; under CI (the CI environment
variable set) it fails instead, because CI installs them (.ci/run).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from drafting.export import export_bytes
from drafting.export.render import docx_to_pdf, pdf_pages, pdf_text, render_env


def _require_tools():
    missing = [t for t in ("soffice", "pdftotext", "pdfinfo", "pdffonts") if shutil.which(t) is None]
    if shutil.which("fc-list"):
        families = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
        missing += [f for f in ("Noto Serif CJK SC", "Noto Sans CJK SC") if f not in families]
    if missing:
        msg = f"rendering tools missing: {', '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(msg + " (CI must install libreoffice-writer-nogui, fonts-noto-cjk, poppler-utils)")
        pytest.skip(msg)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    _require_tools()
    from drafting.io import load_report
    from .conftest import EXAMPLE
    report = load_report(EXAMPLE)
    out = tmp_path_factory.mktemp("render")
    data, name, _ = export_bytes(report, "docx")
    docx = out / name
    docx.write_bytes(data)
    pdf = docx_to_pdf(docx, out)
    return report, pdf


def test_page_count_in_expected_range(rendered):
    _, pdf = rendered
    # Measured: 6 pages for the example (2 of text, 表二/表三 over pages 3–4, 表四 and 五、六 after).
    assert 5 <= pdf_pages(pdf) <= 7


def test_pdf_text_has_title_headings_tables_and_page_numbers(rendered):
    report, pdf = rendered
    text = pdf_text(pdf)
    flat = re.sub(r"\s+", "", text)
    assert report.meta.agency in flat
    assert f"{report.meta.year}年政府信息公开工作年度报告" in flat
    for spec in report.template.sections:
        assert spec.title in flat, spec.title
    for needle in ("申请人情况", "法人或其他组织", "未经复议直接起诉", "复议后起诉", "1268", "3.62"):
        assert needle in flat, needle
    assert "—1—" in flat and "—2—" in flat
    # 落款 (agency, then date) closes the last page, before its page number.
    assert re.sub(r"—\d+—$", "", flat).endswith(report.meta.agency + report.meta.date)


def test_fonts_map_to_noto_cjk_serif_and_sans(rendered):
    _, pdf = rendered
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True,
                           env=render_env()).stdout
    assert "NotoSerifCJK" in fonts        # 仿宋_GB2312 / 方正小标宋简体 / 楷体_GB2312 / 宋体
    assert "NotoSansCJK" in fonts         # 黑体
