"""Ingest published reports (plain text, Markdown, HTML, .docx, PDF, scans) into the Report model.

``ingest_path(path)`` returns the report and the problems met while reading it (cells that
cannot be read or split uniquely, a title without agency or year). The problems are also kept
in the report itself (``Report.problems``), so the P rules of the validator report them both
when linting the published file and when validating the saved report file.
"""
from __future__ import annotations

from pathlib import Path

from .. import limits
from ..io import ReportLoadError
from .document import Ingested, parse
from .readers import MAX_PUBLISHED_BYTES, Doc, read_bytes, read_path
from .tables import Problem

__all__ = ["Ingested", "Problem", "ReportLoadError", "ingest_path",
           "ingest_bytes", "ingest_text", "MAX_PUBLISHED_BYTES", "PUBLISHED_EXTS"]

PUBLISHED_EXTS = (".txt", ".md", ".markdown", ".html", ".htm", ".shtml", ".docx", ".pdf", ".png", ".jpg", ".jpeg")


def _guard(fn, source: str):
    try:
        got = fn()
        limits.report_text_sizes(got.report)     # one section may not hold the whole budget
        return got
    except ReportLoadError as e:
        e.source = e.source or source
        raise
    except (ValueError, RecursionError, MemoryError) as e:
        # The model rejected what was read (e.g. an implausible year): say so plainly.
        raise ReportLoadError([f"读取的内容无法构成报告：{str(e).splitlines()[0] if str(e) else type(e).__name__}"],
                              source) from None


def ingest_path(path: str | Path, agency: str | None = None, year: int | None = None) -> Ingested:
    src = str(path)
    return _guard(lambda: parse(read_path(path), src, agency, year), src)


def ingest_bytes(raw: bytes, name: str = "", agency: str | None = None, year: int | None = None) -> Ingested:
    return _guard(lambda: parse(read_bytes(raw, name, name), name, agency, year), name)


def ingest_text(text: str, name: str = "report.txt", agency: str | None = None,
                year: int | None = None) -> Ingested:
    return ingest_bytes(text.encode("utf-8"), name, agency, year)


def parse_doc(doc: Doc, source: str = "", agency: str | None = None, year: int | None = None) -> Ingested:
    return _guard(lambda: parse(doc, source, agency, year), source)
