"""Page geometry to lines of text: shared by the PDF text layer (pdf.py) and OCR (ocr.py).

Both readers hand over, per page, the ruling segments they found (vector paths of the PDF, or
long dark runs of a page image) and the pieces of text with their boxes (characters of the
text layer, or words read by OCR). This module

- builds tables from the ruling lines alone: cells are the boxes the lines enclose, so a blank
  cell stays blank and two cells never run together, whatever the spacing of their text;
- sets the rest of the text in lines and paragraphs in reading order, joining lines that a
  paragraph wrapped and the halves of a paragraph split by a page break;
- drops page furniture: page numbers (``- 5 -``, ``— 5 —``, ``第5页``, ``5/9``) and running
  headers or footers repeated on several pages;
- joins a table that crosses a page, dropping header rows repeated on the next page and putting
  back together a row that the page break cut in two.

The result is the representation every other reader produces (readers.Doc): lines of prose, and
table rows as cells joined by TAB, so sections and tables are then read by the same code
(document.py and tables.py) that reads text, HTML and .docx.

Coordinates are PDF points (or pixels), origin top left, y growing downwards.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from .compact import compact

# Segments closer than this (in the page's units; points for PDF) are the same line.
TOL = 2.0


@dataclass
class Glyph:
    """A character of the text layer, or a word read by OCR, with its box."""
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    space_before: bool = False      # the file has a space character right before it

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def h(self) -> float:
        return self.bottom - self.top


@dataclass
class Seg:
    """An axis-parallel ruling segment: horizontal (y fixed, x from a to b) or vertical."""
    horizontal: bool
    pos: float
    a: float
    b: float


@dataclass
class Cell:
    x0: float
    top: float
    x1: float
    bottom: float
    row: int            # first band (row of the grid) it covers
    col: int            # first column it covers
    rowspan: int = 1
    colspan: int = 1
    text: str = ""


@dataclass
class Table:
    x0: float
    top: float
    x1: float
    bottom: float
    xs: list[float]                 # column boundaries
    ys: list[float]                 # row boundaries
    cells: list[Cell] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)   # filled by table_rows()

    def contains(self, x: float, y: float, pad: float = 0.5) -> bool:
        return self.x0 - pad <= x <= self.x1 + pad and self.top - pad <= y <= self.bottom + pad


@dataclass
class Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    lead: float = 0.0               # width of its first unbreakable run (「《2019年」), for wrapping
    space_before: bool = False      # the file has a space before its first character

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Page:
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)      # text outside tables, in reading order
    tables: list[Table] = field(default_factory=list)
    unsure_lines: set[str] = field(default_factory=set)  # OCR: short lines with a character read unsure


# -- ruling lines to tables ------------------------------------------------------------
def _merge_segments(segs: list[Seg], tol: float) -> list[Seg]:
    """Collinear pieces that touch or overlap become one segment (a border drawn per cell)."""
    out: list[Seg] = []
    for horizontal in (True, False):
        group = sorted((s for s in segs if s.horizontal == horizontal), key=lambda s: (s.pos, s.a))
        rows: list[list[Seg]] = []
        for s in group:
            if rows and abs(rows[-1][0].pos - s.pos) <= tol:
                rows[-1].append(s)
            else:
                rows.append([s])
        for row in rows:
            pos = statistics.median(s.pos for s in row)
            row.sort(key=lambda s: s.a)
            cur = Seg(horizontal, pos, row[0].a, row[0].b)
            for s in row[1:]:
                if s.a <= cur.b + tol:
                    cur.b = max(cur.b, s.b)
                else:
                    out.append(cur)
                    cur = Seg(horizontal, pos, s.a, s.b)
            out.append(cur)
    return out


def _crosses(h: Seg, v: Seg, tol: float) -> bool:
    return h.a - tol <= v.pos <= h.b + tol and v.a - tol <= h.pos <= v.b + tol


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [statistics.median(g) for g in out]


def find_tables(segs: list[Seg], tol: float = TOL, min_cell: float = 4.0) -> list[Table]:
    """Tables from ruling segments: each connected grid of at least 2×2 lines, cut into cells.

    A cell is a run of grid slots with no ruling line between them, so merged cells (rowspan,
    colspan) come out as one cell. ``min_cell`` drops slivers made by doubled lines.
    """
    segs = [s for s in _merge_segments(segs, tol) if s.b - s.a > tol * 2]
    hs = [s for s in segs if s.horizontal]
    vs = [s for s in segs if not s.horizontal]
    parent = list(range(len(hs) + len(vs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _crosses(h, v, tol):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Seg], list[Seg]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    tables = []
    for gh, gv in groups.values():
        if len(gh) < 2 or len(gv) < 2:
            continue
        t = _grid(gh, gv, tol, min_cell)
        if t is not None:
            tables.append(t)
    tables.sort(key=lambda t: (t.top, t.x0))
    return tables


def _covered(segs: list[Seg], pos: float, a: float, b: float, tol: float) -> bool:
    """Is the stretch a..b at ``pos`` drawn (mostly) by one of the segments?"""
    need = (b - a) * 0.6
    for s in segs:
        if abs(s.pos - pos) <= tol and min(s.b, b) - max(s.a, a) >= need:
            return True
    return False


def _grid(hs: list[Seg], vs: list[Seg], tol: float, min_cell: float) -> Table | None:
    ys = [y for y in _cluster([h.pos for h in hs], tol)]
    xs = [x for x in _cluster([v.pos for v in vs], tol)]
    # Doubled borders (a thick frame drawn as two lines) make slivers: keep one of each pair.
    ys = [y for i, y in enumerate(ys) if i == 0 or y - ys[i - 1] >= min_cell]
    xs = [x for i, x in enumerate(xs) if i == 0 or x - xs[i - 1] >= min_cell]
    # A table cut by a page break may leave its last row open at the bottom (or its first row
    # open at the top): the column lines run on past the last ruling line. Close it there.
    if len(xs) >= 2:
        below = [v.b for v in vs if v.b > ys[-1] + min_cell]
        if len(below) >= max(2, len(xs) // 2):
            ys.append(statistics.median(below))
        above = [v.a for v in vs if v.a < ys[0] - min_cell]
        if len(above) >= max(2, len(xs) // 2):
            ys.insert(0, statistics.median(above))
    if len(ys) < 2 or len(xs) < 2:
        return None
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not _covered(vs, xs[c + 1], ys[r], ys[r + 1], tol):
                parent[find(r * nc + c)] = find(r * nc + c + 1)
            if r + 1 < nr and not _covered(hs, ys[r + 1], xs[c], xs[c + 1], tol):
                parent[find(r * nc + c)] = find((r + 1) * nc + c)
    slots: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            slots.setdefault(find(r * nc + c), []).append((r, c))
    cells = []
    for group in slots.values():
        r0 = min(r for r, _ in group)
        r1 = max(r for r, _ in group)
        c0 = min(c for _, c in group)
        c1 = max(c for _, c in group)
        cells.append(Cell(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1], r0, c0, r1 - r0 + 1, c1 - c0 + 1))
    cells.sort(key=lambda c: (c.row, c.col))
    return Table(xs[0], ys[0], xs[-1], ys[-1], xs, ys, cells)


_FIGURE = re.compile(r"^[+-]?[\d.,]+$")


def table_rows(t: Table) -> list[list[str]]:
    """Rows of cell texts, left to right. A cell spanning rows repeats its text on each of
    them and a cell spanning columns is listed once, as the .docx reader does; rows with no
    text at all are left out.

    Blank cells left of the columns that hold figures are part of the label area (a label
    column a row does not use, e.g. beside 「（六）其他处理」), not cells of the row: they are
    dropped, so a row's figures follow its label directly, as in the other readers.
    """
    nr = len(t.ys) - 1
    counts: dict[int, int] = {}
    for c in t.cells:
        if _FIGURE.match(compact(c.text)):
            counts[c.col] = counts.get(c.col, 0) + 1
    busy = [col for col, n in counts.items() if n >= max(2, nr // 3)]
    first_figure = min(busy) if busy else 0
    rows: list[list[str]] = []
    for r in range(nr):
        cells = sorted((c for c in t.cells if c.row <= r < c.row + c.rowspan), key=lambda c: c.col)
        texts = [c.text for c in cells if c.text.strip() or c.col + c.colspan > first_figure]
        if any(x.strip() for x in texts):
            rows.append(texts)
    t.rows = rows
    return rows


# -- glyphs to lines -----------------------------------------------------------------
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2014-\u201f\u2026]")
_ALNUM = re.compile(r"[A-Za-z0-9]")


def _joiner(left: str, right: str, gap: float, size: float, spaced: bool = False) -> str:
    """What goes between two pieces of a line: nothing inside Chinese text, a space between
    Latin letters or digits that stand apart, and a space for a wide gap (a column of a table
    drawn without lines, so its figures stay separate)."""
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if a == " " or b == " ":
        return ""
    if spaced:
        return " "              # the file has a space here (「2019 年」 as typed)
    if gap > 1.5 * size:
        return " "
    # Justified text spreads the digits of one number apart (「71 1号」); figures that are
    # really separate stand further apart than that, or have a space between them.
    if _ALNUM.match(a) and _ALNUM.match(b) and (spaced or gap > 0.45 * size):
        return " "
    return ""


def glyph_lines(glyphs: list[Glyph]) -> list[Line]:
    """Group glyphs into lines (boxes overlapping vertically by half the smaller), each read
    left to right. Characters stacked one per line in a narrow cell do not overlap."""
    lines: list[list[Glyph]] = []
    spans: list[list[float]] = []      # [top, bottom] of each line so far
    for g in sorted(glyphs, key=lambda g: (g.top, g.x0)):
        if g.h <= 0:
            continue
        for k in range(len(lines) - 1, max(-1, len(lines) - 5), -1):
            top, bottom = spans[k]
            overlap = min(bottom, g.bottom) - max(top, g.top)
            if overlap >= 0.5 * min(g.h, bottom - top):
                lines[k].append(g)
                spans[k] = [min(top, g.top), max(bottom, g.bottom)]
                break
        else:
            lines.append([g])
            spans.append([g.top, g.bottom])
    out = []
    for ln in lines:
        ln.sort(key=lambda g: g.x0)
        # Punctuation boxes (OCR's especially) say little about the size of the type.
        letters = [g.h for g in ln if re.search(r"[\w\u4e00-\u9fff]", g.text)]
        size = statistics.median(letters or [g.h for g in ln])
        parts = [ln[0].text]
        for prev, g in zip(ln, ln[1:]):
            parts.append(_joiner(prev.text, g.text, g.x0 - prev.x1, size, g.space_before))
            parts.append(g.text)
        text = re.sub(r" {2,}", " ", "".join(parts)).strip()
        if text:
            out.append(Line(text, min(g.x0 for g in ln), min(g.top for g in ln),
                            max(g.x1 for g in ln), max(g.bottom for g in ln), size,
                            _lead(ln), ln[0].space_before))
    out.sort(key=lambda ln: (ln.top, ln.x0))
    return _merge_same_baseline(out)


_OPENING = set("《（(“‘〔【「『[")


def _lead(glyphs: list[Glyph]) -> float:
    """Width of the run a line cannot be broken before: opening brackets, a Latin word or a
    number, and the character after them (「《2019年」). A line above that ends short by less
    than this was wrapped, not ended."""
    k = 0
    while k < len(glyphs) - 1 and (glyphs[k].text in _OPENING or _ALNUM.match(glyphs[k].text[-1:] or " ")):
        k += 1
    return glyphs[k].x1 - glyphs[0].x0


def _merge_same_baseline(lines: list[Line]) -> list[Line]:
    """Pieces of one visual line that were grouped apart (different heights) become one."""
    out: list[Line] = []
    for ln in lines:
        if out:
            p = out[-1]
            overlap = min(p.bottom, ln.bottom) - max(p.top, ln.top)
            if overlap >= 0.6 * min(p.bottom - p.top, ln.bottom - ln.top) and ln.x0 >= p.x1 - 1:
                p.text = p.text + _joiner(p.text, ln.text, ln.x0 - p.x1, max(p.size, ln.size)) + ln.text
                p.x1, p.top, p.bottom = ln.x1, min(p.top, ln.top), max(p.bottom, ln.bottom)
                continue
        out.append(ln)
    return out


def cell_text(glyphs: list[Glyph]) -> str:
    """Text of one cell: its lines joined without a break (a label wrapped inside its cell)."""
    out = ""
    for ln in glyph_lines(glyphs):
        out = _join(out, ln.text) if out else ln.text
    return re.sub(r"\s+", " ", out).strip()


# -- page furniture ----------------------------------------------------------------------
_PAGE_NO = re.compile(
    r"^[\s\-—–－―~·.一]*(?:\d{1,4}|[ivxlcIVXLC]{1,6})[\s\-—–－―~·.一]*$"    # - 5 -, — 5 —, 5 (OCR: 一5一)
    r"|^第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?$"                   # 第5页, 第5页 共9页
    r"|^(?:共\s*\d{1,4}\s*页\s*[,，]?\s*)?第\s*\d{1,4}\s*页$"
    r"|^\d{1,4}\s*/\s*\d{1,4}$"                                                # 5/9
    r"|^[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?$")
# Page numbers and running heads sit in the page's top or bottom margin band.
MARGIN_BAND = 0.14


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NO.match(text.strip()))


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", compact(text))


def drop_furniture(pages: list[Page]) -> None:
    """Remove page numbers and running headers/footers from each page's lines (in place).

    A line counts only in the margin bands: a page-number shape anywhere there, or a text that
    recurs in the band on at least two pages (and on half of them) with only its digits changing.
    """
    def band(p: Page, ln: Line) -> str | None:
        if ln.bottom <= p.height * MARGIN_BAND:
            return "top"
        if ln.top >= p.height * (1 - MARGIN_BAND):
            return "bottom"
        return None

    seen: dict[tuple[str, str], set[int]] = {}
    for i, p in enumerate(pages):
        for ln in p.lines:
            b = band(p, ln)
            if b:
                seen.setdefault((b, _furniture_key(ln.text)), set()).add(i)
    repeated = {k for k, v in seen.items() if len(v) >= 2 and len(v) >= len(pages) / 2 and k[1]}
    for p in pages:
        keep = []
        for ln in p.lines:
            b = band(p, ln)
            if b and (is_page_number(ln.text) or (b, _furniture_key(ln.text)) in repeated):
                continue
            keep.append(ln)
        p.lines = keep


# -- paragraphs ---------------------------------------------------------------------------
@dataclass
class _Metrics:
    left: float
    right: float


def _body_metrics(pages: list[Page]) -> _Metrics | None:
    lines = [ln for p in pages for ln in p.lines if len(ln.text) >= 8]
    if not lines:
        return None
    xs0 = sorted(ln.x0 for ln in lines)
    xs1 = sorted(ln.x1 for ln in lines)
    left = xs0[len(xs0) // 10]
    right = xs1[(len(xs1) * 9) // 10]
    return _Metrics(left, right)


def _continues(prev: Line, nxt: Line, m: _Metrics, same_page: bool) -> bool:
    """Is ``nxt`` the next line of the paragraph ``prev`` ends? A wrapped line runs to the right
    margin, and the next starts at the left margin (a new paragraph is indented, a heading
    short); on one page the gap is about one line's spacing."""
    size = max(prev.size, 1.0)
    if abs(prev.size - nxt.size) > 0.25 * size:
        return False
    if m.right - prev.x1 > max(1.5 * size, nxt.lead + size):
        return False
    if nxt.x0 > m.left + 0.6 * size:
        return False
    if same_page and nxt.top - prev.bottom > 1.2 * size:
        return False
    if is_page_number(nxt.text):
        return False
    return True


