"""Helpers for 公文 prose kept for their callers; figures themselves are read by drafting.claims.

Only quantities count: a number followed by a unit (件、条、个、次、人次、起、万元、% …).
Years, dates, ordinals (第三、一是) and document numbers (〔2021〕30号) are not quantities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .claims.text import clause_bounds  # noqa: F401  (one definition, re-exported for callers)


_FW = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")

DOCNO_RE = re.compile(r"〔\d{4}〕\s*\d+\s*号|\[\d{4}\]\s*\d+\s*号")
DATE_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?)?")
YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


@dataclass(frozen=True)
class Mention:
    value: Decimal
    unit: str
    start: int
    end: int
    text: str          # the number and unit as written

    @property
    def is_percent(self) -> bool:
        return self.unit in ("%", "％")


def normalise(text: str) -> str:
    """Full-width digits and percent to half-width, length preserved."""
    return text.translate(_FW)


def find_numbers(text: str) -> list[Mention]:
    """Every quantity in ``text``, in order, excluding ordinals and document numbers.

    A view of the claims layer (drafting.claims), which is the one reader of figures in prose:
    Chinese and 大写 numerals, approximations (余/近/约), percentages in words, circled digits."""
    from .claims import read
    return [Mention(value=q.value, unit=q.unit, start=q.start, end=q.end, text=q.text)
            for q in read(text).quantities if q.kind != "ordinal"]


def digits_outside_allowed(text: str) -> list[tuple[int, str]]:
    """Runs of digits that are not a year, a date, an ordinal or a document number.

    Used for generated text, where every statistic must come through a slot.
    """
    norm = normalise(text)
    masked = DOCNO_RE.sub(lambda m: "#" * len(m.group()), norm)
    masked = DATE_RE.sub(lambda m: "#" * len(m.group()), masked)
    masked = re.sub(r"第\s*\d+", lambda m: "#" * len(m.group()), masked)
    masked = re.sub(r"\{[^{}]*\}", lambda m: "#" * len(m.group()), masked)
    return [(m.start(), m.group()) for m in re.finditer(r"\d+(?:\.\d+)?", masked)]


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences with their offsets; ends at 。！？ and line breaks."""
    out = []
    start = 0
    for m in re.finditer(r"[。！？!?\n]", text):
        seg = text[start:m.end()]
        if seg.strip():
            out.append((start, seg))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return out
