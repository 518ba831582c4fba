"""Read a published report from PDF: the text layer where there is one, OCR where there is not.

PDFium (pypdfium2) reads the file: the characters of the text layer with their boxes, the
vector paths that rule the tables, and, for pages that are only a scanned image, a rendering
of the page for OCR (ocr.py). Why PDFium and not pdfminer/pdfplumber: on the real published
reports in fixtures/corpus (WPS and LibreOffice output) both read the same characters, PDFium
about thirty times faster, and it renders pages as well, so one library serves both paths.

Before PDFium sees a byte, the file is checked against the bounds below: size, page count, and
how far its compressed streams inflate (a small PDF can hold gigabytes of zeros) and how many
pixels its images declare. Every refusal is a Chinese message (ReportLoadError, exit 2).
"""
from __future__ import annotations

import ctypes
import re
import zlib
from functools import lru_cache

from .. import limits
from ..io import ReportLoadError
from .layout import Glyph, Page, Seg, assemble, cell_text, find_tables, glyph_lines

# -- bounds ---------------------------------------------------------------------------------
MAX_PDF_BYTES = limits.limit("pdf_bytes")  # a scanned report of 30 pages is about 10–20 MB
MAX_PDF_PAGES = limits.limit("pdf_pages")  # a published 年报 has 5–30 pages
MAX_OCR_PAGES = limits.limit("ocr_pages")  # OCR takes seconds per page
MAX_INFLATED_BYTES = 512 * 1024 * 1024    # all streams of the file, decompressed
MAX_CONTENT_BYTES = 64 * 1024 * 1024      # streams that are not images (page content, fonts)
MAX_IMAGE_PIXELS = 120_000_000            # one embedded image (a 600 dpi A3 scan is 70 Mpx)
MAX_PAGE_CHARS = 60_000                   # characters of one page's text layer

PDF_EXTS = {".pdf"}


def is_pdf(raw: bytes) -> bool:
    return raw[:1024].lstrip()[:5] == b"%PDF-" or b"%PDF-" in raw[:1024]


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")


def check_bounds(raw: bytes, source: str = "") -> None:
    """Refuse a PDF whose size or decompressed content exceeds the bounds, before parsing it.

    Every stream is inflated in bounded chunks and only counted (nothing is kept), so the check
    itself needs little memory; it stops at the first bound crossed.
    """
    if len(raw) > MAX_PDF_BYTES:
        raise ReportLoadError([f"PDF 文件过大（{_mb(len(raw))}），可读取的 PDF 应小于 {_mb(MAX_PDF_BYTES)}"], source)
    total = 0
    content = 0
    for m in _STREAM.finditer(raw):
        start = m.end()
        # The stream's dictionary: from its "N 0 obj" to the keyword.
        head_from = max(0, start - 4096)
        heads = list(_OBJ.finditer(raw, head_from, m.start()))
        head = raw[heads[-1].start() if heads else head_from:m.start()]
        image = re.search(rb"/Subtype\s*/Image", head) is not None
        if image:
            w = re.search(rb"/Width\s+(\d{1,9})", head)
            h = re.search(rb"/Height\s+(\d{1,9})", head)
            if w and h and int(w.group(1)) * int(h.group(1)) > MAX_IMAGE_PIXELS:
                raise ReportLoadError([f"PDF 中的图像过大（{int(w.group(1))}×{int(h.group(1))} 像素），"
                                       "疑为异常文件，拒绝读取"], source)
        if b"FlateDecode" not in head and b"/Fl " not in head and b"/Fl/" not in head:
            continue
        end = raw.find(b"endstream", start)
        if end < 0:
            end = len(raw)
        d = zlib.decompressobj()
        data = raw[start:end]
        produced = 0
        try:
            chunk = d.decompress(data, 1 << 20)
            produced += len(chunk)
            while d.unconsumed_tail and produced <= MAX_INFLATED_BYTES:
                chunk = d.decompress(d.unconsumed_tail, 1 << 20)
                if not chunk:
                    break
                produced += len(chunk)
        except zlib.error:
            pass          # damaged or not zlib: PDFium will judge it, and it cannot inflate it either
        total += produced
        if not image:
            content += produced
        if total > MAX_INFLATED_BYTES or content > MAX_CONTENT_BYTES:
            raise ReportLoadError([f"PDF 内容解压后过大（超过 {_mb(MAX_CONTENT_BYTES if content > MAX_CONTENT_BYTES else MAX_INFLATED_BYTES)}），"
                                   "疑为异常文件（压缩炸弹），拒绝读取"], source)