def _join(a: str, b: str) -> str:
    if a and b and _ALNUM.match(a[-1]) and _ALNUM.match(b[0]) and re.search(r"[A-Za-z]", a[-1] + b[0]):
        return a + " " + b
    return a + b


def _same_columns(a: Table, b: Table, tol: float) -> bool:
    return abs(a.x0 - b.x0) <= tol * 2 and abs(a.x1 - b.x1) <= tol * 2


def _row_key(row: list[str]) -> tuple[str, ...]:
    return tuple(compact(c) for c in row)


_NUMERIC = re.compile(r"^[\d.,\-/]*$")


def join_split_row(a: list[str], b: list[str], known_labels: set[str]) -> list[str] | None:
    """The two halves of one row cut by a page break, or None if ``b`` is a row of its own.

    The halves have the same cells; their label cells read as one template label only when put
    together (「（二）部分公开（区分处理的，只计这一情形，」 + 「不计其他情形）」), and no
    cell holds a figure in both halves.
    """
    if len(a) != len(b) or not known_labels:
        return None
    for x, y in zip(a, b):
        if x.strip() and y.strip() and _NUMERIC.match(compact(x)) and _NUMERIC.match(compact(y)):
            return None
    merged = [x if not y.strip() else (y if not x.strip() else (x if x == y else _join(x, y))) for x, y in zip(a, b)]
    for x, y, m in zip(a, b, merged):
        cx, cy, cm = compact(x), compact(y), compact(m)
        if not cx or not cy or cx == cy or _NUMERIC.match(cx):
            continue
        if cx in known_labels or cy in known_labels:
            return None
        if cm in known_labels or any(len(lab) > len(cm) and lab.startswith(cm) for lab in known_labels) \
                or any(len(lab) > len(cx) and cm.startswith(lab) for lab in known_labels):
            return merged
    return None


