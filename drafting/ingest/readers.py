"""Turn a published file (plain text, Markdown, HTML, .docx) into lines of text.

Every shape ends up the same way: a list of lines, where a table row is its cells joined by
TAB (blank cells kept, so a cell's position survives) and any other line is prose. Parsing
sections and tables then works on that one representation.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .. import limits
from ..files import read_input
from ..io import ReportLoadError

# Sizes per type are bounds in drafting.limits (text_bytes, html_bytes, docx_bytes, …); this is
# the largest of them, for callers that only need to know when to stop reading.
MAX_PUBLISHED_BYTES = max(limits.limit(k) for k in ("text_bytes", "html_bytes", "docx_bytes"))
# The upload bound with the largest limit (PDF today): a file of unknown type is read up to it.
_LARGEST = max(set(limits.UPLOAD_BYTES.values()), key=limits.limit)

HTML_EXTS = {".html", ".htm", ".shtml", ".xhtml"}
DOCX_EXTS = {".docx"}


@dataclass
class Doc:
    lines: list[str]
    kind: str                       # text | markdown | html | docx | pdf | pdf-scan | pdf-mixed | image
    grid: set[int] = field(default_factory=set)   # indices of lines that are table rows
    numbered: set[int] = field(default_factory=set)   # lines Word numbers itself (一、 not in the text)
    title: str | None = None        # <title> of an HTML page, if any
    problems: list = field(default_factory=list)   # tables.Problem met while reading (OCR)
    unsure_lines: set[str] = field(default_factory=set)   # OCR: short lines (title, 落款) read unsure
    asides: list[str] = field(default_factory=list)   # text of a page's <aside> (not the report's
    # text; the review looks there for a 图解 published with the report)


# -- bytes to text -----------------------------------------------------------
def _decode(raw: bytes, source: str, html: bool = False) -> str:
    if html:
        m = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", raw[:4096])
        if m and m.group(1).lower() in (b"gbk", b"gb2312", b"gb18030"):
            try:
                return raw.decode("gb18030")
            except UnicodeDecodeError:
                pass
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ReportLoadError(["文件既不是 UTF-8 也不是 GBK 编码的文本，无法读取"], source)


def _looks_binary(raw: bytes, text: str) -> bool:
    if b"\x00" in raw[:65536]:
        return True
    sample = text[:20000]
    if not sample:
        return False
    # control characters other than \t\n\v\f\r, private-use and replacement characters
    if not _ODD_CHARS.search(sample):
        return False                     # (nearly every text: nothing odd to count)
    odd = len(_ODD_CHARS.findall(sample))
    return odd / len(sample) > 0.02


_ODD_CHARS = re.compile("[\x00-\x08\x0e-\x1f\ue000-\uf8ff\ufffd]")


def _suffix(name: str) -> str:
    """``Path(name).suffix`` without making a Path (read for every file)."""
    base = name.rstrip("/").rpartition("/")[2]
    i = base.rfind(".")
    return base[i:] if 0 < i < len(base) - 1 else ""


def read_path(path: str | Path) -> Doc:
    p = Path(path)
    # By extension (a .pdf by the PDF bound, a scan by the image bound); an unknown one by the
    # largest bound, and read_bytes checks again by what the content turns out to be.
    bound = limits.UPLOAD_BYTES.get(p.suffix.lower(), _LARGEST)
    return read_bytes(read_input(p, bound, limits.BOUNDS[bound].subject), p.name, str(p))


def _size_check(raw: bytes, bound: str, name: str, source: str) -> None:
    if len(raw) > limits.limit(bound):        # (the message is only built for a file too large)
        raise limits.exceeded(bound, len(raw), f"{limits.BOUNDS[bound].subject}「{Path(name).name or source}」",
                              source)


def read_bytes(raw: bytes, name: str = "", source: str = "") -> Doc:
    source = source or name
    if len(raw) > limits.limit(_LARGEST):     # larger than any readable type may be
        raise limits.exceeded(_LARGEST, len(raw), f"文件「{Path(name).name or source}」", source)
    if not raw.strip():
        raise ReportLoadError(["文件为空，没有可读取的报告内容"], source)
    ext = _suffix(name).lower()
    from .ocr import IMAGE_EXTS, image_kind, read_image
    from .pdf import PDF_EXTS, is_pdf, read_pdf
    if is_pdf(raw):
        return read_pdf(raw, source)
    if ext in PDF_EXTS:
        raise ReportLoadError(["文件扩展名为 .pdf，但内容不是 PDF 文件，无法读取"], source)
    if image_kind(raw) is not None:
        return read_image(raw, source)
    if ext in IMAGE_EXTS:
        raise ReportLoadError([f"文件扩展名为 {ext}，但内容不是可识别的 PNG 或 JPEG 图像，无法读取"], source)
    if ext in DOCX_EXTS or raw[:4] == b"PK\x03\x04":
        _size_check(raw, "docx_bytes", name, source)
        if not zipfile.is_zipfile(io.BytesIO(raw)):
            raise ReportLoadError(["文件扩展名为 .docx，但内容不是有效的 Word 文档（不是 zip 压缩包），无法读取"], source)
        _check_unpacked_size(raw, source)
        return read_docx(raw, source)
    if raw[:4] == b"\xd0\xcf\x11\xe0":
        raise ReportLoadError(["这是旧版 Word（.doc）或其他 Office 二进制文件，暂不支持；请另存为 .docx 后再读取"], source)
    head = raw[:2048].lstrip().lower()
    is_html = ext in HTML_EXTS or head.startswith((b"<!doctype html", b"<html", b"<?xml")) \
        or b"<html" in head or b"<body" in head
    if b"\x00" in raw[:65536]:
        raise ReportLoadError(["文件含有二进制内容，不是文本、网页或 Word 文档，无法读取"], source)
    _size_check(raw, "html_bytes" if is_html else "text_bytes", name, source)
    text = _decode(raw, source, html=is_html)
    if _looks_binary(raw, text):
        raise ReportLoadError(["文件含有二进制内容，不是文本、网页或 Word 文档，无法读取"], source)
    if is_html:
        return read_html(text, source)
    return read_text(text, source)


# -- plain text and Markdown ---------------------------------------------------
_MD_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_MD_SEP = re.compile(r"^\s*\|?[\s:|\-]+\|?\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def _pipe_rows(lines: list[str]) -> set[int]:
    """Indexes of Markdown table rows: |a|b| lines, and lines written without the outer pipes
    (规章 | 0 | 0 | 0 |, as some sites' Markdown copies have them) when at least two such lines
    with two or more pipes stand together, so a lone "|" in prose is not a table."""
    rows = {i for i, ln in enumerate(lines) if _MD_ROW.match(ln)}
    loose = [ln.count("|") >= 2 for ln in lines]
    for i, ok in enumerate(loose):
        if ok and ((i > 0 and loose[i - 1]) or (i + 1 < len(lines) and loose[i + 1])):
            rows.add(i)
    return rows


# A table a web page's copy printed one cell per line, each cell followed by its border pipe and
# each row closed by a line of pipes alone (规章 |\n0 |\n0 |\n0 |\n|||): one cell, then pipes.
_CELL_LINE = re.compile(r"^([^|]*)\|[\s|]*$")
_CELL_RUN = 6           # lines in a run at least, so a lone 「… |」 in prose is left as it is
_CELL_FIGURES = 2       # of which at least this many hold a figure alone (or a mark for none)
# a cell printed 无/-/— for none counts with the figures (路北区住建局 2022, 第一百一十四批: every
# 表二 cell 无 but 行政处罚's 2 — the pipes stayed on, and the filled row read as unfilled, T001)
_NONE_MARKS = frozenset({"无", "-", "--", "—", "——", "－", "/", "／"})


def _cell_lines(lines: list[str]) -> dict[int, str | None]:
    """Lines of runs in the one-cell-per-line layout, each with the cell it holds (the pipes
    dropped; "" for a line of pipes alone). The table reader reads such cells stacked below their
    label; with the pipes left on, no cell is a figure and the table is not read.

    A row with blank cells is the exception: there a line of a lone pipe is a blank cell and only
    the row's last line of pipes alone closes it (一、本年新收… |\n56 |\n|\n|\n|\n|\n|\n56 |\n||:
    seven cells, five blank — 长春市二道区房屋征收办 2022). Stacked, a blank cell and the closing
    line would both be blank lines and the row would read short; the row is given as one
    TAB-separated line (its label, then its cells), where a blank cell stays blank, and its other
    lines are dropped (None)."""
    out: dict[int, str | None] = {}
    run: list[tuple[int, str]] = []

    def close() -> None:
        if len(run) >= _CELL_RUN and \
                sum(c.strip().isdigit() or c.strip() in _NONE_MARKS for _, c in run) >= _CELL_FIGURES:
            out.update((i, c.strip()) for i, c in run)
            _blank_cell_rows([(i, c.strip()) for i, c in run], lines, out)
        run.clear()

    for i, ln in enumerate(lines):
        m = _CELL_LINE.match(ln) if "|" in ln else None
        if m is None:
            close()
        else:
            run.append((i, m.group(1)))
    close()
    return out


def _blank_cell_rows(run: list[tuple[int, str]], lines: list[str], out: dict[int, str | None]) -> None:
    """Rows of a one-cell-per-line run that hold blank cells, each joined into one TAB line (see
    _cell_lines). A row: a line of words (its label), then lines of figures and of a lone pipe up
    to the next line of words; the last line of pipes alone closes it, the others are blank cells.
    A line of two or more pipes is never a cell: one inside the group closes a row of headers, and
    the figures after it are a row with no label (表四) — left as it is. Only rows of figures and
    blanks with at least one blank between are joined: every other shape (headers, a row with no
    blank cell, a 「0/0」 cell) is left to the stacked reading."""
    labels = [k for k, (_, c) in enumerate(run) if c and not c.isdigit()] + [len(run)]
    for a, b in zip(labels, labels[1:]):
        group = run[a + 1:b]
        cells = [c for _, c in group]
        if not cells or cells[-1]:
            continue                   # no closing line: which pipe line closes the row is not known
        if any(not c and lines[i].count("|") > 1 for i, c in group[:-1]):
            continue
        cells = cells[:-1]
        if not any(cells) or "" not in cells or not all(c.isdigit() or c == "" for c in cells):
            continue
        out[run[a][0]] = "\t".join([run[a][1], *cells])
        for i, _ in run[a + 1:b]:
            out[i] = None


def _pipe_cells(line: str) -> list[str]:
    """The cells of one row: one outer pipe at each end is the row's border, not a cell."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return s.split("|")


