"""Numbers as a person types or states them (cells, stated figures), read within the bounds.

One place for both the report model's cells and the year's stated figures (facts.py, which sits
below the model): size is judged before any conversion, so a short text such as ``1e999999999``
can never be expanded into a huge integer. Errors are ValueError with the reason in Chinese.
"""
from __future__ import annotations

import numbers
import re
from decimal import Decimal
from typing import Any

from .limits import BOUNDS

_FULLWIDTH = str.maketrans("０１２３４５６７８９－．，", "0123456789-.,")


def parse_number(value: Any, kind: str) -> Cell:
    """Parse one cell value; raises ValueError with the reason in Chinese.

    Size is judged before any conversion: text by its length, digits and exponent, a Decimal
    by its exponent (``adjusted()``), an int by its bit length. Converting first let
    ``1e999999999`` hang every command and ``1e99999`` trip Python's digit limit.
    """
    if value is None:
        return None
    # the common case first: a count as an int or a short run of ASCII digits (already bounded)
    if type(value) is int and kind in ("int", "signed_int") and 0 <= value <= _CELL_MAX:
        return value
    if type(value) is str and kind in ("int", "signed_int") and 0 < len(value) <= 12 and value.isascii() \
            and value.isdigit():
        return int(value)
    if isinstance(value, bool):
        raise ValueError(f"应为数字，收到 {value}")
    # numpy and pandas scalars arrive from grids and spreadsheets
    if isinstance(value, numbers.Integral) and not isinstance(value, int):
        value = int(value)
    elif isinstance(value, numbers.Real) and not isinstance(value, (float, Decimal)):
        value = float(value)
    if isinstance(value, float) and value != value:   # NaN from a blank grid cell
        return None
    if isinstance(value, str):
        s = value.strip().translate(_FULLWIDTH).replace(",", "")
        if s in ("", "-", "—", "/", "未填"):
            return None
        if kind == "decimal" or kind == "number":
            s = re.sub(r"(万元|元)$", "", s)
        value = _decimal_from_text(s, value)
    if isinstance(value, float):
        if value in (float("inf"), float("-inf")):
            raise ValueError(f"应为有限数字，收到 {value}")
        value = Decimal(repr(value))
    if isinstance(value, int):
        if value.bit_length() > 64 or abs(value) > _CELL_MAX:
            raise ValueError(_too_big(value))
        value = Decimal(value)
    if not isinstance(value, Decimal):
        raise ValueError(f"应为数字，收到「{_shown(value)}」")
    if not value.is_finite():
        raise ValueError(f"应为有限数字，收到 {value}")
    if value.adjusted() >= _CELL_DIGITS:         # O(1): no digit of the number is produced
        raise ValueError(_too_big(value))
    decimals = _decimals(value)
    if kind in ("int", "signed_int"):
        if decimals:
            raise ValueError(f"应为整数，收到 {_shown(value)}")
        n = int(value)
        if kind == "int" and n < 0:
            raise ValueError(f"应为非负整数，收到 {n}")
        if abs(n) > _CELL_MAX:
            raise ValueError(_too_big(n))
        return n
    if decimals > _CELL_DECIMALS:
        raise ValueError(f"小数位数过多（{decimals} 位），单元格数值最多 {_CELL_DECIMALS} 位小数")
    if value < 0:
        raise ValueError(f"应为非负数，收到 {_shown(value)}")
    if value > _CELL_MAX:
        raise ValueError(_too_big(value))
    return value


_CELL_MAX = BOUNDS["cell_value"].limit
_CELL_DIGITS = len(str(_CELL_MAX))            # 13: 10**12 has 13 digits
_CELL_DECIMALS = BOUNDS["cell_decimals"].limit
_CELL_CHARS = BOUNDS["cell_chars"].limit
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_EXPONENT = re.compile(r"[eE]([+-]?)0*(\d*)$")


def bounded_figure(value: Any) -> Any:
    """A stated figure (may be negative) within the cell bounds; other types pass through to
    pydantic, which names them. Raises ValueError in Chinese."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        s = value.strip().translate(_FULLWIDTH).replace(",", "")
        value = _decimal_from_text(s, value) if _NUMBER.fullmatch(s) else value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"应为有限数字，收到 {value}")
        value = Decimal(repr(value))
    if isinstance(value, int):
        if value.bit_length() > 64 or abs(value) > _CELL_MAX:
            raise ValueError(_too_big(value))
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"应为有限数字，收到 {value}")
        if value.adjusted() >= _CELL_DIGITS or value.copy_abs() > _CELL_MAX:
            raise ValueError(_too_big(value))
        if _decimals(value) > _CELL_DECIMALS:
            raise ValueError(f"小数位数过多（{_decimals(value)} 位），数值最多 {_CELL_DECIMALS} 位小数")
    return value


def _decimal_from_text(s: str, original: str) -> Decimal:
    """A Decimal from text whose length and exponent are bounded first."""
    if len(s) > _CELL_CHARS:
        raise ValueError(f"应为数字，收到的内容过长（{len(s)} 字）")
    if not _NUMBER.fullmatch(s):
        raise ValueError(f"应为数字，收到「{_shown(original)}」")
    m = _EXPONENT.search(s)
    if m and len(m.group(2)) > 4:
        # An exponent of five or more digits is out of range whatever the mantissa says.
        if m.group(1) == "-":
            raise ValueError(f"小数位数过多，单元格数值最多 {_CELL_DECIMALS} 位小数")
        if Decimal(s[:m.start()] or "0") != 0:
            raise ValueError(_too_big(original))
        return Decimal(0)
    return Decimal(s)


def _decimals(d: Decimal) -> int:
    """Digits after the point that are not trailing zeros (3.620 has 2)."""
    sign, digits, exp = d.as_tuple()
    if exp >= 0:
        return 0
    i = len(digits)
    while i > 0 and digits[i - 1] == 0 and exp < 0:
        i -= 1
        exp += 1
    return -exp if exp < 0 else 0


def _shown(value: Any) -> str:
    """A value as it may appear in a message: never thousands of digits."""
    if isinstance(value, int) and value.bit_length() > 200:
        return "（位数过多）"
    s = str(value)
    return s if len(s) <= 24 else s[:20] + "…"


def _too_big(value: Any) -> str:
    return f"数值过大（上限为 {_CELL_MAX:,}），收到「{_shown(value)}」"


