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
from dataclasses import dataclass, field
from decimal import Decimal

from ..formats import TableSpec, get_template
from ..model import ReadProblem, parse_number
from ..relations import consistent, split_instances
from .compact import Compact, compact

_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+,|\([一二三四五六七八九十]+\)|\d+\.)")
_BLANK = {"", "-", "/", "无", "未填"}
_NUM = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_HALF = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"．": ".", "－": "-", "—": "-", "，": ","})
MAX_SPLITS = 20000
MAX_COMBOS = 5000
# A cell OCR could not read with certainty (ocr.py writes it): 〔?〕 followed by the candidate
# readings separated by /, e.g. 〔?〕18/16. It is never taken as a figure: the cell stays blank
# and is reported (P001) with the candidates.
UNSURE = re.compile(r"^〔\?〕([0-9./]*)$")


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


@dataclass
class Hit:
    start: int
    end: int
    label: Label


def find_labels(cv: Compact, labels: list[Label]) -> list[Hit]:
    """Non-overlapping label occurrences, earliest first and longest at the same place."""
    hits: list[Hit] = []
    for lab in labels:
        if not lab.text:
            continue
        for m in re.finditer(re.escape(lab.text), cv.s):
            hits.append(Hit(m.start(), m.end(), lab))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[Hit] = []
    last = 0
    for h in hits:
        if h.start >= last:
            out.append(h)
            last = h.end
    return out