# -- PDFium ---------------------------------------------------------------------------------
def _pdfium():
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
    except ImportError:   # the package is a dependency; a broken install still gets a sentence
        raise ReportLoadError(["读取 PDF 需要 pypdfium2 程序包，当前环境中没有安装；请运行 make install"]) from None
    return pdfium, raw


def open_pdf(raw: bytes, source: str = ""):
    check_bounds(raw, source)
    pdfium, _ = _pdfium()
    try:
        doc = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise ReportLoadError(["PDF 文件已加密（需要密码才能打开），无法读取；请提供未加密的文件"], source) from None
        raise ReportLoadError(["PDF 文件已损坏或格式不正确，无法读取"], source) from None
    n = len(doc)
    if n == 0:
        doc.close()
        raise ReportLoadError(["PDF 文件没有页面，无法读取"], source)
    if n > MAX_PDF_PAGES:
        doc.close()
        raise ReportLoadError([f"PDF 共 {n} 页，超过可读取的 {MAX_PDF_PAGES} 页；年度报告通常不超过 30 页，"
                               "请只提供报告本身"], source)
    return doc


def _color(fn, obj) -> tuple[int, int, int, int]:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    ok = fn(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a))
    if not ok:
        return (0, 0, 0, 0)
    return (r.value, g.value, b.value, a.value)


def _visible(c: tuple[int, int, int, int]) -> bool:
    """Ink, not paper: white or transparent paths are cell backgrounds."""
    r, g, b, a = c
    return a > 40 and min(r, g, b) < 200


def page_segments(page, height: float) -> list[Seg]:
    """Ruling lines of a page from its vector paths (also those inside form XObjects).

    A stroked path gives its axis-parallel pieces; a filled path gives a segment when it is a
    thin bar (Word and WPS draw borders either way). White and transparent paths, and filled
    boxes (cell shading), are not lines.
    """
    _, R = _pdfium()
    out: list[Seg] = []
    for obj in page.get_objects(filter=(R.FPDF_PAGEOBJ_PATH,), max_depth=4):
        fill = ctypes.c_int()
        stroke = ctypes.c_int()
        if not R.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke)):
            continue
        try:
            left, bottom, right, top = obj.get_bounds()
        except Exception:   # PDFium cannot bound some degenerate paths; they are not rulings
            continue
        w, h = right - left, top - bottom
        if stroke.value and _visible(_color(R.FPDFPageObj_GetStrokeColor, obj.raw)):
            pts = _path_points(obj, R)
            if pts is None:       # too complex to be a ruling line
                continue
            for (x0, y0, x1, y1) in pts:
                if abs(y0 - y1) <= 0.5 and abs(x1 - x0) > 1:
                    out.append(Seg(True, height - y0, min(x0, x1), max(x0, x1)))
                elif abs(x0 - x1) <= 0.5 and abs(y1 - y0) > 1:
                    out.append(Seg(False, x0, height - max(y0, y1), height - min(y0, y1)))
        elif fill.value and _visible(_color(R.FPDFPageObj_GetFillColor, obj.raw)):
            if h <= 3 and w > 3:
                out.append(Seg(True, height - (top + bottom) / 2, left, right))
            elif w <= 3 and h > 3:
                out.append(Seg(False, (left + right) / 2, height - top, height - bottom))
    return out


