"""Numerals as written in 公文: Arabic (with 万/亿), Chinese lower case (一百二十, 两, 〇), 大写
(壹佰贰拾) and 百分之…; returns exact Decimals, or None for what is not a number."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6,
          "陸": 6, "柒": 7, "捌": 8, "玖": 9}
SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
LARGE = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
CN_CHARS = "".join(DIGITS) + "".join(SMALL) + "".join(LARGE)


def chinese(s: str) -> Decimal | None:
    """一百二十 → 120, 两千 → 2000, 十 → 10, 二〇二四 → 2024 (digit by digit), 壹佰 → 100."""
    if not s or any(ch not in CN_CHARS for ch in s):
        return None
    if all(ch in DIGITS for ch in s):
        if len(s) == 1:
            return Decimal(DIGITS[s])
        if s[0] in "〇零" and len(s) > 1 and not all(ch in "〇零" for ch in s):
            return None
        return Decimal("".join(str(DIGITS[ch]) for ch in s))   # 二〇二四, 一二三四五
    total = 0
    section = 0
    digit: int | None = None
    for ch in s:
        if ch in DIGITS:
            if digit is not None and DIGITS[ch] != 0 and digit != 0:
                return None           # 一二十: two digits with no unit between
            digit = DIGITS[ch]
        elif ch in SMALL:
            section += (1 if digit is None else digit) * SMALL[ch]
            digit = None
        else:
            section += digit or 0
            if section == 0 and total == 0:
                return None
            total = (total + section) * LARGE[ch]
            section, digit = 0, None
    section += digit or 0
    return Decimal(total + section)


def arabic(s: str) -> Decimal | None:
    """1,200 / 1.5 / 3万 / 1.2亿."""
    mult = 1
    if s and s[-1] in LARGE:
        mult, s = LARGE[s[-1]], s[:-1]
    s = s.replace(",", "")
    try:
        v = Decimal(s)
    except InvalidOperation:
        return None
    return v * mult


def value(s: str) -> Decimal | None:
    if not s:
        return None
    if len(s) < 19 and s.isascii() and s.isdigit():
        return Decimal(s)           # most figures: what arabic() gives (×1 is exact below 28 digits), with less work
    if s[0].isdigit():
        return arabic(s)
    if s[-1] in LARGE and s[:-1] and s[0].isdigit():
        return arabic(s)
    return chinese(s)
