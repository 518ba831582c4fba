"""Read 表二、表三、表四 out of a section's text by their row and column labels.

Rows are found by their labels (from the format data, both template versions, compared on the
compact view), and a row's values are the numbers that follow its label up to the end of the
line or the next label. When a row's numbers are run together with no separator
(``640020470``), every way to cut them into the row's cells is tried and only the cuts that
satisfy the table's own arithmetic survive: 表三 总计 = the six applicant columns and, per
column, 一+二 = （七）+四 and （七）= the sum of the outcome rows; 表四 each 总计 = its four
outcomes. A cell is filled only when every surviving cut agrees on it; otherwise it is left
blank and reported as ambiguous, never guessed.
"""
from __future__ import annotations

import itertools
import re
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import chain, compress, repeat
from math import comb
from operator import add, and_, eq
from typing import NamedTuple
from dataclasses import dataclass, field
from decimal import Decimal

from ..formats import TableSpec, get_template
from ..model import ReadProblem, parse_number
from ..readings import MAX_READINGS, kept, reading_text
from ..relations import consistent, split_instances, tuple_getter
from .compact import Compact, compact

_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+,|\([一二三四五六七八九十]+\)|\d+\.)")
_BLANK = {"", "-", "--", "/", "无", "未填"}     # (—— and ／ are - - and / once made half-width)
_COUNT_KINDS = ("int", "signed_int")
_NUM = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
# (and 「减」「增」 printed alone for a change without its figure: 新乡市卫健委 2019, 第一百三十一批 —
# 行政许可 990 / 减 / 711 was cut into 9|9|0)
# the next row's label, numbered, cut or unread (7.属于行政执法案 at a copy's end: 安岳县清流镇 2019,
# 第一百三十二批 — its 7 was taken for one more figure and the row above went unread, P004)
_NUMBERED_WORDS = re.compile(r"\d{1,2}\s*[.．、]\s*[\u4e00-\u9fff]")
_STRAY_MARK = re.compile(r"^[?？]\s+(?=\d)")
# the next label's number alone at a zone's end, its words taken by the label's hit (1.予以公开 below
# the seven cells of the row above: 石璜镇 2021, 第三百五十六批 — the row was read as one 0)
_LABEL_NUMBER = re.compile(r"\d{1,2}\s*[.．、]$")
# (and a slash, 0\n/\n0 one cell a line: 开化县林山乡 2020, 第三百九十九批 — the row was read as its first 0)
_DASH_CELLS = frozenset({"_", "＿", "-", "--", "—", "——", "－", "减", "增", "/", "／"})
_HALF = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"．": ".", "－": "-", "—": "-", "，": ",", "／": "/"})
MAX_SPLITS = 20000
MAX_COMBOS = 5000
# A cell OCR could not read with certainty (ocr.py writes it): 〔?〕 followed by the candidate
# readings separated by /, e.g. 〔?〕18/16. It is never taken as a figure: the cell stays blank
# and is reported (P001) with the candidates.
UNSURE = re.compile(r"^〔\?〕([0-9./]*)$")
_NOTE = re.compile(r"^\s*[（(][^（()）]*[)）]\s*$")
# The 2019 form's note after 规范性文件, run into the row's figures on a copy that lost its cells
# (规范性文件(指各行政机关印发的有正式文号的文件)141414), or a unit the agency added to a label
# (政府集中采购（元）6675809): part of the label, not a value.
_LEAD_NOTE = re.compile(r"[（(]\s*(?:指[^（()）\n]{1,40}|(?:单位[:：]?\s*)?(?:万元|元|件|条|个|项|次))\s*[)）]")
_HEAD = re.compile(r"^[ \u3000\d.,\-+/]*")      # (+: 本年增/减 printed +22)
_CJK_OPEN = re.compile(r"[\u4e00-\u9fff（(]")
_TRAILING_ORDINAL = re.compile(r"\d[.、]\s*$")
_TRAILING_YEAR = re.compile(r"(?:19|20)\d\d\s*$")
_DIGIT = re.compile(r"\d")
# 表四 read from a flattened page: a count with its unit followed by more words (「5件，其中」「3件、」)
# is a sentence that names the table's labels; words or sentence marks after a row's figures (not a
# unit: 1件) end the table.
_PROSE_COUNT = re.compile(r"[ \u3000]*\d+[ \u3000]*[件起宗个次例][ \u3000]*[^\d\s]")
_PROSE_AFTER = re.compile(r"[，。；,;]|[\u4e00-\u9fff]{2}")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_SPACES = re.compile(r"\s+")
_ORDINAL_NO = re.compile(r"^(\d+)[.,]|^\(([一二三四五六七八九十]+)\)")
_COMMA_ORDINAL = re.compile(r"^(\d+),")
# (16368(件): 鄂尔多斯市市场监督管理局 2020, 第五十六批 — the unit in brackets after the figure)
_CELL_UNIT = re.compile(r"(?<=\d)(?:件|条|个|项|次|万元|元|[（(]\s*(?:件|条|个|项|次|万元|元)\s*[)）])$")
# a footnote's mark after a cell's figure (规范性文件 | 3 | 275 | 19① |: 建湖县 2023, 第二百六十五批)
_CELL_MARK = re.compile(r"(?<=\d)[\u2460-\u2473\u2776-\u277f*※]$")
# Figures each followed by its unit, run together with no separator (政府集中采购1个246900元): the
# units part the cells.
# (份, 篇: 共制作规范性文件1份。 in a part 二 whose table the copy lost — 武汉市机关事务管理局 2025, 第二百三十八批)
_UNIT_RUN = re.compile(r"[ \u3000]*(?:\d+(?:\.\d+)?(?:件|条|个|项|次|份|篇|万元|元)[ \u3000]*)+")
_UNIT_FIGURE = re.compile(r"(\d+(?:\.\d+)?)(?:件|条|个|项|次|份|篇|万元|元)")
_BAR_LINE = re.compile(r"^[ \t]*\|[ \t]*(?:\r?\n|$)", re.M)
_CLAUSE_PUNCT = frozenset("，,、；;。")
_FIGURES_AFTER = re.compile(r"\d+(?![\d.,]*[\u4e00-\u9fff])")


def unsure_cell(candidates: list[str]) -> str:
    """The text an OCR reader puts in a cell it could not read with certainty."""
    return "〔?〕" + "/".join(c for c in candidates if re.fullmatch(r"[0-9.]+", c))


def Problem(code: str, message: str, table: str | None = None, row: str | None = None,
            col: str | None = None, candidates: list[str] | None = None) -> ReadProblem:
    """Something ingest could not read; kept in the report (``Report.problems``), reported by the P rules."""
    return ReadProblem(code=code, message=message, table=table, row=row, col=col,
                       candidates=list(candidates or []))


@dataclass(frozen=True)
class Label:
    text: str           # compact form
    kind: str           # row | group | header
    row: str | None = None


def labels_for(spec: TableSpec, version: str) -> list[Label]:
    """Row labels (with and without their ordinal), group labels and header words of a table."""
    if get_template(version).tables.get(spec.key) is spec:
        return list(_labels_cached(spec.key, version))     # the template's own table: read once
    return _labels(spec, version)


@lru_cache(maxsize=None)
def _labels_cached(table: str, version: str) -> tuple[Label, ...]:
    return tuple(_labels(get_template(version).tables[table], version))


@lru_cache(maxsize=None)
def _compact_label(table: str, version: str, row: str) -> str:
    return compact(get_template(version).tables[table].row_label(row))


def _labels(spec: TableSpec, version: str) -> list[Label]:
    out: list[Label] = []
    other = get_template("2019" if version == "2021" else "2021").tables[spec.key]
    row_forms: dict[str, set[str]] = {}
    for r in spec.rows:
        forms = {compact(r.label)}
        if other.has_row(r.key) and other.row(r.key).data == r.data:
            forms.add(compact(other.row(r.key).label))   # e.g. 规范性文件 for 行政规范性文件
        row_forms[r.key] = forms
    stripped_count: dict[str, int] = {}
    for forms in row_forms.values():
        for f in forms:
            s = _ORDINAL.sub("", f)
            stripped_count[s] = stripped_count.get(s, 0) + 1
    for r in spec.rows:
        if r.label.startswith("("):    # 表四's placeholder row label
            continue
        kind = "row" if r.data else "group"
        for f in row_forms[r.key]:
            out.append(Label(f, kind, r.key))
            if re.match(r"^\d+\.", f):
                # Published tables also number items 1、2、3、 (compact form 1,): 「3、其他」.
                out.append(Label(re.sub(r"^(\d+)\.", r"\1,", f), kind, r.key))
                # …and （1）（2）（3）: 「（3）其他」
                out.append(Label(re.sub(r"^(\d+)\.", r"(\1)", f), kind, r.key))
            s = _ORDINAL.sub("", f)
            # A label without its number (本年新收政府信息公开申请数量) is accepted when it
            # is long enough not to be mistaken for a column header (其他, 总计).
            if s != f and len(s) >= 4 and stripped_count.get(s) == 1:
                out.append(Label(s, kind, r.key))
    headers: set[str] = set()
    for r in spec.rows:
        for c in r.columns:
            headers.add(c.label)
            if c.group:
                headers.update(c.group.split("/"))
        if r.caption:
            headers.add(r.caption)
    for line in spec.header:
        for cell in line:
            headers.add(cell["label"])
    if spec.corner_note:
        headers.add(spec.corner_note)
    raw = spec.raw
    for g in raw.get("groups", ()):
        for c in g.get("columns", ()):
            headers.add(c["label"])
    for g in raw.get("column_groups", ()):
        headers.add(g["label"])
        if g.get("parent"):
            headers.add(g["parent"])
    for h in headers:
        out.append(Label(compact(h), "header"))
    return out


class Hit(NamedTuple):
    start: int
    end: int
    label: Label


_M_START, _M_END, _M_GROUP = re.Match.start, re.Match.end, re.Match.group
_new_hit = tuple.__new__        # a Hit made without a call of Python code: _new_hit(Hit, (start, end, label))


def find_labels(cv: Compact, labels: list[Label]) -> list[Hit]:
    """Non-overlapping label occurrences, earliest first and longest at the same place."""
    found: list[tuple[int, int, int]] = []     # (start, -length, label's index): sorted natively
    s = cv.s
    for k, lab in enumerate(labels):
        if lab.text:
            _scan(s, lab.text, k, found)
    return _first_each(found, labels)