def _path_points(obj, R) -> list[tuple[float, float, float, float]] | None:
    """The straight pieces of a path in page coordinates (None for curves and long paths)."""
    n = R.FPDFPath_CountSegments(obj.raw)
    if n <= 0 or n > 64:
        return None
    m = _page_matrix(obj)
    pts: list[tuple[float, float, int, bool]] = []
    for i in range(n):
        seg = R.FPDFPath_GetPathSegment(obj.raw, i)
        x, y = ctypes.c_float(), ctypes.c_float()
        if not R.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            return None
        kind = R.FPDFPathSegment_GetType(seg)
        if kind == R.FPDF_SEGMENT_BEZIERTO:
            return None
        close = bool(R.FPDFPathSegment_GetClose(seg))
        a, b, c, d, e, f = m
        px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
        pts.append((px, py, kind, close))
    out = []
    start = None
    prev = None
    for px, py, kind, close in pts:
        if kind == R.FPDF_SEGMENT_MOVETO:
            start = prev = (px, py)
            continue
        if prev is not None:
            out.append((prev[0], prev[1], px, py))
        prev = (px, py)
        if close and start is not None:
            out.append((px, py, start[0], start[1]))
            prev = start
    return out


def _page_matrix(obj) -> tuple[float, float, float, float, float, float]:
    """The object's matrix composed with those of the form XObjects that hold it."""
    def mul(m1, m2):   # m1 then m2
        a1, b1, c1, d1, e1, f1 = m1
        a2, b2, c2, d2, e2, f2 = m2
        return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
                e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)
    m = tuple(obj.get_matrix().get())
    parent = getattr(obj, "container", None)
    depth = 0
    while parent is not None and depth < 8 and hasattr(parent, "get_matrix"):
        m = mul(m, tuple(parent.get_matrix().get()))
        parent = getattr(parent, "container", None)
        depth += 1
    return m  # type: ignore[return-value]


_BAD_CHAR = re.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0c\x0e-\x1f]")


