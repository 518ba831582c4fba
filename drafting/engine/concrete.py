"""What is concrete in a piece of prose, as the drafting side needs it: quantities with the span a
data slot stands for, dates, 文号, 《》 titles and quoted names; and names that carry digits.

Quantities, dates, 文号 and titles are read by the claims layer (drafting.claims.read), the
project's one reader of Chinese prose; this module only adapts its answer. Two things are added
around it, neither a numeral reader: the names in quotation marks (a named event or column is
concrete too), and month-day dates written without a year or after a {year} slot (3月15日,
{year}年7月), which the claims layer does not report as dates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .. import claims

SUFFIX_APPROX = ("以上", "左右")


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: str
    approx: str          # '' or the marker as written: 余 多 约 近 超 逾 以上 左右 …
    start: int           # the whole quantity as written, prefix marker and unit included
    end: int
    num_start: int       # the part a data slot stands for: prefix marker, number, inner marker
    num_end: int
    kind: str            # count | percent | ordinal
    text: str

    @property
    def slot_text(self) -> str:
        return self.text[self.num_start - self.start:self.num_end - self.start]


@dataclass(frozen=True)
class Span:
    kind: str            # date | docno | title | name
    text: str
    start: int
    end: int


def quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order: value, unit, approximation, span, kind."""
    out = []
    for q in claims.read(text).quantities:
        start, end = q.start, q.end
        if q.kind == "ordinal" and text[max(0, start - 1):start] == "第":
            start -= 1                      # 第12期: the ordinal as written
        num_end = end
        if q.kind != "percent" or text[start:end].endswith("%"):
            if q.approx in SUFFIX_APPROX and text[:num_end].endswith(q.approx):
                num_end -= len(q.approx)
            if q.unit and text[:num_end].endswith(q.unit):
                num_end -= len(q.unit)
        num_start = q.start
        out.append(Quantity(Decimal(q.value), q.unit or "", q.approx or "", start, end, num_start, num_end,
                            q.kind or "count", text[start:end]))
    return out


DATE_MD_RE = re.compile(r"(?<![\d])(\d{1,2})\s*月\s*(\d{1,2})\s*日|(?<![\d])(\d{1,2})\s*月(?:份)?(?![\d日])")
QUOTED_RE = re.compile(r"[“\"]([^“”\"\n]{2,30})[”\"]")


def spans(text: str) -> list[Span]:
    """Dates, 文号, 《》 titles and quoted names in ``text`` (a year alone is not a date here)."""
    r = claims.read(text)
    out: list[Span] = [Span("docno", s.text, s.start, s.end) for s in r.docnos]
    out += [Span("title", s.text, s.start, s.end) for s in r.titles]
    out += [Span("date", d.text, d.start, d.end) for d in r.dates if d.month]
    for m in DATE_MD_RE.finditer(text):
        if 1 <= int(m.group(1) or m.group(3)) <= 12 and not any(s.start <= m.start() < s.end for s in out):
            out.append(Span("date", m.group(), m.start(), m.end()))
    for m in QUOTED_RE.finditer(text):
        out.append(Span("name", m.group(1), m.start(1), m.end(1)))
    out.sort(key=lambda s: s.start)
    return out


# Names that contain digits and count nothing: hotlines, H5, 5G, phone and postal numbers, web
# addresses. A check for figures must not take them for figures.
NAME_WITH_DIGITS = re.compile(
    r"(?<![\d.])(?:12345|12315|12348|12366|12369|12333|12320|12328|12388|110|119|120)(?=\s*(?:热线|政务|便民|服务|平台|号码|电话|转|工单|[、和及与]|$))"
    r"|(?<![A-Za-z\d])[A-Za-z]{1,4}\d{1,3}[A-Za-z]?(?![\d])|(?<![\d.])\d[Gg](?![A-Za-z])"
    r"|(?:0\d{2,3}[-－—]?)?\d{7,8}(?:[-－]\d{1,4})?|(?<=邮编[：:])\d{6}|(?<=邮政编码[：:])\d{6}"
    r"|(?:https?://|www\.)[^\s，。；、（）()]+|[A-Za-z0-9-]+\.(?:gov\.cn|com\.cn|org\.cn|cn|com|org|net)(?:/[^\s，。；]*)?")


def mask_names(text: str) -> str:
    """``text`` with every digit-bearing name blanked out (same length)."""
    return NAME_WITH_DIGITS.sub(lambda m: "#" * len(m.group()), text)