def assemble(pages: list[Page], known_labels: set[str] | None = None) -> tuple[list[str], set[int]]:
    """Lines of text and the indices of table rows, in reading order across pages."""
    drop_furniture(pages)
    m = _body_metrics(pages) or _Metrics(0.0, max((p.width for p in pages), default=0.0))
    known_labels = known_labels or set()
    # Blocks in reading order: ("line", Line) | ("table", Table), with page boundaries.
    blocks: list[tuple[int, str, object]] = []
    for i, p in enumerate(pages):
        items: list[tuple[float, str, object]] = [(ln.top, "line", ln) for ln in p.lines]
        items += [(t.top, "table", t) for t in p.tables]
        items.sort(key=lambda x: x[0])
        blocks.extend((i, kind, obj) for _, kind, obj in items)

    out: list[str] = []
    grid: set[int] = set()
    prev_kind = None
    prev_page = -1
    prev_line: Line | None = None
    open_table: Table | None = None       # the table the previous block belongs to
    header: list[tuple[str, ...]] = []    # its first rows, to drop when a page repeats them
    for page, kind, obj in blocks:
        if kind == "line":
            ln: Line = obj  # type: ignore[assignment]
            if prev_kind == "line" and prev_line is not None and out and \
                    _continues(prev_line, ln, m, same_page=(page == prev_page)):
                out[-1] = _join(out[-1], (" " if ln.space_before else "") + ln.text)
            else:
                out.append(ln.text)
            prev_line = ln
            open_table = None
        else:
            t: Table = obj  # type: ignore[assignment]
            rows = table_rows(t)
            if prev_kind == "table" and open_table is not None and page == prev_page + 1 \
                    and _same_columns(open_table, t, TOL):
                # The table goes on from the previous page: drop repeated header rows and
                # put a row the break cut in two back together.
                k = 0
                while k < len(rows) and k < len(header) and _row_key(rows[k]) == header[k]:
                    k += 1
                rows = rows[k:]
                if rows and out and (len(out) - 1) in grid:
                    last = out[-1].split("\t")
                    merged = join_split_row(last, rows[0], known_labels)
                    if merged is not None:
                        out[-1] = "\t".join(merged)
                        rows = rows[1:]
            else:
                header = [_row_key(r) for r in rows[:4]]
            for r in rows:
                grid.add(len(out))
                out.append("\t".join(c.replace("\t", " ") for c in r))
            open_table = t
            prev_line = None
        prev_kind = kind
        prev_page = page
    return out, grid