def read_text(text: str, source: str = "") -> Doc:
    limits.check("report_chars", len(text), source=source)
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    limits.check("doc_lines", len(raw_lines), source=source)
    rows = _pipe_rows(raw_lines) if "|" in text else set()
    cells = _cell_lines(raw_lines) if "|" in text else {}
    if cells:
        rows -= cells.keys()
    markdown = bool(rows) or ("#" in text and any(_MD_HEADING.match(ln) for ln in raw_lines))
    lines: list[str] = []
    grid: set[int] = set()
    for i, ln in enumerate(raw_lines):
        if i in cells:
            cell = cells[i]
            if cell is None:
                continue              # a line of a row joined into one TAB line
            if "\t" in cell:
                grid.add(len(lines))
            lines.append(cell)
            continue
        if i in rows:
            if _MD_SEP.match(ln) and "-" in ln:
                continue          # |---|---| separator row
            row = [c.strip() for c in _pipe_cells(ln)]     # (not ``cells``: the one-cell lines still to come)
            grid.add(len(lines))
            lines.append("\t".join(row))
            continue
        if markdown:
            # Markdown is the file's format here, not the report's wording: drop heading marks.
            ln = _MD_HEADING.sub("", ln)
        if "\t" in ln:
            grid.add(len(lines))
        lines.append(ln.rstrip(" \r\v\u3000\u00a0"))   # kept: a TAB ending an empty last cell, a form feed (page break)
    return Doc(lines=lines, kind="markdown" if markdown else "text", grid=grid)