def _scan(s: str, t: str, k: int, found: list[tuple[int, int, int]]) -> None:
    """Each occurrence of label ``t`` (index k) in ``s``, stepping past each one."""
    n = len(t)
    i = s.find(t)
    while i >= 0:                     # str.find: a label is literal text, no pattern to compile
        found.append((i, -n, k))
        i = s.find(t, i + n)


def _first_each(found: list[tuple[int, int, int]], labels: list[Label]) -> list[Hit]:
    """The non-overlapping hits: earliest first, the longest at the same place, then the labels'
    own order."""
    found.sort()
    out: list[Hit] = []
    last = 0
    for i, neg, k in found:
        if i >= last:
            out.append(_new_hit(Hit, (i, i - neg, labels[k])))
            last = i - neg
    return out


def _has_border(t: str) -> bool:
    """Whether some proper opening of ``t`` is also its ending (then two occurrences can overlap)."""
    return any(t[:k] == t[-k:] for k in range(1, len(t)))


def _label_regex(labels: list[Label]) -> tuple[re.Pattern, dict[str, Label], list[str]]:
    """How find_labels_by_regex finds find_labels' hits with one search of the text: the labels'
    distinct texts as one pattern that, where any of them starts, matches the longest one starting
    there (a search takes the earliest such place and goes on after the match: the earliest-first,
    longest-at-a-place, non-overlapping hits of _first_each). Each text stands for the first label
    that has it (the one _first_each prefers). The texts that can overlap themselves (see
    _has_border) are listed: a scan of its own steps past an occurrence and misses one that starts
    inside it, which the search could take."""
    first: dict[str, Label] = {}
    for lab in labels:
        if lab.text and lab.text not in first:
            first[lab.text] = lab
    return _longest_of(list(first)), first, [t for t in first if _has_border(t)]


def _longest_of(texts: list[str]) -> re.Pattern:
    """A pattern matching, at a place, the longest of ``texts`` that starts there: the texts as a
    trie (one branch per next character, so a place is tried once per character, not once per
    text), a longer continuation tried before ending at a shorter text."""
    root: dict = {}
    for t in texts:
        node = root
        for ch in t:
            node = node.setdefault(ch, {})
        node[""] = {}          # a text ends here

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in node.items() if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return re.compile(emit(root) if texts else r"(?!)")


_REGEXES: dict = {}


def _regex_for(spec: TableSpec, version: str, labels: list[Label]):
    if get_template(version).tables.get(spec.key) is spec:
        got = _REGEXES.get((spec.key, version))
        if got is None or got[0] is not spec:
            got = _REGEXES[(spec.key, version)] = (spec, _label_regex(labels))
        return got[1]
    return _label_regex(labels)


def find_labels_by_regex(cv: Compact, labels: list[Label], prepared) -> list[Hit]:
    """find_labels by one regex search (see _label_regex): the same hits. Where a label that can
    overlap itself does so in the text, the hits are found as find_labels finds them (its own
    scan's hits are what find_labels gives; rare: 「申请…申请」 run into itself)."""
    s = cv.s
    rx, first, alone = prepared
    for t in alone:
        i = s.find(t)
        while i >= 0:
            j = s.find(t, i + 1)
            if 0 <= j < i + len(t):
                return find_labels(cv, labels)
            i = j
    found = list(rx.finditer(s))     # (the hits made by C-level maps: no Python code per hit)
    return list(map(_new_hit, repeat(Hit, len(found)),
                    zip(map(_M_START, found), map(_M_END, found), map(first.__getitem__, map(_M_GROUP, found)))))


def _find_hits(cv: Compact, spec: TableSpec, version: str) -> list[Hit]:
    labels = labels_for(spec, version)
    return find_labels_by_regex(cv, labels, _regex_for(spec, version, labels))


def zone_tokens(zone: str) -> list[str] | None:
    """The cell values that follow a label: None when there are no digits at all."""
    if zone.isascii():
        # Figures and spaces only (most rows of a flattened table, and the empty zone between two
        # labels): what the general steps give, without their pattern tests.
        bare = zone.replace(" ", "")
        if bare.isdigit():
            return zone.split()
        if not bare:
            return None
    return _zone_tokens_read(zone)


def _zone_tokens_read(zone: str) -> list[str] | None:
    """zone_tokens' general steps."""
    z = zone.lstrip("”’\"'」』").lstrip("\n\r \u3000")
    if z.startswith("\t"):
        z = z[1:]
    cut = z.find("\n")
    if cut >= 0:
        z = z[:cut]             # (not split: the zone may run on far past its line)
    if not z.isascii():                  # (what _HALF maps is never ASCII)
        z = z.translate(_HALF)
    if "\t" in z:
        cells = z.split("\t")
        if _NOTE.match(cells[0]):
            cells = cells[1:]     # 规范性文件(指…的文件) | 2 | 0 | 83: a note in the label's cell
        toks = grid_cells(cells)
        if toks is None:
            return None
    elif UNSURE.match(z.strip()):
        return [z.strip()]          # the one cell of its row, read without certainty
    else:
        note = _LEAD_NOTE.match(z)
        if note is not None:
            z = z[note.end():]
        run = _UNIT_RUN.match(z)
        if run is not None:
            if z[run.end():run.end() + 1] in _CLAUSE_PUNCT:
                # 其中,予以公开2件,部分公开2件: a sentence of prose that names the row, not the row
                # (cells that carry their units are parted by spaces, not by a comma)
                return None
            return _UNIT_FIGURE.findall(run.group())
        head = _HEAD.match(z).group()
        if _CJK_OPEN.match(z, len(head)):
            # The next row's number runs into this row's figures (00000002.其他…, or a label
            # broken across lines followed by 「1.申请人…」): an ordinal, not a value.
            head = _TRAILING_ORDINAL.sub("", head)
            if z.startswith("年", len(head)):
                # The prose after the table opens with a year that runs into the last row's
                # figures (结转下年度继续办理20000022025年，我局…): no cell holds a year.
                head = _TRAILING_YEAR.sub("", head)
        if not _DIGIT.search(head):
            return None
        toks = head.split()
    return [t.replace(",", "") if "," in t and _GROUPED.fullmatch(t) else t for t in toks]


def _figure_lines(zone: str) -> list[str] | None:
    """The figures of a zone printed one per line (表四's fifteen cells in a page copy that
    gives each cell a line), when it holds two or more lines and nothing but such figures."""
    if zone.count("\n") < 2:
        return None
    cells = [ln.strip() for ln in zone.split("\n")]
    cells = [c if c.isascii() else c.translate(_HALF) for c in cells if c]
    if len(cells) < 2 or not all(_NUM.match(c) for c in cells):
        return None
    return cells


# 本年增/减 written in words: 增加2 / 新增2 / 减少3 (绍兴市人防办 2019, 第九十四批: the row read short, P002)
_CHANGE_WORD = re.compile(r"^(?:(?P<up>增加|新增|增)|(?P<down>减少|减))(?P<n>\d+)$")


def _signed_word(cell: str) -> str:
    """A change written in words as the signed figure it is (增加2 → +2, 减少3 → -3)."""
    if cell[:1] not in "增新减":
        return cell
    m = _CHANGE_WORD.match(cell)
    if m is None:
        return cell
    return ("+" if m.group("up") else "-") + m.group("n")


_DOUBLED_SIGN = re.compile(r"^([+-])\1+(?=\d)")


# a line of running prose: opens with words and holds a clause's punctuation well inside it, or
# holds ten words' characters at least (2020年本行政区域(或本部门)政府信息公开发布总数量(非新闻类、消息类):0
# after 表二's last row — 公主岭市档案局 2021, 第二百八十二批)
_PROSE_LINE = re.compile(r"[\u4e00-\u9fff][^\n]{10,}?[，。；：,;:][^\n]{8,}|(?:[^\u4e00-\u9fff\n]*[\u4e00-\u9fff]){10}")


def _stacked_cells(zone: str, ncols: int) -> list[str] | None:
    """A row printed one cell per line below its label (blank lines between): exactly ``ncols``
    lines, each one figure, up to the next label or to a line of words the reading did not take
    for a label (a copy cut inside the next row's label: 行政许可\n0\n0\n0\n其). None for any
    other shape."""
    # (a label ending in a closing quote, 3.危及“三安全一稳定”: the compact label leaves it out)
    raw = zone.lstrip("”’\"'」』").split("\n")
    # (「? 0 |」: a mirror's ? for a character it could not show, before a cell's figure — 第三百九十七批)
    raw = [_STRAY_MARK.sub("", ln) if ln[:1] in "?？" else ln for ln in raw]
    lines = [ln.strip() for ln in raw]
    cells = [ln if ln.isascii() else _CELL_UNIT.sub("", ln.translate(_HALF)) for ln in lines if ln]    # (70487元)
    # (本年增/减 printed 「0/0」, neither added nor removed: 大余县民政局 2020, 第六十二批; its sign
    # typed twice, 「--253」: 通州区某局 2019, 第七十六批 — the row was read as 2|5|3 from the line above)
    cells = ["0" if c == "0/0" else _DOUBLED_SIGN.sub(r"\1", _signed_word(c)) for c in cells]
    if ncols >= 2 and len(cells) < ncols:
        return _spaced_cells(raw, ncols)
    # (a dash for none printed 「_」 among the figures: 龙华区重点区域建设推进中心 2020, 第一百三十批 —
    # 规范性文件 _ 3 3 read as unfilled)
    cells = ["-" if c in _DASH_CELLS else c for c in cells]
    if ncols < 2 or not all(_NUM.match(c) or c == "-" for c in cells[:ncols]) or \
            not any(_NUM.match(c) for c in cells[:ncols]):
        return None
    if len(cells) == ncols + 1 and _LABEL_NUMBER.match(cells[ncols]):
        return cells[:ncols]
    if len(cells) > ncols and not _NUMBERED_WORDS.match(cells[ncols]) and \
            (_DIGIT.search(cells[ncols]) or not _CJK_OPEN.match(cells[ncols])) and \
            not _PROSE_LINE.match(cells[ncols]):
        return None         # more figures than cells, or what follows is not words
        #                     (a paragraph of prose after the last row may hold figures: 雁塔区交通运输局
        #                     2020, 第二百六十六批 — 政府集中采购\n0\n0 and then …累计发送公开信息12篇。)
    return cells[:ncols]


