"""What is concrete in a piece of prose: quantities, dates, 文号, 《》 titles and named things.

The drafting side's one view of the claims layer. Facts extraction, the slot checks and the
"everything concrete has a source" check all read prose through :func:`read`; nothing else in
the drafting engine looks for numerals.

``read`` uses ``drafting.claims.read`` when that layer is present (the project's one reader of
Chinese prose); until then it falls back on ``drafting.numbers`` and adds only what the
drafting checks cannot do without around it: approximation markers on either side of a number
(7700余条, 约300件, 近千条), percentages written out (百分之九十八), ordinals of a series
(第12期), and month-day dates without a year (3月15日). Switching is this one function.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .. import numbers as _numbers

APPROX_BEFORE = {"约": "约", "大约": "约", "近": "近", "将近": "近", "接近": "近", "超": "超", "超过": "超",
                 "逾": "逾", "多达": "", "达": ""}
APPROX_INSIDE = ("余", "多", "来")
APPROX_AFTER = ("以上", "左右", "余")


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: str
    approx: str          # '' or the marker as written: 余 多 来 约 近 超 逾 以上 左右
    start: int           # the whole quantity, prefix marker and unit included
    end: int
    num_start: int       # the part a data slot stands for: prefix marker, number, inner marker
    num_end: int
    kind: str            # count | percent | ordinal | money
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


def _claims():
    try:
        from .. import claims    # the lead's claims layer, when it is on main
    except ImportError:
        return None
    return claims if hasattr(claims, "read") else None


_UNITS = "|".join(sorted((re.escape(u) for u in _numbers.UNITS), key=len, reverse=True))
_CN = "〇零一二两三四五六七八九十百千万亿"
_INSIDE_RE = re.compile(rf"(?<=[\d{_CN}])(?:余|多|来)(?=\s*(?:{_UNITS}))")
_PERCENT_WORDS = re.compile(rf"百分之([\d.]+|[{_CN}]+)")
_ORDINAL_RE = re.compile(rf"第\s*(\d+|[{_CN}]+)\s*(期|次|届|批|轮|场|个|号)")
_WAN_RE = re.compile(r"(\d+(?:\.\d+)?)\s*万\s*(余|多)?\s*(条|件|人次|次|人|份|篇|个|户|家)")
_ROUND_RE = re.compile(rf"(?<![\d{_CN}])([一二两三四五六七八九]?[十百千万])(余|多)?\s*({_UNITS})")


def quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order: value, unit, approximation, span, kind."""
    claims = _claims()
    if claims is not None:
        return _from_claims(claims, text)
    out: list[Quantity] = []
    # 1.2万余条: a count in 万 with an approximation between 万 and the unit.
    for m in _WAN_RE.finditer(text):
        start, approx = m.start(), m.group(2) or ""
        for word in sorted(APPROX_BEFORE, key=len, reverse=True):
            if APPROX_BEFORE[word] and text[max(0, start - len(word)):start] == word:
                start, approx = start - len(word), approx or word
                break
        num_end = m.end() - len(m.group(3))
        out.append(Quantity(Decimal(m.group(1)) * 10000, m.group(3), approx, start, m.end(), start, num_end,
                            "count", text[start:m.end()]))
    text_for_numbers = text
    for q in out:
        text_for_numbers = text_for_numbers[:q.start] + " " * (q.end - q.start) + text_for_numbers[q.end:]
    # Inner markers (7700余条) sit between the number and its unit, where the numeral reader
    # expects at most spaces: blank them out, keeping offsets.
    masked = _INSIDE_RE.sub(lambda m: " " * len(m.group()), text_for_numbers)
    for m in _numbers.find_numbers(masked):
        start, end = m.start, m.end
        num_end = end - len(m.unit)
        while num_end > start and masked[num_end - 1] == " ":
            num_end -= 1
        approx = ""
        inner = text[num_end:end - len(m.unit)].strip()
        if inner:
            approx = inner
            num_end = num_end + text[num_end:].index(inner) + len(inner)
        num_start = start
        for word in sorted(APPROX_BEFORE, key=len, reverse=True):
            if text[max(0, start - len(word)):start] == word:
                if APPROX_BEFORE[word]:
                    approx = approx or word
                    num_start = start = start - len(word)
                break
        for word in APPROX_AFTER:
            if text[end:end + len(word)] == word and not approx:
                approx = word
                end += len(word)
                break
        kind = "percent" if m.is_percent else ("money" if m.unit.endswith("元") else "count")
        out.append(Quantity(m.value, m.unit, approx, start, end, num_start, num_end, kind, text[start:end]))
    taken = [(q.start, q.end) for q in out]
    out = [q for q in out if q.kind]

    def free(a: int, b: int) -> bool:
        return not any(a < e and s < b for s, e in taken)

    # Round numbers alone (近千条, 上万人次): the numeral reader needs a digit before 千.
    for m in _ROUND_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        num = m.group(1)
        value = _numbers._value(num if num[0] in _CN[:-5] or len(num) > 1 else "一" + num)
        if value is None:
            continue
        start, approx = m.start(), m.group(2) or ""
        for word in sorted(APPROX_BEFORE, key=len, reverse=True):
            if APPROX_BEFORE[word] and text[max(0, start - len(word)):start] == word:
                start, approx = start - len(word), approx or word
                break
        if text[max(0, start - 1):start] == "上":       # 上千条: more than a thousand
            start, approx = start - 1, approx or "上"
        if not approx and len(num) == 1:
            continue     # a bare 千/万 without a marker is a word, not a count
        unit = m.group(3)
        out.append(Quantity(value, unit, approx, start, m.end(), start, m.end() - len(unit), "count",
                            text[start:m.end()]))
        taken.append((start, m.end()))
    for m in _PERCENT_WORDS.finditer(text):
        if not free(m.start(), m.end()):
            continue
        num = m.group(1)
        value = Decimal(100) if num == "百" else _numbers._value(num)
        if value is not None:
            out.append(Quantity(value, "%", "", m.start(), m.end(), m.start(), m.end(), "percent", m.group()))
    for m in _ORDINAL_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        value = _numbers._value(m.group(1))
        if value is not None:
            out.append(Quantity(value, m.group(2), "", m.start(), m.end(), m.start(1), m.end(1), "ordinal",
                                m.group()))
    out.sort(key=lambda q: q.start)
    return out