# -- HTML ------------------------------------------------------------------------
_SKIP = {"script", "style", "noscript", "template", "head", "nav", "footer", "aside", "select",
         "button", "iframe", "svg", "object", "embed", "form", "textarea"}
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section",
          "article", "header", "blockquote", "pre", "dd", "dt", "hr", "center", "caption"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source"}


class _HTMLText(HTMLParser):
    """Page text in reading order: paragraphs, and tables as grids.

    A table that holds another table is a layout table (common on older government sites):
    its cells are read as ordinary page flow, and the tables inside it as tables.
    """

    def __init__(self, budget: "_Budget | None" = None) -> None:
        super().__init__(convert_charrefs=True)
        self.budget = budget or _Budget()
        self.out: list[tuple[str, object]] = []   # ("text", str) | ("table", rows)
        self.buf: list[str] = []
        self.skip = 0
        self.skip_stack: list[str] = []
        self.asides: list[str] = []
        self.tables: list[dict] = []    # stack: {"rows": [[cell…]], "cell": None | dict, "layout": bool}
        self.in_title = False
        self.title = ""

    def _in_cell(self) -> bool:
        return bool(self.tables) and self.tables[-1]["cell"] is not None

    def _sink(self) -> list:
        """Where text goes: the open cell's parts, or the running paragraph buffer."""
        if self._in_cell():
            return self.tables[-1]["cell"]["parts"]
        return self.buf

    def _flush(self) -> None:
        s = "".join(self.buf)
        if s.strip():
            self.out.append(("text", s))
        self.buf = []

    def _emit(self, parts: list) -> None:
        for part in parts:
            if isinstance(part, str):
                self.buf.append(part)
            else:
                self._flush()
                self.out.append(part)
        self.buf.append("\n")

    def handle_starttag(self, tag, attrs):
        self.budget.tag()
        tag = tag.lower()
        if tag == "title":
            self.in_title = True
        if self.skip:
            if tag in _SKIP and tag not in _VOID:
                self.skip_stack.append(tag)
                self.skip += 1
            return
        if tag in _SKIP:
            self.skip += 1
            self.skip_stack.append(tag)
            return
        a = dict(attrs)
        if tag == "table":
            nested = self._in_cell()
            if not nested:
                self._flush()
            self.tables.append({"rows": [], "cell": None, "nested": nested, "layout": False})
        elif tag == "tr" and self.tables:
            t = self.tables[-1]
            self._close_cell(t)
            t["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            t = self.tables[-1]
            self._close_cell(t)
            if not t["rows"]:
                t["rows"].append([])

            def _span(v):
                try:
                    return max(1, min(int(str(v).strip() or 1), 100))
                except ValueError:
                    return 1
            cell = {"parts": [], "rowspan": _span(a.get("rowspan", 1)), "colspan": _span(a.get("colspan", 1))}
            # Counted as laid out: rowspan=100 colspan=100 is 10,000 grid slots, not one cell.
            self.budget.cells_(cell["rowspan"] * cell["colspan"])
            t["cell"] = cell
        elif tag in _BLOCK:
            self._sink().append("\n")

    def _close_cell(self, t) -> None:
        if t["cell"] is not None:
            t["rows"][-1].append(t["cell"])
            t["cell"] = None

    def handle_endtag(self, tag):
        self.budget.tag()
        tag = tag.lower()
        if tag == "title":
            self.in_title = False
        if self.skip:
            if tag in self.skip_stack:
                while self.skip_stack:
                    self.skip -= 1
                    if self.skip_stack.pop() == tag:
                        break
            return
        if tag in ("td", "th") and self.tables:
            self._close_cell(self.tables[-1])
        elif tag == "table" and self.tables:
            self._end_table()
        elif tag in _BLOCK:
            self._sink().append("\n")

    def _end_table(self) -> None:
        t = self.tables.pop()
        self._close_cell(t)
        if t["layout"]:
            parts: list = []
            for row in t["rows"]:
                for cell in row:
                    parts.extend(cell["parts"])
                    parts.append("\n")
        else:
            parts = [("table", _expand_spans(t["rows"]))]
        if t["nested"] and self._in_cell():
            self.tables[-1]["layout"] = True
            self.tables[-1]["cell"]["parts"].extend(parts)
        else:
            self._emit(parts)

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if self.skip:
            if self.skip_stack and self.skip_stack[0] == "aside" and len(self.skip_stack) == 1 and data.strip():
                self.budget.text(len(data))
                self.asides.append(data.strip())
            return
        self.budget.text(len(data))
        self._sink().append(data)

    def close(self):
        super().close()
        while self.tables:     # unclosed tables: keep what was read
            self._end_table()
        self._flush()


def _cell_text(cell: dict) -> str:
    out = []
    for part in cell["parts"]:
        if isinstance(part, str):
            out.append(part)
        else:   # a table inside a data cell: its text, flattened
            out.append(" ".join(" ".join(r) for r in part[1]))
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _expand_spans(rows: list[list[dict]]) -> list[list[str]]:
    """Lay rowspan/colspan cells out on a grid; a spanned cell's text fills every slot."""
    grid: dict[tuple[int, int], str] = {}
    origin: dict[tuple[int, int], int] = {}
    width = 0
    for r, cells in enumerate(rows):
        c = 0
        for cell in cells:
            while (r, c) in grid:
                c += 1
            text = _cell_text(cell)
            for dr in range(cell["rowspan"]):
                for dc in range(cell["colspan"]):
                    grid[(r + dr, c + dc)] = text
                    origin[(r + dr, c + dc)] = id(cell)
            c += cell["colspan"]
        width = max(width, c)
    out: list[list[str]] = []
    for r in range(len(rows)):
        row: list[str] = []
        last_origin = None
        for c in range(width):
            o = origin.get((r, c))
            # A colspan repeats one cell's text across slots; keep it once so a label is not
            # read twice, but keep blank slots (they are cell positions).
            if o is not None and o == last_origin:
                continue
            last_origin = o
            row.append(grid.get((r, c), ""))
        out.append(row)
    return out


def read_html(text: str, source: str = "") -> Doc:
    p = _HTMLText(_Budget(source))
    try:
        p.feed(text)
        p.close()
    except ReportLoadError:
        raise
    except Exception:   # html.parser is lenient; anything it still rejects is unreadable markup
        raise ReportLoadError(["网页内容无法解析"], source) from None
    lines: list[str] = []
    grid: set[int] = set()
    for kind, val in p.out:
        if kind == "text":
            for ln in str(val).split("\n"):
                ln = re.sub(r"[ \t\u00a0]+", " ", ln).strip()
                if ln:
                    lines.append(ln)
        else:
            for row in val:   # type: ignore[union-attr]
                if any(c.strip() for c in row):
                    grid.add(len(lines))
                    lines.append("\t".join(c.replace("\t", " ") for c in row))
    return Doc(lines=lines, kind="html", grid=grid, title=re.sub(r"\s+", " ", p.title).strip() or None,
               asides=p.asides)


# -- .docx -------------------------------------------------------------------------
def _check_unpacked_size(raw: bytes, source: str) -> None:
    """Refuse a zip bomb from the zip's directory, before a byte is unpacked: the total, and
    each XML part (python-docx parses XML into a tree several times its size)."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReportLoadError(["Word 文档已损坏，无法读取"], source) from None
    limits.check("docx_unpacked_bytes", sum(i.file_size for i in infos), source=source)
    for i in infos:
        if i.filename.endswith((".xml", ".rels")):
            limits.check("docx_xml_bytes", i.file_size,
                         f"Word 文档的正文 XML（解压后，{i.filename}）" if i.filename != "word/document.xml"
                         else "", source)


class _Budget:
    """Running counts while reading, so that reading stops at a bound instead of after it:
    characters (a line break counts as one, so empty paragraphs are not free) and table cells."""

    def __init__(self, source: str = ""):
        self.chars = self.cells = self.lines = self.tags = 0
        self.source = source
        self.max_chars = limits.limit("report_chars")
        self.max_cells = limits.limit("table_cells")
        self.max_lines = limits.limit("doc_lines")
        self.max_tags = limits.limit("html_tags")

    def text(self, n: int) -> None:
        self.chars += n
        if self.chars > self.max_chars:
            raise limits.exceeded("report_chars", self.max_chars, source=self.source)

    def line(self, n: int = 1) -> None:
        self.lines += n
        if self.lines > self.max_lines:
            raise limits.exceeded("doc_lines", self.max_lines, source=self.source)

    def tag(self) -> None:
        self.tags += 1
        if self.tags > self.max_tags:
            raise limits.exceeded("html_tags", self.max_tags, source=self.source)

    def cells_(self, n: int) -> None:
        self.cells += n
        if self.cells > self.max_cells:
            raise limits.exceeded("table_cells", self.max_cells, source=self.source)


def read_docx(raw: bytes, source: str = "") -> Doc:
    try:
        import docx
        from docx.table import _Cell
        from docx.text.paragraph import Paragraph
        document = docx.Document(io.BytesIO(raw))
    except Exception:   # python-docx raises several types for a damaged package
        raise ReportLoadError(["Word 文档已损坏或不是 .docx 格式（可能是旧版 .doc），无法读取"], source) from None
    lines: list[str] = []
    grid: set[int] = set()
    body = document.element.body
    budget = _Budget(source)
    numbering = _StyleNumbering(document)

    def blocks(parent):
        # Content controls (w:sdt) wrap paragraphs and tables; read through them.
        for child in parent.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "sdt":
                for sub in child.iterchildren():
                    if sub.tag.rsplit("}", 1)[-1] == "sdtContent":
                        yield from blocks(sub)
            else:
                yield tag, child

    numbered: set[int] = set()
    for tag, child in blocks(body):
        if tag == "p":
            para = Paragraph(child, document)
            if numbering.numbered(para):
                numbered.add(len(lines))
            budget.line()
            for ln in para.text.split("\n"):
                budget.text(len(ln) + 1)
                lines.append(ln.rstrip())
        elif tag == "tbl":
            for cells in _docx_table(child, document, budget, _Cell):
                if any(cells):
                    grid.add(len(lines))
                    lines.append("\t".join(cells))
    return Doc(lines=lines, kind="docx", grid=grid, numbered=numbered)


def _docx_table(tbl, document, budget: _Budget, cell_cls):
    """Rows of a Word table, one entry per cell as written (a horizontally merged cell once);
    a cell that continues a vertical merge repeats the text of the cell it continues, as a
    rowspan does in HTML. Read in one pass: python-docx's row.cells walks up through every
    continued cell again for each row, quadratic in the rows (and recursive)."""
    from docx.table import Table
    table = Table(tbl, document)
    above: dict[int, str] = {}      # grid column -> text of the cell a vertical merge continues
    for tr in tbl.tr_lst:
        budget.line()
        budget.cells_(sum(max(1, tc.grid_span) for tc in tr.tc_lst))
        col = tr.grid_before
        cells: list[str] = []
        for tc in tr.tc_lst:
            span = max(1, tc.grid_span)
            if tc.vMerge == "continue":
                text = above.get(col, "")
            else:
                text = re.sub(r"\s+", " ", cell_cls(tc, table).text).strip()
                budget.text(len(text) + 1)
            above[col] = text
            cells.append(text)
            col += span
        yield cells


class _StyleNumbering:
    """Word list numbering, set on the paragraph or inherited from its style. The answer per
    style is kept: python-docx looks a paragraph's style up by scanning every style of the
    document (3.5 ms a paragraph on python-docx's own template, 300 s for a large file)."""

    def __init__(self, document):
        self.document = document
        self.by_style: dict[str | None, bool] = {}

    def numbered(self, para) -> bool:
        try:
            ppr = para._p.pPr
            if ppr is not None and ppr.numPr is not None:
                return True
            sid = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
            if sid not in self.by_style:
                self.by_style[sid] = self._style_numbered(para.style)
            return self.by_style[sid]
        except AttributeError:   # unusual styles without paragraph properties
            return False

    @staticmethod
    def _style_numbered(style) -> bool:
        seen = 0
        while style is not None and seen < 50:     # a style chain that loops on itself ends here
            sp = style.element.pPr
            if sp is not None and sp.numPr is not None:
                return True
            style = style.base_style
            seen += 1
        return False