def zone_tokens(zone: str) -> list[str] | None:
    """The cell values that follow a label: None when there are no digits at all."""
    z = zone.lstrip("”’\"'」』").lstrip("\n\r \u3000")
    if z.startswith("\t"):
        z = z[1:]
    z = z.split("\n", 1)[0]
    z = z.translate(_HALF)
    if "\t" in z:
        # Grid row: one value per cell, blank cells kept; a unit written in the cell is dropped.
        toks = []
        for cell in z.split("\t"):
            cell = re.sub(r"\s+", "", cell)
            cell = re.sub(r"(?<=\d)(?:件|条|个|项|次|万元|元)$", "", cell)
            if not (cell in _BLANK or _NUM.match(cell.replace(",", "")) or UNSURE.match(cell)):
                break
            toks.append(cell)
        while toks and toks[-1] == "" and len(toks) > 1:
            toks.pop()
        if not any(re.search(r"\d", t) or UNSURE.match(t) for t in toks):
            return None
    elif UNSURE.match(z.strip()):
        return [z.strip()]          # the one cell of its row, read without certainty
    else:
        m = re.match(r"^[ \u3000\d.,\-/]*", z)
        z = m.group() if m else ""
        if not re.search(r"\d", z):
            return None
        toks = z.split()
    return [t.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", t) else t for t in toks]


def splits(tokens: list[str], n: int, limit: int = MAX_SPLITS) -> list[tuple[str, ...]] | None:
    """Every way to cut digit tokens into ``n`` canonical integers (1–9 digits, no leading zeros).

    Token boundaries (separators that were there) are kept. Returns None if there are more
    than ``limit`` ways (too many to decide). Only branches that can still be completed are
    explored, so the work is bounded by the number of answers.
    """
    if any(not t.isdigit() for t in tokens):
        return []
    from functools import lru_cache

    def ok_piece(p: str) -> bool:
        return len(p) <= 9 and (p == "0" or not p.startswith("0"))

    @lru_cache(maxsize=None)
    def can(i: int, pos: int, k: int) -> bool:
        """Can token i from ``pos`` be cut into exactly k pieces?"""
        tok = tokens[i]
        rest = len(tok) - pos
        if k == 0:
            return rest == 0
        if not k <= rest <= 9 * k:
            return False
        return any(ok_piece(tok[pos:pos + L]) and can(i, pos + L, k - 1) for L in range(1, min(9, rest) + 1))

    @lru_cache(maxsize=None)
    def can_tokens(i: int, left: int) -> bool:
        if i == len(tokens):
            return left == 0
        return any(can(i, 0, k) and can_tokens(i + 1, left - k) for k in range(1, left + 1))

    out: list[tuple[str, ...]] = []

    def pieces(i: int, pos: int, k: int, acc: tuple[str, ...], then):
        tok = tokens[i]
        if k == 0:
            then(acc)
            return
        for L in range(1, min(9, len(tok) - pos) + 1):
            if len(out) > limit:
                return
            p = tok[pos:pos + L]
            if ok_piece(p) and can(i, pos + L, k - 1):
                pieces(i, pos + L, k - 1, acc + (p,), then)

    def rec(i: int, left: int, acc: tuple[str, ...]):
        if len(out) > limit:
            return
        if i == len(tokens):
            if left == 0:
                out.append(acc)
            return
        for k in range(1, left + 1):
            if can(i, 0, k) and can_tokens(i + 1, left - k):
                pieces(i, 0, k, acc, lambda a, k=k: rec(i + 1, left - k, a))

    if can_tokens(0, n):
        rec(0, n, ())
    return None if len(out) > limit else out


@dataclass
class RowRead:
    key: str
    tokens: list[str]
    candidates: list[tuple] = field(default_factory=list)   # tuples of values (None = blank)
    run_together: bool = False


def _typed(spec: TableSpec, row: str, vals: tuple[str, ...], problems: list[ReadProblem] | None):
    out = []
    for col, v in zip(spec.row(row).columns, vals):
        if v in _BLANK:
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


def read_rows(spec: TableSpec, version: str, text: str, problems: list[ReadProblem]) -> dict[str, RowRead]:
    cv = Compact(text)
    hits = find_labels(cv, labels_for(spec, version))
    rows: dict[str, RowRead] = {}
    for i, h in enumerate(hits):
        if h.label.kind != "row" or h.label.row in rows:
            continue
        nxt = hits[i + 1].start if i + 1 < len(hits) else len(cv.s)
        zone = text[cv.orig_end(h.end):cv.orig(nxt)]
        toks = zone_tokens(zone)
        if toks is None:
            continue
        rows[h.label.row] = RowRead(h.label.row, toks)
    _misprinted_rows(spec, version, text, cv, hits, rows)
    for key, rr in rows.items():
        ncols = len(spec.row(key).columns)
        toks = rr.tokens
        if len(toks) > ncols:
            # Extra blank slots at the end of a grid row are layout, not cells.
            while len(toks) > ncols and toks[-1] in _BLANK:
                toks = toks[:-1]
        if len(toks) == ncols:
            rr.candidates = [_typed(spec, key, tuple(toks), problems)]
            continue
        if len(toks) < ncols and all(t.isdigit() for t in toks):
            rr.run_together = True
            cands = splits(toks, ncols)
            if cands is None:
                rr.candidates = []
                problems.append(Problem("P001", f"{spec.name}「{spec.row_label(key)}」的数字连写为「{''.join(toks)}」，"
                                        f"可拆分的方式过多，无法确定各单元格。", spec.key, key))
                rr.tokens = []
                continue
            rr.candidates = [_typed(spec, key, c, None) for c in cands]
            if not rr.candidates:
                problems.append(Problem("P002", f"{spec.name}「{spec.row_label(key)}」的数字「{' '.join(toks)}」"
                                        f"不足{ncols}个单元格，无法读取。", spec.key, key))
            continue
        problems.append(Problem("P002", f"{spec.name}「{spec.row_label(key)}」读到{len(toks)}个数值"
                                f"（{' '.join(t or '空' for t in toks)}），该行应有{ncols}个单元格，无法对应。",
                                spec.key, key))
        rr.candidates = []
    return rows


MISPRINT_RATIO = 0.8


def _ordinal(label: str) -> str | None:
    """The item number a compact label starts with (「2.」「2,」「(二)」), if it can be read."""
    m = re.match(r"^(\d+)[.,]|^\(([一二三四五六七八九十]+)\)", label)
    if not m:
        return None
    return m.group(1) or m.group(2)


def _misprinted_rows(spec: TableSpec, version: str, text: str, cv: Compact, hits: list[Hit],
                     rows: dict[str, RowRead]) -> None:
    """Table rows (TAB-separated) whose label is misprinted in the published table, e.g.
    「2.其他法律行政止公开」 for 「2.其他法律行政法规禁止公开」: the row's label cell is matched to
    the one missing row whose label it is close to (same number, similarity at least
    MISPRINT_RATIO, no other missing row nearly as close). A reader sees which row it is; a
    label that fits none of them, or two, is left unread."""
    missing = {r.key for r in spec.data_rows} - set(rows)
    if not missing:
        return
    forms = [lab for lab in labels_for(spec, version) if lab.kind == "row" and lab.row in missing]
    hit_starts = sorted(cv.orig(h.start) for h in hits if h.label.kind == "row")
    import bisect
    from difflib import SequenceMatcher
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
            c = re.sub(r"\s+", "", cell).translate(_HALF)
            if c and not (c in _BLANK or _NUM.match(c.replace(",", "")) or UNSURE.match(c)):
                label_at = i
        if label_at is None or label_at == len(cells) - 1:
            continue
        lab = compact(cells[label_at])
        toks = zone_tokens("\t" + "\t".join(cells[label_at + 1:]))
        if toks is None or len(lab) < 4:
            continue
        mine = _ordinal(lab)
        scored = sorted(((SequenceMatcher(None, lab, f.text, autojunk=False).ratio(), f.row) for f in forms
                         if mine is None or _ordinal(f.text) in (None, mine)), reverse=True)
        if not scored or scored[0][0] < MISPRINT_RATIO:
            continue
        if len(scored) > 1 and scored[1][1] != scored[0][1] and scored[1][0] > scored[0][0] - 0.15:
            continue
        key = scored[0][1]
        if key in rows:
            continue
        rows[key] = RowRead(key, toks)
        forms = [f for f in forms if f.row != key]


# -- constraints ---------------------------------------------------------------------
def _consistent(spec: TableSpec, version: str, rowvals: dict[str, tuple]) -> bool:
    """Do these candidate rows keep every relation of the form (format data) that they fully
    determine? Row sums, the 勾稽关系 per column and 表四's totals all come from there."""
    values = {}
    for key, vals in rowvals.items():
        for c, v in zip(spec.row(key).columns, vals):
            values[(key, c.key)] = v
    return consistent(split_instances(version, spec.key), values)


def _settle(spec: TableSpec, key: str, cands: list[tuple], out: dict, problems: list[ReadProblem],
            why: str) -> None:
    """Fill the cells every candidate agrees on; report the others as ambiguous."""
    cols = spec.row(key).columns
    row: dict = {}
    for i, c in enumerate(cols):
        vals = {cand[i] for cand in cands}
        if len(vals) == 1:
            row[c.key] = next(iter(vals))
        else:
            row[c.key] = None
            shown = sorted({str(v) for v in vals}, key=lambda s: (len(s), s))
            problems.append(Problem(
                "P001", f"{spec.cell_label(key, c.key)}：数字连写，{why}，可能为 {'、'.join(shown[:6])}"
                f"{'等' if len(shown) > 6 else ''}，无法唯一确定。", spec.key, key, c.key, shown[:6]))
    out[key] = row


def _assign(spec: TableSpec, key: str, vals: tuple) -> dict:
    return {c.key: v for c, v in zip(spec.row(key).columns, vals)}


def read_table(spec: TableSpec, version: str, text: str, problems: list[ReadProblem]) -> dict | None:
    if spec.key == "review_litigation":
        return _read_t4(spec, version, text, problems)
    rows = read_rows(spec, version, text, problems)
    if not rows:
        return None
    out: dict = {}
    ambiguous: dict[str, list[tuple]] = {}
    for key, rr in rows.items():
        if not rr.candidates:
            continue
        if not rr.run_together:
            out[key] = _assign(spec, key, rr.candidates[0])
            continue
        cands = rr.candidates
        if spec.key == "applications":
            ok = [c for c in cands if _consistent(spec, version, {key: c})]
            cands = ok or cands
        if len(cands) == 1:
            out[key] = _assign(spec, key, cands[0])
        else:
            ambiguous[key] = cands
    if ambiguous and spec.key == "applications":
        fixed = {k: tuple(v[c.key] for c in spec.row(k).columns) for k, v in out.items()}
        keys = list(ambiguous)
        total = 1
        for k in keys:
            total *= len(ambiguous[k])
        if total <= MAX_COMBOS:
            good = []
            for combo in itertools.product(*(ambiguous[k] for k in keys)):
                trial = dict(fixed)
                trial.update(zip(keys, combo))
                if _consistent(spec, version, trial):
                    good.append(combo)
            if good:
                for i, k in enumerate(keys):
                    _settle(spec, k, [g[i] for g in good], out, problems,
                            "按行、列勾稽关系仍有多种拆分")
                return out
    for k, cands in ambiguous.items():
        why = "按本行总计等于各列之和仍有多种拆分" if spec.key == "applications" else "有多种拆分方式"
        _settle(spec, k, cands, out, problems, why)
    return out


def _read_t4(spec: TableSpec, version: str, text: str, problems: list[ReadProblem]) -> dict | None:
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
        cv = Compact(text)
        hits = find_labels(cv, labels_for(spec, version))
        for i, h in enumerate(hits):
            nxt = hits[i + 1].start if i + 1 < len(hits) else len(cv.s)
            z = zone_tokens(text[cv.orig_end(h.end):cv.orig(nxt)])
            if z:
                toks.extend(z)
        if not hits:
            return None
    while len(toks) > ncols and toks[-1] in _BLANK:
        toks.pop()
    if not toks:
        return None
    if len(toks) == ncols:
        return {key: _assign(spec, key, _typed(spec, key, tuple(toks), problems))}
    if len(toks) < ncols and all(t.isdigit() for t in toks):
        cands = splits(toks, ncols)
        if cands is None:
            problems.append(Problem("P001", f"表四的数字连写为「{''.join(toks)}」，可拆分的方式过多，无法确定各单元格。",
                                    spec.key, key))
            return {key: {c.key: None for c in spec.row(key).columns}}
        typed = [_typed(spec, key, c, None) for c in cands]
        ok = [c for c in typed if _consistent(spec, version, {key: c})]
        if not ok:
            problems.append(Problem("P001", f"表四的数字连写为「{''.join(toks)}」，没有一种拆分能使各组总计等于四种结果之和，无法读取。",
                                    spec.key, key))
            return {key: {c.key: None for c in spec.row(key).columns}}
        out: dict = {}
        _settle(spec, key, ok, out, problems, "按各组总计等于四种结果之和仍有多种拆分")
        return out
    problems.append(Problem("P002", f"表四读到{len(toks)}个数值（{' '.join(t or '空' for t in toks)}），应有{ncols}个单元格，无法对应。",
                            spec.key, key))
    return {key: {c.key: None for c in spec.row(key).columns}}