def _spaced_cells(raw: list[str], ncols: int) -> list[str] | None:
    """Cells one per line with one empty line between each two, where a blank cell is an empty line
    of its own (行政许可\n\n 148\n\n\n\n\n\n: 互助县政务服务中心 2020 printed its blank cells as
    lines of a space; the row was read as 1|4|8). Only where the lines up to the next label are
    exactly that many: separator, cell, separator, cell, …, separator. The figures with "" for each
    blank cell, or None for any other shape."""
    lines = raw[1:]                   # (raw[0]: the rest of the label's own line)
    if raw[0].strip() or len(lines) not in (2 * ncols + 1, 2 * ncols + 2):
        return None
    if lines[2 * ncols + 1:] not in ([], [""]) or any(lines[k].strip() for k in range(0, 2 * ncols + 1, 2)):
        return None
    cells = [lines[k].strip() for k in range(1, 2 * ncols, 2)]
    if not any(cells) or all(cells):
        return None                   # (all blank: an unfilled row; all filled: another reading)
    if not all(_NUM.match(c if c.isascii() else c.translate(_HALF)) for c in cells if c):
        return None
    return cells


def _runs_to_end(text: str, at: int | None) -> bool:
    """The row whose label is at ``at`` is the last thing in ``text``: after its label's line come
    only figures, blanks and rules (a copy cut inside the row)."""
    if at is None:
        return False
    nl = text.find("\n", at)
    if nl < 0:
        return True         # the label's line is the text's last (抚远市自然资源局 2022, 第一百五十七批)
    return _WORDS_AFTER.search(text, nl) is None


_WORDS_AFTER = re.compile(r"[^\d\s|.．\-—]")


def _stacked_figures(zone: str) -> list[str]:
    """The figures of the lines that open ``zone`` and hold one figure each (blank lines between),
    up to the first other line: a row printed one cell per line, with fewer lines than cells."""
    out = []
    for ln in zone.split("\n"):
        ln = ln.strip()
        if not ln:
            continue
        if not _NUM.match(ln if ln.isascii() else ln.translate(_HALF)):
            break
        out.append(ln)
    return out


def grid_cells(cells: list[str]) -> list[str] | None:
    """Values of a table row's cells (after its label), one per cell: a blank cell is a blank value
    (未填), never dropped, so each figure keeps its column. A unit written in a cell is dropped.
    None when no cell holds a figure."""
    toks = []
    for cell in cells:
        if cell.isdigit() and cell.isascii():
            toks.append(cell)             # a count as printed: nothing below would change it
            continue
        cell = _SPACES.sub("", cell.translate(_HALF))
        cell = _CELL_UNIT.sub("", _CELL_MARK.sub("", cell))
        cell = _signed_word(cell)
        if not (cell in _BLANK or _NUM.match(cell.replace(",", "")) or UNSURE.match(cell)):
            break
        toks.append(cell)
    if not any(_DIGIT.search(t) or UNSURE.match(t) for t in toks):
        return None
    return toks


def splits(tokens: list[str], n: int, limit: int = MAX_SPLITS, typed: bool = False) -> list[tuple] | None:
    """Every way to cut digit tokens into ``n`` canonical integers (1–9 digits, no leading zeros).

    Token boundaries (separators that were there) are kept. Returns None if there are more
    than ``limit`` ways (too many to decide). The ways are counted first (a small table), so
    only a bounded number is ever built; shorter first pieces come first. ``typed``: each piece
    as its int (for ASCII digits: what _typed_cuts makes of the cuts), made once per piece.
    """
    if any(not t.isdigit() for t in tokens):
        return []
    if sum(map(len, tokens)) == n:
        joined = "".join(tokens)
        return [tuple(map(int, joined))] if typed else [tuple(joined)]      # one digit per cell: the only way
    if len(tokens) == 1:
        return _one_token_cuts(tokens[0], n, limit, typed)
    # Several runs of digits (figures printed partly apart): each is cut into one or more pieces,
    # fewer pieces first, then the run's own cuts in their order, then the cuts of the runs after it.
    counts = [_cut_counts(t, min(len(t), n)) for t in tokens]
    last = len(tokens)
    k1 = n + 1
    ways_of: dict[int, int] = {}

    def ways(i: int, left: int) -> int:
        """Ways to cut tokens i… into exactly ``left`` pieces."""
        if i == last:
            return 1 if left == 0 else 0
        got = ways_of.get(i * k1 + left)
        if got is None:
            c = counts[i]
            got = ways_of[i * k1 + left] = sum(c[k] * ways(i + 1, left - k)
                                               for k in range(1, min(left, len(c) - 1) + 1) if c[k])
        return got

    total = ways(0, n)
    if total > limit:
        return None
    tails_of: dict[int, list[tuple]] = {}

    def tails(i: int, left: int) -> list[tuple]:
        """The cuts of tokens i… into ``left`` pieces (each list made once)."""
        if i == last:
            return [()]
        got = tails_of.get(i * k1 + left)
        if got is None:
            got = []
            c = counts[i]
            for k in range(1, min(left, len(c) - 1) + 1):
                if c[k] and ways(i + 1, left - k):
                    rest = tails(i + 1, left - k)
                    for cut in _one_token_cuts(tokens[i], k, c[k], typed):
                        got += [cut + t for t in rest]
            tails_of[i * k1 + left] = got
        return got

    return tails(0, n) if total else []


def _cut_counts(tok: str, kmax: int) -> list[int]:
    """c[k]: the cuts of a run of digits into k canonical integers, k = 0 … kmax (by the places
    from the end: the counts of the digits from each place on)."""
    m = len(tok)
    after: list[list[int]] = [[0] * (kmax + 1) for _ in range(m + 1)]
    after[m][0] = 1
    for pos in range(m - 1, -1, -1):
        row = after[pos]
        for L in (1,) if tok[pos] == "0" else range(1, min(9, m - pos) + 1):
            nxt = after[pos + L]
            row[1:] = map(add, row[1:], nxt[:-1])
    return after[0]


def _one_token_cuts(tok: str, n: int, limit: int, typed: bool = False) -> list[tuple] | None:
    """splits() of one run of digits (the usual case), by its extra digits: a cut into n pieces
    gives each piece 1 + x digits (x ≤ 8), the x adding up to e = len(tok) - n; a piece starting
    with 0 takes none.

    The cuts are listed per place and pieces left (the tails from there, each list made once and
    shared by every head that leads there), shorter pieces first: the order of a walk that tries
    the shorter piece first at each place. They are counted first only when there could be more
    than ``limit``: there are at most as many as ways to share e among n pieces, C(e + n - 1, n - 1)."""
    m = len(tok)
    e = m - n
    if e < 0 or e > 8 * n:
        return []
    if comb(e + n - 1, n - 1) > limit and _one_token_count(tok, n) > limit:
        return None
    piece = int if typed else str
    # tails[pos]: the cuts of tok[pos:] into j pieces, for j = 1 … n (r = m - pos - j extra digits)
    tails = {}
    for pos in range(max(0, m - 1 - e), m):
        if m - pos <= 9 and (pos == m - 1 or tok[pos] != "0"):
            tails[pos] = [(piece(tok[pos:]),)]
    for j in range(2, n + 1):
        before, tails = tails, {}
        for pos in range(max(0, m - j - e), m - j + 1) if j < n else (0,):
            got: list[tuple] = []
            for x in range(1 if tok[pos] == "0" else min(8, m - j - pos) + 1):
                rest = before.get(pos + 1 + x)
                if rest:
                    head = (piece(tok[pos:pos + 1 + x]),)
                    got += [head + t for t in rest]
            if got:
                tails[pos] = got
    return tails.get(0, [])


def _one_token_count(tok: str, n: int) -> int:
    """The number of cuts of a run of digits into n canonical integers. ways[j][r]: cuts of the
    last j + r digits into j pieces with r extra digits."""
    m = len(tok)
    e = m - n
    ways = [[1] + [0] * e]
    for j in range(1, n + 1):
        prev, row = ways[-1], []
        for r in range(e + 1):
            pos = m - j - r
            if pos < 0:
                row.append(0)
                continue
            top = 0 if tok[pos] == "0" else min(8, r)
            row.append(sum(prev[r - top:r + 1]))     # prev[r - x] for x = 0 … top
        ways.append(row)
    return ways[n][e]


@dataclass(slots=True)           # (no __dict__ per row read)
class RowRead:
    key: str
    tokens: list[str]
    candidates: list[tuple] = field(default_factory=list)   # tuples of values (None = blank)
    run_together: bool = False
    grid: bool = False          # read from a table row's cells (never split further)


def _printed_counts(toks: list[str], ncols: int) -> tuple[list[tuple], bool] | None:
    """A row of counts (most rows) read as read_rows' general steps read it — (candidates, run
    together) — when its figures are one per cell, or run together one digit per cell (the one
    way to cut them); None for any other shape."""
    if len(toks) == 1:             # (most rows: one run of digits)
        t = toks[0]
        if not (t.isdigit() and t.isascii()):
            return None
        if ncols == 1:
            return ([(int(t),)], False) if len(t) <= 12 else None
        return ([tuple(map(_DIGIT_VALUE.__getitem__, t))], True) if len(t) == ncols else None
    if len(toks) > ncols:
        return None
    digits = "".join(toks)
    # every token ASCII digits: so is what they make together, when none is empty
    if not (digits.isdigit() and digits.isascii() and all(toks)):
        return None
    if len(toks) == ncols:
        return ([tuple(map(int, toks))], False) if max(map(len, toks)) <= 12 else None
    if len(digits) == ncols:
        return [tuple(map(_DIGIT_VALUE.__getitem__, digits))], True
    return None


_DIGIT_VALUE = {str(i): i for i in range(10)}      # int() of one ASCII digit


_SHAPES: dict = {}


def _row_shapes(spec: TableSpec) -> dict[str, tuple[int, bool, tuple[str, ...]]]:
    """Per row of ``spec``: its number of cells, whether every cell is a count, and its columns'
    keys; made once per table of the format data (kept with the spec it was made from)."""
    return _spec_facts(spec)[0]


def _data_row_keys(spec: TableSpec) -> tuple[list[str], dict[str, int]]:
    """The keys of ``spec``'s data rows in the form's order, and each one's place in it."""
    return _spec_facts(spec)[1]


