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

from ..io import ReportLoadError

MAX_PUBLISHED_BYTES = 10 * 1024 * 1024
# A .docx is a zip: a small file can unpack to gigabytes (a zip bomb). Real reports unpack to a
# few MB; refuse anything that would unpack past this before reading a byte of it.
MAX_DOCX_UNPACKED = 100 * 1024 * 1024

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
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    odd = sum(1 for ch in sample if 0xE000 <= ord(ch) <= 0xF8FF or ord(ch) == 0xFFFD)
    return (control + odd) / len(sample) > 0.02


def read_path(path: str | Path) -> Doc:
    p = Path(path)
    src = str(p)
    if not p.exists():
        raise ReportLoadError([f"找不到文件：{p}"], src)
    if p.is_dir():
        raise ReportLoadError([f"这是一个目录，不是报告文件：{p}"], src)
    size = p.stat().st_size
    limit = _limit_for(p.name)
    if size > limit:
        raise ReportLoadError([_too_large(size, p.name, limit)], src)
    return read_bytes(p.read_bytes(), p.name, src)


def _limit_for(name: str, raw: bytes = b"") -> int:
    """PDFs and images (scans) may be larger than text, HTML or .docx."""
    from .ocr import IMAGE_EXTS, MAX_IMAGE_BYTES
    from .pdf import MAX_PDF_BYTES, PDF_EXTS
    ext = Path(name).suffix.lower()
    if ext in PDF_EXTS or raw[:5] == b"%PDF-":
        return MAX_PDF_BYTES
    if ext in IMAGE_EXTS:
        return MAX_IMAGE_BYTES
    return MAX_PUBLISHED_BYTES


def _too_large(size: int, name: str, limit: int) -> str:
    what = "PDF 文件" if limit != MAX_PUBLISHED_BYTES and Path(name).suffix.lower() == ".pdf" else "文件"
    return f"{what}过大（{size / (1024 * 1024):.1f} MB），可读取的该类文件应小于 {limit // (1024 * 1024)} MB"


def read_bytes(raw: bytes, name: str = "", source: str = "") -> Doc:
    source = source or name
    limit = _limit_for(name, raw)
    if len(raw) > limit:
        raise ReportLoadError([_too_large(len(raw), name, limit)], source)
    if not raw.strip():
        raise ReportLoadError(["文件为空，没有可读取的报告内容"], source)
    ext = Path(name).suffix.lower()
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
    text = _decode(raw, source, html=is_html)
    if _looks_binary(raw, text):
        raise ReportLoadError(["文件含有二进制内容，不是文本、网页或 Word 文档，无法读取"], source)
    if is_html:
        return read_html(text)
    return read_text(text)


# -- plain text and Markdown ---------------------------------------------------
_MD_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_MD_SEP = re.compile(r"^\s*\|?[\s:|\-]+\|?\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def read_text(text: str) -> Doc:
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    markdown = any(_MD_ROW.match(ln) for ln in raw_lines) or any(_MD_HEADING.match(ln) for ln in raw_lines)
    lines: list[str] = []
    grid: set[int] = set()
    for ln in raw_lines:
        if markdown and _MD_ROW.match(ln):
            if _MD_SEP.match(ln) and "-" in ln:
                continue          # |---|---| separator row
            cells = [c.strip() for c in _MD_ROW.match(ln).group(1).split("|")]
            grid.add(len(lines))
            lines.append("\t".join(cells))
            continue
        if markdown:
            # Markdown is the file's format here, not the report's wording: drop heading marks.
            ln = _MD_HEADING.sub("", ln)
        if "\t" in ln:
            grid.add(len(lines))
        lines.append(ln.rstrip())
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

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[tuple[str, object]] = []   # ("text", str) | ("table", rows)
        self.buf: list[str] = []
        self.skip = 0
        self.skip_stack: list[str] = []
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
            t["cell"] = {"parts": [], "rowspan": _span(a.get("rowspan", 1)), "colspan": _span(a.get("colspan", 1))}
        elif tag in _BLOCK:
            self._sink().append("\n")

    def _close_cell(self, t) -> None:
        if t["cell"] is not None:
            t["rows"][-1].append(t["cell"])
            t["cell"] = None

    def handle_endtag(self, tag):
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
            return
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


def read_html(text: str) -> Doc:
    p = _HTMLText()
    try:
        p.feed(text)
        p.close()
    except Exception:   # html.parser is lenient; anything it still rejects is unreadable markup
        raise ReportLoadError(["网页内容无法解析"]) from None
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
    return Doc(lines=lines, kind="html", grid=grid, title=re.sub(r"\s+", " ", p.title).strip() or None)


# -- .docx -------------------------------------------------------------------------
def _check_unpacked_size(raw: bytes, source: str) -> None:
    try:
        total = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(raw)).infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReportLoadError(["Word 文档已损坏，无法读取"], source) from None
    if total > MAX_DOCX_UNPACKED:
        raise ReportLoadError([f"Word 文档解压后过大（约 {total // (1024 * 1024)} MB），疑为异常文件，拒绝读取"], source)


def read_docx(raw: bytes, source: str = "") -> Doc:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        document = docx.Document(io.BytesIO(raw))
    except Exception:   # python-docx raises several types for a damaged package
        raise ReportLoadError(["Word 文档已损坏或不是 .docx 格式（可能是旧版 .doc），无法读取"], source) from None
    lines: list[str] = []
    grid: set[int] = set()
    body = document.element.body

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
            if _auto_numbered(para):
                numbered.add(len(lines))
            for ln in para.text.split("\n"):
                lines.append(ln.rstrip())
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                cells: list[str] = []
                last = None
                for cell in row.cells:
                    if cell._tc is last:      # a horizontally merged cell is listed once per column
                        continue
                    last = cell._tc
                    cells.append(re.sub(r"\s+", " ", cell.text).strip())
                if any(cells):
                    grid.add(len(lines))
                    lines.append("\t".join(cells))
    return Doc(lines=lines, kind="docx", grid=grid, numbered=numbered)


def _auto_numbered(para) -> bool:
    """Word list numbering, set on the paragraph or inherited from its style."""
    try:
        ppr = para._p.pPr
        if ppr is not None and ppr.numPr is not None:
            return True
        style = para.style
        while style is not None:
            sp = style.element.pPr
            if sp is not None and sp.numPr is not None:
                return True
            style = style.base_style
    except AttributeError:   # unusual styles without paragraph properties
        return False
    return False