def _from_claims(claims, text: str) -> list[Quantity]:
    out = []
    for q in claims.read(text).quantities:
        a, b = q.span
        num_a, num_b = getattr(q, "number_span", None) or (a, b - len(q.unit or ""))
        out.append(Quantity(Decimal(q.value), q.unit or "", q.approx or "", a, b, num_a, num_b,
                            q.kind or "count", text[a:b]))
    return out


DATE_MD_RE = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日|(?<![\d年])(\d{1,2})\s*月(?:份)?(?![\d日])")
TITLE_RE = re.compile(r"《[^《》\n]{1,60}》")
QUOTED_RE = re.compile(r"[“\"]([^“”\"\n]{2,30})[”\"]")


def spans(text: str) -> list[Span]:
    """Dates, 文号, 《》 titles and quoted names in ``text`` (years alone are not dates here)."""
    out: list[Span] = []
    for m in _numbers.DOCNO_RE.finditer(text):
        out.append(Span("docno", m.group(), m.start(), m.end()))
    for m in _numbers.DATE_RE.finditer(text):
        if m.group("m"):
            out.append(Span("date", m.group(), m.start(), m.end()))
    for m in DATE_MD_RE.finditer(text):
        if not any(s.start <= m.start() < s.end for s in out):
            out.append(Span("date", m.group(), m.start(), m.end()))
    for m in TITLE_RE.finditer(text):
        out.append(Span("title", m.group(), m.start(), m.end()))
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