def page_glyphs(page, height: float) -> tuple[list[Glyph], int]:
    """Characters of the text layer with their boxes, and how many were unreadable
    (private-use or replacement characters: a font without a Unicode map)."""
    _, R = _pdfium()
    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        if n > MAX_PAGE_CHARS:
            raise ReportLoadError([f"PDF 某一页的文字超过 {MAX_PAGE_CHARS} 个，不像是年度报告，拒绝读取"])
        out: list[Glyph] = []
        looses: list[tuple[float, float] | None] = []
        bad = 0
        left, bottom, right, top = (ctypes.c_double() for _ in range(4))
        spaced = False
        for i in range(n):
            generated = R.FPDFText_IsGenerated(tp.raw, i) == 1
            u = R.FPDFText_GetUnicode(tp.raw, i)
            if u in (0x20, 0x0D, 0x0A, 0x09, 0xA0, 0x3000) or u == 0:
                spaced = spaced or (u in (0x20, 0xA0, 0x3000) and not generated)
                continue
            if generated:
                continue
            ch = chr(u) if u < 0x110000 else "\ufffd"
            if _BAD_CHAR.match(ch):
                bad += 1
                continue
            if not R.FPDFText_GetCharBox(tp.raw, i, ctypes.byref(left), ctypes.byref(right),
                                         ctypes.byref(bottom), ctypes.byref(top)):
                continue
            x0, x1, y0, y1 = left.value, right.value, bottom.value, top.value
            if x1 - x0 <= 0 or y1 - y0 <= 0:
                continue
            # Tight boxes differ per glyph (一 is flat, ，sits low); the font's box is the same
            # for every glyph of a line, so lines group by it.
            lb = R.FS_RECTF()
            loose = None
            if R.FPDFText_GetLooseCharBox(tp.raw, i, ctypes.byref(lb)) and lb.top > lb.bottom:
                loose = (height - lb.top, height - lb.bottom)
            out.append(Glyph(ch, x0, height - y1, x1, height - y0, spaced))
            looses.append(loose)
            spaced = False
        # Some fonts (vertical writing, broken metrics) give absurd font boxes: keep the tight
        # box for those.
        heights = sorted(b - t for t, b in (x for x in looses if x))
        typical = heights[len(heights) // 2] if heights else 0.0
        for g, loose in zip(out, looses):
            if loose and loose[1] - loose[0] <= 4 * typical and loose[0] <= g.top + 0.5 and loose[1] >= g.bottom - 0.5:
                g.top, g.bottom = loose
        return out, bad
    finally:
        tp.close()


def _page_image(page, width: float, height: float) -> tuple[float, float | None]:
    """Share of the page its largest image covers (a scan fills the page), and that image's
    resolution in dots per inch."""
    _, R = _pdfium()
    best, dpi = 0.0, None
    for obj in page.get_objects(filter=(R.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        try:
            left, bottom, right, top = obj.get_bounds()
            px_w, _ = obj.get_px_size()
        except Exception:   # an image PDFium cannot measure is not the page's scan
            continue
        area = max(0.0, min(right, width) - max(left, 0)) * max(0.0, min(top, height) - max(bottom, 0))
        share = area / max(width * height, 1.0)
        if share > best:
            best = share
            dpi = px_w / max(right - left, 1.0) * 72.0 if px_w else None
    return best, dpi


@lru_cache(maxsize=1)
def known_labels() -> frozenset[str]:
    """Row and group labels of the tables (both templates, compact form), from the format data."""
    from ..formats import VERSIONS, get_template
    from .tables import labels_for
    out: set[str] = set()
    for v in VERSIONS:
        for spec in get_template(v).tables.values():
            out.update(lab.text for lab in labels_for(spec, v) if lab.kind in ("row", "group") and lab.text)
    return frozenset(out)


def text_page(glyphs: list[Glyph], segs: list[Seg], width: float, height: float) -> Page:
    """A page of the text layer: tables from its ruling lines, the other characters as lines."""
    tables = find_tables(segs)
    inside: list[list[Glyph]] = [[] for _ in tables]
    rest: list[Glyph] = []
    for g in glyphs:
        for k, t in enumerate(tables):
            if t.contains(g.cx, g.cy):
                inside[k].append(g)
                break
        else:
            rest.append(g)
    for t, gs in zip(tables, inside):
        by_cell: dict[int, list[Glyph]] = {}
        for g in gs:
            for idx, c in enumerate(t.cells):
                if c.x0 <= g.cx <= c.x1 and c.top <= g.cy <= c.bottom:
                    by_cell.setdefault(idx, []).append(g)
                    break
        for idx, c in enumerate(t.cells):
            c.text = cell_text(by_cell.get(idx, []))
    return Page(width, height, glyph_lines(rest), tables)


def read_pdf(raw: bytes, source: str = ""):
    """A PDF to readers.Doc: text-layer pages read directly, image-only pages through OCR."""
    from .readers import Doc
    doc = open_pdf(raw, source)
    pages: list[Page] = []
    problems: list = []
    scanned = 0
    try:
        for i in range(len(doc)):
            page = doc[i]
            try:
                width, height = page.get_size()
                glyphs, bad = page_glyphs(page, height)
                cover, dpi = _page_image(page, width, height) if len(glyphs) < 20 else (0.0, None)
                if len(glyphs) < 20 and (bad > len(glyphs) or cover >= 0.3):
                    # A scan (or a text layer in a font without a Unicode map): read the image.
                    scanned += 1
                    if scanned > MAX_OCR_PAGES:
                        raise ReportLoadError([f"扫描件 PDF 超过 {MAX_OCR_PAGES} 页需要文字识别，超出可处理的范围；"
                                               "请只提供报告本身"], source)
                    from .ocr import ocr_pdf_page
                    pg, probs = ocr_pdf_page(page, width, height, i + 1, dpi)
                    pages.append(pg)
                    problems.extend(probs)
                else:
                    pages.append(text_page(glyphs, page_segments(page, height), width, height))
            finally:
                page.close()
    except ReportLoadError as e:
        e.source = e.source or source
        raise
    finally:
        doc.close()
    if not any(p.lines or p.tables for p in pages):
        raise ReportLoadError(["PDF 中没有可读取的文字（既没有文字层，也没有可识别的扫描图像）"], source)
    lines, grid = assemble(pages, set(known_labels()))
    kind = "pdf-scan" if scanned == len(pages) else ("pdf-mixed" if scanned else "pdf")
    return Doc(lines=lines, kind=kind, grid=grid, problems=problems,
               unsure_lines={t for p in pages for t in p.unsure_lines})


__all__ = ["read_pdf", "check_bounds", "is_pdf", "PDF_EXTS", "MAX_PDF_BYTES", "MAX_PDF_PAGES", "MAX_OCR_PAGES",
           "glyph_lines"]