def _spec_facts(spec: TableSpec):
    got = _SHAPES.get(id(spec))
    if got is None or got[0] is not spec:
        shapes = {r.key: (len(r.columns), all(c.type in _COUNT_KINDS for c in r.columns),
                          tuple(c.key for c in r.columns)) for r in spec.rows}
        order = [r.key for r in spec.data_rows]
        place: dict[str, int] = {}
        for i, k in enumerate(order):
            place.setdefault(k, i)      # (order.index: the first)
        if len(_SHAPES) > 64:
            _SHAPES.clear()
        got = _SHAPES[id(spec)] = (spec, (shapes, (order, place)))
    return got[1]


def _typed(spec: TableSpec, row: str, vals: tuple[str, ...], problems: list[ReadProblem] | None):
    cols = spec.row(row).columns
    if len(vals) == len(cols) and all(v.isdigit() and v.isascii() and len(v) <= 12 for v in vals) \
            and all(c.type in _COUNT_KINDS for c in cols):
        return tuple(map(int, vals))   # a row of counts as printed (most rows): what the loop gives
    out = []
    for col, v in zip(cols, vals):
        if v in _BLANK:
            out.append(None)
            continue
        if v.isdigit() and v.isascii() and len(v) <= 12 and col.type in _COUNT_KINDS:
            out.append(int(v))        # parse_number's own fast path, without the call: most cells
            continue
        if v[:1] == "+" and col.type == "int" and v[1:].isdigit():
            # a signed figure in a cell of counts (上一年项目数量 +22, 本年增/减 0 beside it: 通州区某局
            # 2019, 第七十六批): the cells look shifted, which one is meant cannot be told
            if problems is not None:
                signed = next((c.label for c in cols if c.type == "signed_int"), None)     # (本年增/减, from the format data)
                beside = f"可能与「{signed}」一栏错格" if signed else "可能错格"
                problems.append(Problem("P005", f"{spec.cell_label(row, col.key)}印作「{v}」：该栏是件数，不带正负号，"
                                        f"{beside}，未填入。", spec.key, row, col.key))
            out.append(None)
            continue
        m = UNSURE.match(v)
        if m:
            cands = [c for c in m.group(1).split("/") if c]
            if problems is not None:
                shown = "可能为 " + "、".join(cands) if cands else "没有可靠的读数"
                problems.append(Problem("P001", f"{spec.cell_label(row, col.key)}：扫描件中该格的数字识别不确定"
                                        f"（{shown}），未填入。", spec.key, row, col.key, cands))
            out.append(None)
            continue
        try:
            out.append(parse_number(v, col.type))
        except ValueError as e:
            if problems is not None:
                problems.append(Problem("P002", f"{spec.cell_label(row, col.key)}：{e}，无法读取。",
                                        spec.key, row, col.key))
            out.append(None)
    return tuple(out)


def _typed_cuts(spec: TableSpec, row: str, toks: list[str], cuts: list[tuple[str, ...]]) -> list[tuple]:
    """The cuts of run-together digits as typed rows. Cuts of ASCII digits into a row of counts
    are canonical integers (1–9 digits, no leading zero): int() of each is what _typed gives."""
    if all(c.type in _COUNT_KINDS for c in spec.row(row).columns) and all(t.isascii() for t in toks):
        return [tuple(map(int, c)) for c in cuts]
    return [_typed(spec, row, c, None) for c in cuts]


@dataclass
class _Unlabelled:
    """A table row of figures whose label cell is missing or is only a piece of a label (a label
    the page layout split from its figures)."""
    pos: int
    tokens: list[str]
    fragments: list[str]


def _line_spans(text: str) -> list[tuple[int, int]]:
    out, off = [], 0
    for line in text.split("\n"):
        out.append((off, off + len(line)))
        off += len(line) + 1
    return out


