"""Page chrome of a printed report removed from its lines, before sections and tables are read.

Text extracted from a PDF (by a converter, by copying, or by drafting/ingest/pdf.py) still carries
what the printed page added: page numbers between two halves of a paragraph (``- 5 -``,
``— 5 —``, ``第 5 页``), running headers repeated at each page break, a paragraph or a table row
label cut in two by the break. Left in place they are read as a heading's end, a row's figure or
a sentence of the report. ``clean(doc)`` is the one place that removes them, for every format
(plain text, Markdown, HTML, .docx, PDF): it only removes page chrome and rejoins what a page
break split; it never rewrites the report's own words.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .compact import compact
from .readers import Doc

# A line that is a page number and nothing else. A bare number is not taken (a flattened table
# prints its figures one per line), only the printed forms of a page number.
_PAGE_NO = re.compile(
    r"^\s*(?:[-—–－―~]+\s*\d{1,4}\s*[-—–－―~]+"                         # - 5 -, — 5 —, —5—
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?"             # 第5页, 第5页 共9页
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"                    # 共9页 第5页
    r"|\d{1,4}\s*/\s*\d{1,4}\s*页?"                                      # 5/9
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$")
_PAGE_NO_OPENS = frozenset("-—–－―~第共Pp")
_OF_PAGES = re.compile(r"^\s*(\d{1,4})\s*/\s*(\d{1,4})\s*页?\s*$")
_FORM_FEED = "\f"
# Sentence ends: a line ending so is a paragraph's end, not the half of a split one.
_TERMINAL = tuple("。！？；：:;!?」』”")
MAX_HEADER_CHARS = 40


def is_page_number(line: str) -> bool:
    # every form of _PAGE_NO opens with one of these (or a digit): most lines are ruled out at once
    first = line.lstrip()[:1]
    if not (first in _PAGE_NO_OPENS or first.isdecimal()):
        return False
    line = line.replace(_FORM_FEED, "")
    if not _PAGE_NO.match(line):
        return False
    # 5/9 is page 5 of 9; 0/0 is no page — the 2019 form's 本年增/减 printed so, a cell one per line
    # (大余县民政局 2020, 第六十二批: dropped, and the row read short, P004 on five rows)
    m = _OF_PAGES.match(line)
    return m is None or 1 <= int(m.group(1)) <= int(m.group(2))


@lru_cache(maxsize=1)
def _known_labels() -> frozenset[str]:
    """Row, group and header labels of the three tables (both templates), compact: a line that is
    one of them is part of a table, never a running header."""
    from ..formats import VERSIONS, get_template
    from .tables import labels_for
    out: set[str] = set()
    for v in VERSIONS:
        for spec in get_template(v).tables.values():
            out.update(lab.text for lab in labels_for(spec, v) if lab.text)
    return frozenset(out)


def _header_key(line: str) -> str:
    return re.sub(r"\d+", "#", compact(line))


def _is_heading(line: str) -> bool:
    """An item that starts something new: 一、 （二） 3. 一是 … (never joined to the line before)."""
    return bool(re.match(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]"
                         r"|[一二三四五六七八九十]是|#)", line))


def clean(doc: Doc) -> Doc:
    """The document without page numbers and running headers, with what a page break split joined.

    Returns a new Doc whose ``grid`` and ``numbered`` indices follow the new lines.
    """
    if not any(_FORM_FEED in ln for ln in doc.lines) and not any(map(is_page_number, doc.lines)):
        return doc
    # Entries (text, grid, numbered, page_break); a form feed becomes a break entry of its own.
    entries: list[tuple[str, bool, bool, bool]] = []
    for i, ln in enumerate(doc.lines):
        g, n = i in doc.grid, i in doc.numbered
        parts = ln.split(_FORM_FEED)
        for k, part in enumerate(parts):
            if k:
                entries.append(("", False, False, True))
            if part.strip() or len(parts) == 1:
                entries.append((part, g, n and k == len(parts) - 1, False))
    lines = [e[0] for e in entries]
    grid = {i for i, e in enumerate(entries) if e[1]}
    breaks = [i for i, e in enumerate(entries) if e[3] or (not e[1] and is_page_number(e[0]))]
    drop: set[int] = set(breaks)
    drop |= _running_headers(lines, grid, breaks)
    # Where a page break was, the text before and after may be one paragraph or one table label.
    joins: set[int] = set()          # index j: line j goes on the end of the kept line before it
    for b in breaks:
        prev = _neighbour(lines, drop, b, -1)
        nxt = _neighbour(lines, drop, b, +1)
        if prev is None or nxt is None or prev in grid or nxt in grid:
            continue
        a, c = lines[prev].rstrip(), lines[nxt].strip()
        if not a or not c or a.endswith(_TERMINAL) or _is_heading(c):
            continue
        joins.add(nxt)
    out: list[str] = []
    out_grid: set[int] = set()
    numbered: set[int] = set()
    for i, (ln, g, n, _) in enumerate(entries):
        if i in drop:
            continue
        if i in joins and out:
            out[-1] = out[-1].rstrip() + ln.strip()
            continue
        if g:
            out_grid.add(len(out))
        if n:
            numbered.add(len(out))
        out.append(ln)
    return replace(doc, lines=out, grid=out_grid, numbered=numbered)


def _neighbour(lines: list[str], drop: set[int], i: int, step: int) -> int | None:
    j = i + step
    while 0 <= j < len(lines):
        if j not in drop and lines[j].strip():
            return j
        j += step
    return None


def _running_headers(lines: list[str], grid: set[int], breaks: list[int]) -> set[int]:
    """Lines repeated next to two or more page breaks (the same text, or the same but for its
    digits), or the report's title next to one: a running header or footer. The title itself, at
    the head of the document, stays."""
    near: dict[str, set[int]] = {}
    break_set = set(breaks)
    for b in breaks:
        for j in (b - 2, b - 1, b + 1, b + 2):
            if not 0 <= j < len(lines) or j in grid or j in break_set:
                continue
            text = lines[j].strip()
            if not text or len(text) > MAX_HEADER_CHARS or text.endswith(_TERMINAL[:3]):
                continue
            key = _header_key(text)
            if not key or key in _known_labels() or not re.search(r"[\u4e00-\u9fff]", key):
                continue
            near.setdefault(key, set()).add(j)
    # The report's title (its first line) repeated at a page break is a running header even if
    # the document has only one break.
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    title = _header_key(lines[first]) if first is not None else None
    out: set[int] = set()
    for key, where in near.items():
        if len(where) < 2 and key != title:
            continue
        out |= where
    if first is not None and first < min(breaks):
        out.discard(first)
    return out
