"""Readings of run-together digits kept with a report.

A published table that prints a row's cells run together (``160 02 0 018`` for seven cells) can
often be cut in several ways; ingest fills the row only when the form's arithmetic leaves exactly
one of them, and keeps every reading the digits allow with the report (a P001 record whose cells
are filled, so it is never a finding). The table rules read them back: a relation that breaks is
certain only if it breaks under every reading, otherwise it is reported as something to check.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable

# At most this many readings of one row are kept; a row with more ends with MORE_READINGS and is
# treated as uncertain.
MAX_READINGS = 64
MORE_READINGS = "…"


def _fmt(v) -> str:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")
    return str(v)


def reading_text(values: Iterable) -> str:
    """One reading of a row as kept: its cells joined by / (16/0/0/2/0/0/18)."""
    vals = values if type(values) is tuple else tuple(values)
    if Decimal not in map(type, vals):
        return "/".join(map(str, vals))     # counts (nearly every reading): str is _fmt for them
    return "/".join(map(_fmt, vals))


def kept(readings: list[str], total: int | None = None) -> list[str]:
    """The readings as kept with the report (bounded). ``total``: how many there are, when only
    the first MAX_READINGS were written out (the rest are never kept)."""
    if (len(readings) if total is None else total) > MAX_READINGS:
        return readings[:MAX_READINGS - 1] + [MORE_READINGS]
    return list(readings)


def is_reading_note(p) -> bool:
    """True for the record of a row filled from one of several readings of its digits."""
    return p.code == "P001" and p.col is None and bool(p.candidates) and "/" in p.candidates[0]


def row_readings(problems, table: str, row: str, current: tuple) -> list[tuple] | None:
    """The values a row may have: ``[current]`` when it was read as printed (or changed by hand
    since it was read), every reading the digits allow when it was filled from one of them, None
    when it was not read with certainty at all (cells left ambiguous, or too many readings)."""
    for p in problems:
        if p.code != "P001" or p.table != table or p.row != row:
            continue
        if not is_reading_note(p):
            return None
        if reading_text(current) not in p.candidates:
            return [current]
        if p.candidates[-1] == MORE_READINGS:
            return None
        return [tuple(Decimal(x) for x in c.split("/")) for c in p.candidates]
    return [current]