def read_rows(spec: TableSpec, version: str, text: str, problems: list[ReadProblem],
              view: Compact | None = None, at_end: bool = False) -> dict[str, RowRead]:
    """``at_end``: nothing of the document follows ``text`` (a copy may end inside its last row)."""
    cv = Compact(text) if view is None else view
    hits = _find_hits(cv, spec, version)
    spans = _line_spans(text)
    starts = [a for a, _ in spans]
    import bisect

    def line_at(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    rows: dict[str, RowRead] = {}
    where: dict[str, int] = {}            # row key -> position of its label (document order)
    short: dict[str, list[str]] = {}      # figures too few for the row, read off another line
    short_at: dict[str, int] = {}         # ...and where their labels are
    at = cv.origs([h.start for h in hits]) + [len(text)]     # where each label starts, as written
    after = [e + 1 for e in cv.origs([h.end - 1 for h in hits])]   # just after each label
    hit_lines: set[int] = set()
    if "\n" not in text:
        # A table on one line (a page's copy that flattened it): every label and its figures are
        # on line 0, where the general steps' comparisons of lines never apply.
        for h, a, z, b in zip(hits, at, after, at[1:]):
            lab = h.label
            if lab.kind != "row":
                continue
            hit_lines.add(0)
            if lab.row in rows:
                continue
            zone = text[z:b]
            # a run of ASCII digits (most rows): zone_tokens' first step, without the call
            toks = [zone] if zone.isdigit() and zone.isascii() else zone_tokens(zone)
            if toks is not None:
                rows[lab.row] = RowRead(lab.row, toks)
                where[lab.row] = a
    else:
        for i, h in enumerate(hits):
            if h.label.kind == "row":
                hit_lines.add(line_at(at[i]))
        for i, h in enumerate(hits):
            if h.label.kind != "row" or h.label.row in rows:
                continue
            zstart = after[i]
            zone = text[zstart:at[i + 1]]
            own = line_at(at[i])
            note, nl, below = zone.partition("\n")
            if nl and note.strip() and _NOTE.match(note) and _stacked_cells(below, len(spec.row(h.label.row).columns)):
                # a note closing the label's line (规章(制度)), the row's cells one per line below it
                zstart += len(note) + 1
                zone = below
            first = zone.lstrip("”’\"'」』").lstrip("\n\r \u3000")
            value_line = line_at(zstart + len(zone) - len(first)) if first else own
            if first[:1] == "|" and first[1:].lstrip(" \t")[:1] in ("\n", "\r") and value_line != own:
                # each cell on a line of its own with a line of a lone | between cells (a page's
                # copy of a ruled table): the | lines only part the cells
                zone = _BAR_LINE.sub("", zone)
            if value_line != own and "\t" in text[spans[value_line][0]:spans[value_line][1]]:
                # The label stands on a line of its own and the figures are a table row below it:
                # that row is placed with the other unlabelled rows (by the order of the form).
                continue
            toks = zone_tokens(zone)
            ncols = len(spec.row(h.label.row).columns)
            stacked = _stacked_cells(zone, ncols) if value_line != own else None
            if toks is None and stacked is None:
                continue
            if stacked is not None:
                toks = stacked        # one cell per line (a table flattened by a web page's copy)
            elif value_line != own and "\t" not in text[spans[own][0]:spans[own][1]] \
                    and sum(len(t) for t in toks if t.isdigit()) < ncols and all(t.isdigit() for t in toks):
                # Too few digits on the next line to be this row (a stray page number between a
                # label and its row): kept aside, reported only if nothing else fills the row —
                # as every figure of the cells stacked one per line, when it is that (桦川县 2021:
                # six 0 lines for seven cells were reported as one figure)
                few = _stacked_figures(zone)
                short[h.label.row] = few if len(toks) < len(few) < ncols else toks
                short_at[h.label.row] = at[i]
                continue
            rows[h.label.row] = RowRead(h.label.row, toks)
            where[h.label.row] = at[i]
    _misprinted_rows(spec, version, text, cv, hits, rows, where)
    _misprinted_flat_rows(spec, version, text, hits, at, after, rows, where)
    _bare_labelled_rows(spec, text, hits, at, after, rows, where)
    if "\t" in text and not rows.keys() >= _data_row_keys(spec)[1].keys():
        # (_place_unlabelled's own first test, made before the lines of the rows read are found)
        _place_unlabelled(spec, version, text, spans, hit_lines | {line_at(p) for p in where.values()}, rows, where,
                          problems)
    for key, toks in short.items():
        if key not in rows:
            rows[key] = RowRead(key, toks)
            where[key] = short_at[key]
    if not rows.keys() >= _data_row_keys(spec)[1].keys():
        _marked_rows(spec, text, hits, at, after, rows, problems)
    shapes = _row_shapes(spec)
    for key, rr in rows.items():
        ncols, counts, _ = shapes[key]
        toks = rr.tokens
        if counts and not rr.grid:
            if len(toks) == 1 and ncols > 1 and len(toks[0]) == ncols and toks[0].isdigit() and toks[0].isascii():
                # one digit per cell run together (most rows): _printed_counts' first steps, inline
                rr.candidates, rr.run_together = [tuple(map(_DIGIT_VALUE.__getitem__, toks[0]))], True
                continue
            got = _printed_counts(toks, ncols)
            if got is not None:
                rr.candidates, rr.run_together = got
                continue
        if len(toks) > ncols:
            # Extra blank slots at the end of a grid row are layout, not cells.
            while len(toks) > ncols and toks[-1] in _BLANK:
                toks = toks[:-1]
        if len(toks) == ncols:
            rr.candidates = [_typed(spec, key, tuple(toks), problems)]
            continue
        if len(toks) < ncols and all(t.isdigit() for t in toks) and not rr.grid:
            rr.run_together = True
            typed = counts and all(t.isascii() for t in toks)      # (cut straight into ints)
            cands = splits(toks, ncols, typed=typed)
            if cands is None:
                rr.candidates = []
                problems.append(Problem("P001", f"{spec.name}「{spec.row_label(key)}」的数字连写为「{''.join(toks)}」，"
                                        f"可拆分的方式过多，无法确定各单元格。", spec.key, key))
                rr.tokens = []
                continue
            rr.candidates = cands if typed else _typed_cuts(spec, key, toks, cands)
            if not rr.candidates and at_end and _runs_to_end(text, where.get(key)):
                continue        # the copy ends inside this row (武汉东湖风景区卫健办 2023, 第一百二十二批:
                #                 four 0 lines of seven, then nothing): its other cells were cut, not left blank
            if not rr.candidates and not "".join(toks).strip("0"):
                # Only zeros, fewer than the cells (四、结转下年度继续办理 0 00000): every printed
                # cell is 0 and one or more were left empty, where cannot be told. Not unreadable
                # (no figure is in doubt), but the row stays unread rather than guessed.
                problems.append(Problem("P004", f"{spec.name}「{spec.row_label(key)}」只有{len(''.join(toks))}个数字"
                                        f"「{' '.join(toks)}」，都是0，少于该行的{ncols}个单元格：有单元格空着，"
                                        f"不能确定是哪一格。", spec.key, key))
            elif not rr.candidates:
                problems.append(Problem("P002", f"{spec.name}「{spec.row_label(key)}」的数字「{' '.join(toks)}」"
                                        f"不足{ncols}个单元格，无法读取。", spec.key, key))
            continue
        if len(toks) < ncols and any(toks) and all(t == "" or (t.isdigit() and not t.strip("0")) for t in toks):
            # Blank cells and zeros, fewer than the row's cells (a page's copy of a table whose other
            # cells were merged away: 利州区某乡 2019, 第三百六十四批 — 「| 0 |」): no figure is in
            # doubt, only which cells were left empty; a warning, as a row short of zeros (P004)
            problems.append(Problem("P004", f"{spec.name}「{spec.row_label(key)}」只印出{len(toks)}个单元格"
                                    f"（{' '.join(t or '空' for t in toks)}），数字都是0，少于该行的{ncols}个单元格："
                                    f"有单元格空着，不能确定是哪一格。", spec.key, key))
            rr.candidates = []
            continue
        problems.append(Problem("P002", f"{spec.name}「{spec.row_label(key)}」读到{len(toks)}个数值"
                                f"（{' '.join(t or '空' for t in toks)}），该行应有{ncols}个单元格，无法对应。",
                                spec.key, key))
        rr.candidates = []
    return rows


MISPRINT_RATIO = 0.8
_MARK = re.compile(r"[-/_＿]+|无")     # (「_」 too: 龙华区重点区域建设推进中心 2020)
_MARK_SPLIT = re.compile(r"[\s|]+")


def _marked_rows(spec: TableSpec, text: str, hits: list, at: list[int], after: list[int],
                 rows: dict[str, RowRead], problems: list[ReadProblem]) -> None:
    """A row left unread whose cells are printed as a mark of no figure (「—」「/」「无」), with
    no figure among them: the agency filled the row, though not with 0 as the form asks. Not a
    row left unfilled (T001, an error): a warning (P005) names the mark, and the cells stay blank."""
    seen: set[str] = set()
    for i, h in enumerate(hits):
        key = h.label.row
        if h.label.kind != "row" or key in rows or key in seen:
            continue
        seen.add(key)
        marks = []
        for tok in _MARK_SPLIT.split(text[after[i]:at[i + 1]].lstrip("”’\"'」』").translate(_HALF)):
            if not tok:
                continue
            if _MARK.fullmatch(tok) is None:
                break                   # the first thing after the marks: words or a figure
            marks.append(tok)
        ncols = len(spec.row(key).columns)
        if marks and (len(marks) == ncols or len(marks) == 1):
            shown = "」「".join(dict.fromkeys(m.replace("-", "—") for m in marks))
            problems.append(Problem("P005", f"{spec.name}「{spec.row_label(key)}」各格印作「{shown}」，没有填数字"
                                    f"（没有数据的应填 0）。", spec.key, key))
            continue
        sub = _sub_rows(text[after[i]:at[i + 1]], len(spec.row(key).columns))
        if sub:
            # 其他对外管理服务事项 | 行政检查 | 0 | 0 | 0 | 行政确认 | 0 | 0 | 0: the row printed as a
            # group of rows of its own (新华街道 2019, 第六十四批) — filled, not unfilled (T001)
            problems.append(Problem("P005", f"{spec.name}「{spec.row_label(key)}」分成「{'」「'.join(sub)}」等子项填报，"
                                    f"不是模板的一行，这一行没有读入；请按模板合并填报。", spec.key, key))
            continue
        words = _worded_cell(text[after[i]:at[i + 1]])
        if words:
            # 政府集中采购 | 阎良区公务用车10辆 | 1530000元: the row is filled, with what was bought
            # instead of how many purchases; not a row left unfilled (T001)
            problems.append(Problem("P005", f"{spec.name}「{spec.row_label(key)}」一格填的是文字「{words}」，"
                                    f"不是该栏要求的数字，这一行没有读入。", spec.key, key))


_CELL_SPLIT = re.compile(r"[|\t]")


_SUB_LABEL = re.compile(r"[\u4e00-\u9fff]{2,10}")


def _sub_rows(zone: str, ncols: int) -> list[str]:
    """The labels of the rows a zone holds when it is two or more short rows of words, each
    followed by ``ncols`` figures one per line (a form's row split into sub-rows); [] otherwise."""
    lines = [ln.strip(" \u3000|") for ln in zone.split("\n")]
    lines = [ln for ln in lines if ln]
    out, k = [], 0
    while k < len(lines) and _SUB_LABEL.fullmatch(lines[k]):
        figures = lines[k + 1:k + 1 + ncols]
        if len(figures) < ncols or not all(_NUM.match(f) for f in figures):
            break
        out.append(lines[k])
        k += 1 + ncols
    return out if len(out) >= 2 and k == len(lines) else []


def _worded_cell(zone: str) -> str | None:
    """The first cell after a label, when the label's line is a row of a ruled or TAB table and
    that cell holds words where a figure belongs (a project's name): those words, cut short."""
    line = zone.split("\n", 1)[0]
    if not line.lstrip(" \u3000").startswith(("|", "\t")):
        return None
    cells = [c.strip() for c in _CELL_SPLIT.split(line) if c.strip()]
    if not cells or not _CJK_OPEN.match(cells[0]) or _MARK.fullmatch(cells[0]):
        return None
    return cells[0][:20]


def _ordinal(label: str) -> str | None:
    """The item number a compact label starts with (「2.」「2,」「(二)」), if it can be read."""
    m = _ORDINAL_NO.match(label)
    if not m:
        return None
    return m.group(1) or m.group(2)


def _bare_labelled_rows(spec: TableSpec, text: str, hits: list, at: list[int], after: list[int],
                        rows: dict[str, RowRead], where: dict[str, int]) -> None:
    """A row whose label is printed without its number and is too short to be looked for on its
    own (「其他」 for 「3.其他」: also a column header): read where the form puts it, right after
    the figures of the row before it in the form's order, when that row was read and the short
    label follows its figures directly, itself followed by figures. Anywhere else it is left
    unread."""
    order, place = _data_row_keys(spec)
    if rows.keys() >= place.keys():
        return                  # every row read: none left for a short label
    for i, h in enumerate(hits):
        if h.label.kind != "row" or h.label.row not in rows or h.label.row not in place:
            continue
        k = place[h.label.row] + 1
        if k >= len(order) or order[k] in rows:
            continue
        nxt = order[k]
        own = spec.row(nxt).label
        bare = re.sub(r"^[\s\u3000]*\d+[.、．,，]\s*", "", own)
        if bare == own:
            continue                # a label without a number is looked for as it is
        # the short label may itself have been taken for a column header (其他): the zone runs
        # to the next row or group label
        j = next((j for j in range(i + 1, len(hits)) if hits[j].label.kind != "header"), len(hits))
        zone = text[after[i]:at[j]]
        head = _HEAD.match(zone.lstrip("\n\r \u3000")).group()
        rest = zone.lstrip("\n\r \u3000")[len(head):].lstrip(" \u3000")
        if not _DIGIT.search(head) or not rest.startswith(bare):
            continue
        toks = zone_tokens(rest[len(bare):])
        if toks:
            rows[nxt] = RowRead(nxt, toks)
            where[nxt] = after[i] + zone.index(bare, len(zone) - len(rest))


# 「2.其他法律和行政法规禁止公开0000000」 inside a flattened table: an item number, label words,
# then the figures (the number is the last digit before the 「.」, glued to the row before's figures)
_FLAT_ITEM = re.compile(r"(\d)[.．、]([^\d]{4,}?)(?=[ \u3000]*\d)")


def _misprinted_flat_rows(spec: TableSpec, version: str, text: str, hits: list[Hit], at: list[int],
                          after: list[int], rows: dict[str, RowRead], where: dict[str, int]) -> None:
    """A table flattened onto one line whose row label is worded unlike the form's
    (「2.其他法律和行政法规禁止公开」, 「…行政机关不再受理其政府信息公开申请」 for 「…不再处理…」): no label
    is found there, so its words and figures run into the zone of the row or group before. Such an
    item (same number, similarity at least MISPRINT_RATIO to one missing row and not nearly as
    close to another, as _misprinted_rows asks of a table row) is read as that row; the row before
    keeps only the figures ahead of it."""
    if "\n" in text:
        return
    missing = _data_row_keys(spec)[1].keys() - rows.keys()
    if not missing:
        return
    forms = [lab for lab in labels_for(spec, version) if lab.kind == "row" and lab.row in missing]
    # a column header's words inside the item's label (其他) do not end the zone
    nxt = _next_not_header(hits)
    for i, h in enumerate(hits):
        if h.label.kind == "header":
            continue
        j = nxt[i]
        zone = text[after[i]:at[j]]
        items = list(_FLAT_ITEM.finditer(zone))
        found = []
        for m in items:
            lab = compact(m.group(1) + "." + m.group(2))
            scored = _closest(lab, [f for f in forms if _ordinal(f.text) in (None, m.group(1))])
            if not scored or scored[0][0] < MISPRINT_RATIO:
                break
            if len(scored) > 1 and scored[1][1] != scored[0][1] and scored[1][0] > scored[0][0] - 0.15:
                break
            found.append((m, scored[0][1]))
        if not found:
            continue
        own = h.label.row if h.label.kind == "row" and where.get(h.label.row) == at[i] else None
        if own is not None:
            toks = zone_tokens(zone[:found[0][0].start()])
            if not toks:
                continue
            rows[own] = RowRead(own, toks)
        for n, (m, key) in enumerate(found):
            end = found[n + 1][0].start() if n + 1 < len(found) else len(zone)
            toks = zone_tokens(zone[m.end():end])
            if toks and key not in rows:
                rows[key] = RowRead(key, toks)
                where[key] = after[i] + m.start()
        forms = [f for f in forms if f.row not in rows]


def _next_not_header(hits: list[Hit]) -> list[int]:
    """For each hit, the index of the next hit that is not a column header's (len(hits) if none),
    found for all in one pass from the end."""
    nxt = [len(hits)] * len(hits)
    k = len(hits)
    for i in range(len(hits) - 1, -1, -1):
        nxt[i] = k
        if hits[i].label.kind != "header":
            k = i
    return nxt


def _misprinted_rows(spec: TableSpec, version: str, text: str, cv: Compact, hits: list[Hit],
                     rows: dict[str, RowRead], where: dict[str, int] | None = None) -> None:
    """Table rows (TAB-separated) whose label is misprinted in the published table, e.g.
    「2.其他法律行政止公开」 for 「2.其他法律行政法规禁止公开」: the row's label cell is matched to
    the one missing row whose label it is close to (same number, similarity at least
    MISPRINT_RATIO, no other missing row nearly as close). A reader sees which row it is; a
    label that fits none of them, or two, is left unread."""
    if "\t" not in text:
        return                  # only table rows (TAB-separated) are looked at below
    missing = {r.key for r in spec.data_rows} - set(rows)
    if not missing:
        return
    forms = [lab for lab in labels_for(spec, version) if lab.kind == "row" and lab.row in missing]
    hit_starts = sorted(cv.origs([h.start for h in hits if h.label.kind == "row"]))
    import bisect
    off = 0
    for line in text.split("\n"):
        start, end = off, off + len(line)
        off = end + 1
        if "\t" not in line:
            continue
        k = bisect.bisect_left(hit_starts, start)
        if k < len(hit_starts) and hit_starts[k] < end:
            continue          # the line has a label that was read
        cells = line.split("\t")
        label_at = None
        for i, cell in enumerate(cells):
            c = _SPACES.sub("", cell).translate(_HALF)
            if c and not (c in _BLANK or _NUM.match(c.replace(",", "")) or UNSURE.match(c)):
                label_at = i
        if label_at is None or label_at == len(cells) - 1:
            continue
        lab = compact(cells[label_at])
        toks = zone_tokens("\t" + "\t".join(cells[label_at + 1:]))
        if toks is None or len(lab) < 4:
            continue
        mine = _ordinal(lab)
        scored = _closest(lab, [f for f in forms if mine is None or _ordinal(f.text) in (None, mine)])
        if not scored or scored[0][0] < MISPRINT_RATIO:
            continue
        if len(scored) > 1 and scored[1][1] != scored[0][1] and scored[1][0] > scored[0][0] - 0.15:
            continue
        key = scored[0][1]
        if key in rows:
            continue
        rows[key] = RowRead(key, toks, grid=True)
        if where is not None:
            where[key] = start        # a read row: it anchors the rows placed by order
        forms = [f for f in forms if f.row != key]


@lru_cache(maxsize=None)
def _label_counts(label: str) -> dict[str, int]:
    # only the template's labels come here (constant data), never a report's text
    return dict(Counter(label))


def _closest(lab: str, forms: list[Label]) -> list[tuple[float, str]]:
    """(similarity, row) of the forms, best first, exact for every form that can matter to
    _misprinted_rows: the best if it reaches MISPRINT_RATIO, and any within 0.15 of the best.
    The others are left out by an upper bound of SequenceMatcher's ratio (characters in common)
    before it is computed: they are further below the best than 0.15."""
    have = Counter(lab)
    bounds = [2 * sum(min(k, have[ch]) for ch, k in _label_counts(f.text).items()) / (len(lab) + len(f.text))
              for f in forms]

    def ratio(f: Label) -> float:
        return SequenceMatcher(None, lab, f.text, autojunk=False).ratio()

    top = [(ratio(f), f.row) for f, b in zip(forms, bounds) if b >= MISPRINT_RATIO]
    best = max(top)[0] if top else None
    if best is None or best < MISPRINT_RATIO:
        return sorted(top, reverse=True)
    near = [(ratio(f), f.row) for f, b in zip(forms, bounds) if best - 0.15 < b < MISPRINT_RATIO]
    return sorted(top + near, reverse=True)


def _unlabelled_rows(text: str, spans: list[tuple[int, int]], hit_lines: set[int]) -> list[_Unlabelled]:
    out = []
    for n, (a, b) in enumerate(spans):
        line = text[a:b]
        if "\t" not in line or n in hit_lines:
            continue
        cells = line.split("\t")
        k = 0
        frags = []
        while k < len(cells):
            c = _SPACES.sub("", cells[k]).translate(_HALF)
            if c in _BLANK or _NUM.match(c.replace(",", "")) or UNSURE.match(c):
                break
            frags.append(compact(c))
            k += 1
        toks = grid_cells(cells[k:])
        if toks is None:
            continue
        out.append(_Unlabelled(a, toks, [f for f in frags if f]))
    return out


def _place_unlabelled(spec: TableSpec, version: str, text: str, spans: list[tuple[int, int]], hit_lines: set[int],
                      rows: dict[str, RowRead], where: dict[str, int], problems: list[ReadProblem]) -> None:
    """Rows of figures without their label (a layout that printed the labels apart from the
    figures, or cut them in pieces) placed by the order of the form: between two rows whose labels
    were read, the unlabelled rows are the data rows of the form that lie between those two and
    have no figures yet, in order, when their number is exactly the number of such rows, every
    row's cell count fits, and any piece of label printed with the figures belongs to that row.
    Anything else is left unread (never guessed)."""
    if "\t" not in text or all(r.key in rows for r in spec.data_rows):
        # every row read (no row for figures to go to, none to report), or no table rows
        # (TAB-separated), the only lines _unlabelled_rows takes
        return
    groups = {lab.text for lab in labels_for(spec, version) if lab.kind == "group"}
    # Figures printed on a group's own label (（六）其他处理 with figures: the other template's
    # single row) belong to none of its sub-rows.
    loose = [u for u in _unlabelled_rows(text, spans, hit_lines) if not (u.fragments and u.fragments[-1] in groups)]
    if not loose:
        return
    order = {r.key: i for i, r in enumerate(spec.data_rows)}
    anchors = sorted((pos, order[k]) for k, pos in where.items() if k in order)
    seq = [(pos, "anchor", idx) for pos, idx in anchors] + [(u.pos, "loose", u) for u in loose]
    seq.sort(key=lambda x: x[0])
    structural = [lab.text for lab in labels_for(spec, version) if lab.kind != "row"]
    prev_idx = -1
    run: list[_Unlabelled] = []
    for item in seq + [(len(text), "anchor", len(spec.data_rows))]:
        if item[1] == "loose":
            run.append(item[2])
            continue
        idx = item[2]
        if run and idx > prev_idx:
            free = [r for r in spec.data_rows[prev_idx + 1:idx] if r.key not in rows]
            if len(free) == len(run) and all(_fits(spec, version, r.key, u, structural) for r, u in zip(free, run)):
                for r, u in zip(free, run):
                    rows[r.key] = RowRead(r.key, u.tokens, grid=True)
            else:
                # Figures are there but cannot be placed: the rows they may belong to are
                # reported as unread (P002), not as left unfilled.
                for r in free:
                    problems.append(Problem(
                        "P002", f"{spec.name}「{spec.row_label(r.key)}」未能读出：原件此处有{len(run)}行数字没有可辨认的"
                        f"行标签，而可能对应的行有{len(free)}行，无法确定哪行数字属于哪一行。", spec.key, r.key))
        run = []
        prev_idx = max(prev_idx, idx)


def _fits(spec: TableSpec, version: str, key: str, u: _Unlabelled, structural: list[str]) -> bool:
    ncols = len(spec.row(key).columns)
    toks = list(u.tokens)
    while len(toks) > ncols and toks[-1] in _BLANK:
        toks.pop()
    if len(toks) != ncols:
        return False
    label = _compact_label(spec.key, version, key)
    for f in u.fragments:
        f = _COMMA_ORDINAL.sub(r"\1.", f)      # 3、其他 is 3.其他
        if len(f) < 2 or f in label or any(f in s for s in structural):
            continue
        return False
    return True


# -- constraints ---------------------------------------------------------------------
_ROW_CHECKS: dict = {}


def _row_check(spec: TableSpec, version: str, key: str):
    """Do a row's candidate readings keep every relation of the form (format data) that lies
    within the row? The relations are looked up once; None when there are none (every candidate
    is consistent). Made once per row of a table of the format data (kept with the spec and the
    relations it was made from)."""
    every = split_instances(version, spec.key)
    got = _ROW_CHECKS.get((id(spec), version, key))
    if got is not None and got[0] is spec and got[1] is every:
        return got[2]
    ok = _make_row_check(spec, version, key)
    if len(_ROW_CHECKS) > 4096:
        _ROW_CHECKS.clear()
    _ROW_CHECKS[(id(spec), version, key)] = (spec, every, ok)
    return ok


def _make_row_check(spec: TableSpec, version: str, key: str):
    within = _instances_within(version, spec.key, frozenset((key,)))
    if not within:
        return None
    at = {(key, c.key): i for i, c in enumerate(spec.row(key).columns)}
    # each equality read straight from a candidate's positions (what consistent() does with a
    # dict of the row's cells, without making one per candidate); one with a cell the row does
    # not have is never known, as there
    checks = [(inst, tuple_getter([at[c] for c in inst._this_year_cells[0]]),
               tuple_getter([at[c] for c in inst._this_year_cells[1]]))
              for inst in within if inst._this_year_cells is not None
              and all(c in at for side in inst._this_year_cells for c in side)]

    def ok(vals: tuple) -> bool:
        for inst, left_of, right_of in checks:
            left = left_of(vals)
            if None in left:
                continue
            right = right_of(vals)
            if None in right:
                continue
            if not inst._judged_raw(left, right)[0]:
                return False
        return True
    # every equality a plain sum on both sides (no minus): for readings of ints, what ok judges
    # is whether the two sums are equal (see _keep_consistent)
    ok.sums = [(left_of, right_of) for _, left_of, right_of in checks] \
        if all(inst._signs == (None, None) and inst.relation.op == "=" for inst, _, _ in checks) else None
    return ok


def _keep_consistent(row_ok, cands: list[tuple]) -> list[tuple]:
    """The candidates row_ok keeps (all when row_ok is None). Readings all of ints (cut from ASCII
    digits) against equalities of plain sums are judged by C-level maps, each equality over every
    candidate at once: an int reading has no blank cell to skip, and its sums are ints, compared as
    _judged_raw compares them."""
    if row_ok is None:
        return cands
    sums = row_ok.sums
    if sums is not None and len(cands) > 1 and set(map(type, chain.from_iterable(cands))) == {int}:
        flags: list | None = None
        for left_of, right_of in sums:
            held = map(eq, map(sum, map(left_of, cands)), map(sum, map(right_of, cands)))
            flags = list(held) if flags is None else list(map(and_, flags, held))
        return cands if flags is None else list(compress(cands, flags))
    return [c for c in cands if row_ok(c)]


_WITHIN: dict = {}


def _instances_within(version: str, table: str, rows: frozenset) -> tuple:
    """The split relations whose cells all lie in ``rows`` (the others cannot be evaluated);
    remembered per set of rows for as long as the relations are the same."""
    every = split_instances(version, table)
    hit = _WITHIN.get((version, table, rows))
    if hit is not None and hit[0] is every:
        return hit[1]
    out = tuple(i for i in every if all(r in rows for r, _ in i.cells))
    if len(_WITHIN) > 4096:
        _WITHIN.clear()
    _WITHIN[(version, table, rows)] = (every, out)
    return out


def _settle(spec: TableSpec, key: str, cands: list[tuple], out: dict, problems: list[ReadProblem],
            why: str) -> None:
    """Fill the cells every candidate agrees on; report the others as ambiguous."""
    cols = spec.row(key).columns
    row: dict = {}
    if cands and min(map(len, cands)) >= len(cols):
        per_col = map(set, zip(*cands))      # each column's values, as the candidates give them
    else:
        per_col = ({cand[i] for cand in cands} for i in range(len(cols)))
    for c, vals in zip(cols, per_col):
        if len(vals) == 1:
            row[c.key] = next(iter(vals))
        else:
            row[c.key] = None
            shown = sorted({str(v) for v in vals}, key=lambda s: (len(s), s))
            problems.append(Problem(
                "P001", f"{spec.cell_label(key, c.key)}：数字连写，{why}，可能为 {'、'.join(shown[:6])}"
                f"{'等' if len(shown) > 6 else ''}，无法唯一确定。", spec.key, key, c.key, shown[:6]))
    out[key] = row


def _note_readings(spec: TableSpec, key: str, toks: list[str], readings: list[tuple], row: dict | None,
                   problems: list[ReadProblem]) -> None:
    """A row whose run-together digits allowed several readings and that was filled with the one
    the form's arithmetic leaves: the readings are kept with the report (a P001 record that the
    rules read, not a finding: its cells are filled), so a relation that breaks can be judged
    against every reading the digits allow — certain only if it breaks under all of them."""
    if row is None or len(readings) < 2 or any(v is None for v in row.values()):
        return
    chosen = reading_text(row[c.key] for c in spec.row(key).columns)
    first = readings[:MAX_READINGS]             # (no more are ever kept)
    if Decimal in set(map(type, chain.from_iterable(first))):
        shown = [reading_text(r) for r in first]
    else:
        shown = list(map("/".join, map(map, repeat(str), first)))     # reading_text of counts
    listed = "、".join(shown[:4]) + ("等" if len(readings) > 4 else "")
    where = spec.name if spec.key == "review_litigation" else f"{spec.name}「{spec.row_label(key)}」"
    problems.append(Problem(
        "P001", f"{where}的数字连写为「{' '.join(toks)}」，可读作{listed}"
        f"（共{len(readings)}种），按表内勾稽关系只有「{chosen}」说得通，已按此填入。", spec.key, key, None,
        kept(shown, len(readings))))


def _assign(spec: TableSpec, key: str, vals: tuple) -> dict:
    # the row's column keys looked up once per row of a spec (kept with the spec they came from)
    return dict(zip(_row_shapes(spec)[key][2], vals))


# A province's form with a long note after a row's label, alone on its line (湖北 2020: 「规范性文件(行政
# 机关制定发布的决定…“规定”“办法”…等字样的公文,一般情况下属于规范性文件)」, 拖市镇 2020, 第五十七批):
# the note names 规范性文件 again, which was read as the next label, and the row went unread.
_LABEL_LINE_NOTE = re.compile(r"(?m)^([ \t\u3000]*[\u4e00-\u9fff]{2,12})([（(][^（()）\d\n]{12,200}[)）])[ \t\u3000]*$")


def _blank_label_notes(text: str) -> str:
    """``text`` with such notes turned into spaces (offsets kept); ``text`` itself when none."""
    if "（" not in text and "(" not in text:
        return text
    out = _LABEL_LINE_NOTE.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    return text if out == text else out


def read_table(spec: TableSpec, version: str, text: str, problems: list[ReadProblem],
               view: Compact | None = None, at_end: bool = False) -> dict | None:
    """``view``: the compact view of ``text``, when the caller has it (Compact.view)."""
    if spec.key == "review_litigation":
        return _read_t4(spec, version, text, problems, view)
    blanked = _blank_label_notes(text)
    if blanked is not text:
        text, view = blanked, None      # (the same length: offsets into the text still hold)
    rows = read_rows(spec, version, text, problems, view, at_end)
    if not rows:
        return None
    out = _decide(spec, version, rows, problems)
    for key, rr in rows.items():
        if rr.run_together and len(rr.candidates) > 1:      # (one reading: nothing to note)
            _note_readings(spec, key, rr.tokens, rr.candidates, out.get(key), problems)
    return out


def _decide(spec: TableSpec, version: str, rows: dict[str, RowRead], problems: list[ReadProblem]) -> dict:
    out: dict = {}
    ambiguous: dict[str, list[tuple]] = {}
    shapes = _row_shapes(spec)
    for key, rr in rows.items():
        if not rr.candidates:
            continue
        if not rr.run_together:
            out[key] = dict(zip(shapes[key][2], rr.candidates[0]))     # (_assign)
            continue
        cands = rr.candidates
        if spec.key == "applications" and len(cands) > 1:     # (one reading stays, consistent or not)
            ok = _keep_consistent(_row_check(spec, version, key), cands)
            cands = ok or cands
        if len(cands) == 1:
            out[key] = dict(zip(shapes[key][2], cands[0]))
        else:
            ambiguous[key] = cands
    if ambiguous and spec.key == "applications":
        fixed = {k: tuple(v[c.key] for c in spec.row(k).columns) for k, v in out.items()}
        keys = list(ambiguous)
        total = 1
        for k in keys:
            total *= len(ambiguous[k])
        if total <= MAX_COMBOS:
            # each combination with the fixed rows against the relations within all these rows
            # (row sums, the 勾稽关系 per column); the fixed rows' cells and the relations made once
            within = _instances_within(version, spec.key, frozenset(fixed) | frozenset(keys))
            base = {(k, c.key): x for k, v in fixed.items() for c, x in zip(spec.row(k).columns, v)}
            cols = [[c.key for c in spec.row(k).columns] for k in keys]
            good = []
            fewest: tuple[int, list] = (len(within) + 1, [])
            for combo in itertools.product(*(ambiguous[k] for k in keys)):
                values = dict(base)
                for k, ks, vals in zip(keys, cols, combo):
                    for c, x in zip(ks, vals):
                        values[(k, c)] = x
                if consistent(within, values):
                    good.append(combo)
                elif not good:
                    broken = sum(1 for i in within if not consistent((i,), values))
                    if broken < fewest[0]:
                        fewest = (broken, [combo])
                    elif broken == fewest[0]:
                        fewest[1].append(combo)
            if not good and len(fewest[1]) == 1:
                # no cut keeps every relation (the table itself is inconsistent: a row 8/1/0/0/0/0/8
                # elsewhere): the one cut that breaks the fewest is how it was printed
                # (（七）191000019 = 19/1/0/0/0/0/19, the outcome rows' column sums). Its cells
                # are filled, every reading is kept with the report, and a relation is still
                # called broken for certain only if it breaks under all of them.
                good = fewest[1]
            if good:
                for i, k in enumerate(keys):
                    _settle(spec, k, [g[i] for g in good], out, problems,
                            "按行、列勾稽关系仍有多种拆分")
                return out
        else:
            # Too many combinations to try each (a busy office's 表三 with two- and three-digit
            # figures run together in many rows): a search that drops a partial combination as
            # soon as some relation can no longer hold finds the same consistent ones.
            fixed = {k: tuple(v[c.key] for c in spec.row(k).columns) for k, v in out.items()}
            within = _instances_within(version, spec.key, frozenset(fixed) | frozenset(keys))
            base = {(k, c.key): x for k, v in fixed.items() for c, x in zip(spec.row(k).columns, v)}
            cols = [[c.key for c in spec.row(k).columns] for k in keys]
            good = _search_combos(within, base, keys, cols, [ambiguous[k] for k in keys])
            if good:
                for i, k in enumerate(keys):
                    _settle(spec, k, [g[i] for g in good], out, problems,
                            "按行、列勾稽关系仍有多种拆分")
                return out
    for k, cands in ambiguous.items():
        why = "按本行总计等于各列之和仍有多种拆分" if spec.key == "applications" else "有多种拆分方式"
        _settle(spec, k, cands, out, problems, why)
    return out


MAX_NODES = 50_000       # partial combinations _search_combos may visit
MAX_FOUND = MAX_COMBOS    # consistent combinations it may find


def _search_combos(within: tuple, base: dict, keys: list[str], cols: list[list[str]],
                   cands: list[list[tuple]]) -> list[tuple] | None:
    """Every combination of the ambiguous rows' readings (``cands``, one list per row of ``keys``)
    that keeps each relation of ``within`` whose cells are all known, as trying every combination
    would find — by a depth-first search that leaves a partial combination as soon as a relation
    cannot hold whatever the open rows read: the cells are counts, so an open cell lies between the
    least and the most its row's readings give it. None when that cannot be told within bounds
    (readings that are not whole numbers, too many partial combinations or too many found)."""
    n = len(keys)
    if any(type(x) is not int for rows in cands for cand in rows for x in cand):
        return None
    pos = {(k, c): (i, j) for i, (k, ks) in enumerate(zip(keys, cols)) for j, c in enumerate(ks)}
    lo = [[min(cand[j] for cand in cands[i]) for j in range(len(cols[i]))] for i in range(n)]
    hi = [[max(cand[j] for cand in cands[i]) for j in range(len(cols[i]))] for i in range(n)]
    by_row: list[list] = [[] for _ in range(n)]
    for inst in within:
        cells = inst._this_year_cells
        if cells is None:
            continue
        sides = []
        for signs, side in zip(inst._signs, cells):
            const, open_ = 0, []
            for sign, cell in zip(signs or (1,) * len(side), side):
                if cell in pos:
                    open_.append((sign, *pos[cell]))
                elif base.get(cell) is None:
                    break               # a blank cell: never judged (as consistent() skips it)
                else:
                    const += sign * base[cell]
            else:
                sides.append((const, open_))
                continue
            break
        if len(sides) != 2:
            continue
        rows = {i for _, o in sides for _, i, _ in o}
        if not rows:
            if sides[0][0] != sides[1][0]:
                return []                # the fixed rows alone break it: nothing keeps every relation
            continue
        for i in rows:
            by_row[i].append(sides)
    chosen: list[tuple | None] = [None] * n
    found: list[tuple] = []
    visited = 0

    def bounds(side):
        const, open_ = side
        low = high = const
        for sign, i, j in open_:
            c = chosen[i]
            if c is not None:
                low += sign * c[j]
                high += sign * c[j]
            elif sign > 0:
                low += lo[i][j]
                high += hi[i][j]
            else:
                low -= hi[i][j]
                high -= lo[i][j]
        return low, high

    def walk(d: int) -> bool:
        nonlocal visited
        if d == n:
            found.append(tuple(chosen))
            return len(found) <= MAX_FOUND
        for cand in cands[d]:
            visited += 1
            if visited > MAX_NODES:
                return False
            chosen[d] = cand
            ok = True
            for left, right in by_row[d]:
                l_lo, l_hi = bounds(left)
                r_lo, r_hi = bounds(right)
                if l_lo > r_hi or r_lo > l_hi:
                    ok = False
                    break
            if ok and not walk(d + 1):
                chosen[d] = None
                return False
        chosen[d] = None
        return True

    if not walk(0):
        return None
    return found


def _read_t4(spec: TableSpec, version: str, text: str, problems: list[ReadProblem],
             view: Compact | None = None) -> dict | None:
    """表四 has no row label: its one row of 15 numbers follows the header."""
    key = "counts"
    ncols = len(spec.row(key).columns)
    toks: list[str] = []
    lines = text.split("\n")
    grid_lines = [ln for ln in lines if "\t" in ln]
    if grid_lines:
        for ln in grid_lines:
            cells = [c.strip() for c in ln.split("\t")]
            nums = [c for c in cells if _NUM.match(c) or c in _BLANK or UNSURE.match(c)]
            if len([c for c in cells if _NUM.match(c) or UNSURE.match(c)]) and len(nums) >= len(cells) - 1:
                # drop a leading label cell, keep blank slots as cells
                body = cells[1:] if cells and not (_NUM.match(cells[0]) or cells[0] in _BLANK
                                                   or UNSURE.match(cells[0])) else cells
                toks.extend(body)
    if not toks:
        cv = Compact(text) if view is None else view
        hits = _find_hits(cv, spec, version)
        at = cv.origs([h.start for h in hits[1:]]) + [len(text)]    # where the next label starts
        ends = cv.origs([h.end - 1 for h in hits])                     # a label's last character
        for e, a in zip(ends, at):
            if e + 1 < a:           # (no zone between two labels: nothing to read)
                zone = text[e + 1:a]
                if _PROSE_COUNT.match(zone):
                    # 「被申请行政复议5件，其中维持3件」: a sentence before or after the table names
                    # the table's labels; a figure with its unit and more words is prose, not a cell.
                    continue
                z = _figure_lines(zone) or zone_tokens(zone)
                if z:
                    toks.extend(z)
                    if _PROSE_AFTER.search(zone, len(_HEAD.match(zone).group())):
                        break       # the row's figures run into the prose after the table
        if not hits:
            return None
    while len(toks) > ncols and toks[-1] in _BLANK:
        toks.pop()
    if not toks:
        return None
    if len(toks) == ncols:
        return {key: _assign(spec, key, _typed(spec, key, tuple(toks), problems))}
    if len(toks) < ncols and all(t.isdigit() for t in toks):
        typed = _row_shapes(spec)[key][1] and all(t.isascii() for t in toks)
        cands = splits(toks, ncols, typed=typed)
        if cands is None:
            problems.append(Problem("P001", f"表四的数字连写为「{''.join(toks)}」，可拆分的方式过多，无法确定各单元格。",
                                    spec.key, key))
            return {key: {c.key: None for c in spec.row(key).columns}}
        typed = cands if typed else _typed_cuts(spec, key, toks, cands)
        ok = _keep_consistent(_row_check(spec, version, key), typed)
        if not ok:
            if len(typed) == 1:
                # As many digits as cells: one digit per cell is the only reading, so the cells
                # are known even though a total breaks; T013 reports the break as printed.
                return {key: _assign(spec, key, typed[0])}
            # The cells cannot be told, but a group whose total breaks under every cut is wrong
            # whichever cut is right: the cuts are kept (after the digits, so this is not a
            # reading note of a filled row) for T013 to judge each group on.
            digits = "".join(toks)
            problems.append(Problem("P001", f"表四的数字连写为「{digits}」，没有一种拆分能使各组总计等于四种结果之和，无法读取。",
                                    spec.key, key, None,
                                    [digits] + kept([reading_text(c) for c in typed[:MAX_READINGS]], len(typed))))
            return {key: {c.key: None for c in spec.row(key).columns}}
        out: dict = {}
        _settle(spec, key, ok, out, problems, "按各组总计等于四种结果之和仍有多种拆分")
        _note_readings(spec, key, toks, typed, out.get(key), problems)
        return out
    problems.append(Problem("P002", f"表四读到{len(toks)}个数值（{' '.join(t or '空' for t in toks)}），应有{ncols}个单元格，无法对应。",
                            spec.key, key))
    return {key: {c.key: None for c in spec.row(key).columns}}


# -- which form a table is printed on ---------------------------------------------------------
@lru_cache(maxsize=None)
def _distinctive(table: str) -> dict[str, tuple[str, ...]]:
    """Per template version, the labels of ``table`` that the other version does not print (nor
    print inside a longer label): 本年新制作数量 and 政府集中采购 say 表二 is the 2019 form,
    本年制发件数 the 2021 form; 表三's 2021 sub-rows of （六）其他处理 the 2021 form."""
    from ..formats import VERSIONS
    texts = {v: {lab.text for lab in labels_for(get_template(v).tables[table], v) if lab.text} for v in VERSIONS}
    out = {}
    for v in VERSIONS:
        others = set().union(*(texts[o] for o in VERSIONS if o != v))
        out[v] = tuple(sorted(t for t in texts[v] if len(t) >= 4 and t not in others
                              and not any(t in o for o in others)))
    return out


@lru_cache(maxsize=None)
def _single_row_groups(table: str) -> dict[str, tuple[str, ...]]:
    """Per version, labels of rows that are one data row there but a group of sub-rows in the
    other version (表三 （六）其他处理): figures straight after such a label show the form."""
    from ..formats import VERSIONS
    out: dict[str, tuple[str, ...]] = {}
    for v in VERSIONS:
        spec = get_template(v).tables[table]
        labs = []
        for o in VERSIONS:
            if o == v:
                continue
            ospec = get_template(o).tables[table]
            for r in spec.data_rows:
                if ospec.has_row(r.key) and not ospec.row(r.key).data:
                    labs.append(compact(r.label))
        out[v] = tuple(labs)
    return out


# a label run on by a figure with its unit is a sentence's words (…其他对外管理服务事项0件,行政处罚0件 in
# the prose above 表二: 华容区机关事务服务中心 2022, 第一百二十二批), not the table's own label
_PROSE_FIGURE = re.compile(r"\d+(?:\.\d+)?[件项条个次]")


def _as_label(c: str, lab: str) -> bool:
    """``lab`` occurs in the compact text ``c`` as a table's label, not only as prose."""
    i = c.find(lab)
    while i >= 0:
        if not _PROSE_FIGURE.match(c, i + len(lab)):
            return True
        i = c.find(lab, i + len(lab))
    return False


def printed_form(table: str, text: str, folded: str | None = None) -> str | None:
    """The template version whose form a table's text is printed on, when its labels say so
    unambiguously; None when they do not (or show both)."""
    c = compact(text) if folded is None else folded
    evidence = {v: any(_as_label(c, lab) for lab in labs) for v, labs in _distinctive(table).items()}
    for v, labs in _single_row_groups(table).items():
        for lab in labs:
            i = c.find(lab)
            while i >= 0:
                # figures, not the ordinal of a sub-row (「（六）其他处理 1.申请人…」)
                end = i + len(lab)
                if _FIGURES_AFTER.match(c[end:end + 40]):
                    evidence[v] = True
                i = c.find(lab, end)
    found = [v for v, yes in evidence.items() if yes]
    return found[0] if len(found) == 1 else None


def mixed_form_rows(table: str, text: str, version: str, folded: str | None = None) -> tuple[str, list[str]] | None:
    """A table whose labels show both forms (printed_form: None): the blocks (第二十条第(X)项) printed
    on the other form than ``version``'s, as (that form, the rows of ``version``'s form in those
    blocks that it cannot fill); None when no whole block is on the other form. 黑河市气象局 2021
    (第一百三十六批): block (一) on 本年新制作/对外公开总数量, blocks (五)(六)(八) on the 2021 form."""
    c = compact(text) if folded is None else folded
    spec = get_template(version).tables[table]
    captions = {compact(r.caption) for r in spec.data_rows if r.caption}
    if not captions:
        return None
    from ..formats import VERSIONS
    for o in VERSIONS:
        captions |= {compact(r.caption) for r in get_template(o).tables[table].data_rows if r.caption}
    at = sorted((i, cap) for cap in captions for i in [c.find(cap)] if i >= 0)
    for other in VERSIONS:
        if other == version:
            continue
        gaps = set(form_gaps(table, other, version))
        rows: list[str] = []
        for k, (i, cap) in enumerate(at):
            block = c[i:at[k + 1][0] if k + 1 < len(at) else len(c)]
            if printed_form(table, block, block) == other:
                rows += [r.key for r in spec.data_rows if r.caption and compact(r.caption) == cap
                         and r.key in gaps]
        if rows:
            return other, rows
    return None


def form_gaps(table: str, printed: str, version: str) -> list[str]:
    """Data rows of ``version``'s form of ``table`` that the ``printed`` form has no row for (or
    whose cells differ): a table printed on the other form cannot fill them."""
    spec, other = get_template(version).tables[table], get_template(printed).tables[table]
    out = []
    for r in spec.data_rows:
        if not other.has_row(r.key) or not other.row(r.key).data \
                or [c.key for c in other.row(r.key).columns] != [c.key for c in r.columns]:
            out.append(r.key)
    return out
