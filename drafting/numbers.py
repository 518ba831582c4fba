"""Finding numbers in 公文 prose: Arabic and Chinese numerals with their units.

Only quantities count: a number followed by a unit (件、条、个、次、人次、起、万元、% …).
Years, dates, ordinals (第三、一是) and document numbers (〔2021〕30号) are not quantities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import cn2an

UNITS = ("人次", "万元", "批次", "个", "件", "条", "次", "起", "宗", "项", "篇", "期", "家", "份",
         "场", "人", "元", "%", "％", "天", "所", "处", "张", "部", "类", "名", "栏", "万条", "万人次")
# Longest first so that 人次 wins over 人 and 万元 over 元.
_UNIT_RE = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_CN_DIGITS = "〇零一二两三四五六七八九十百千万亿"
_FW = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")

NUMBER_RE = re.compile(
    rf"(?P<num>(?<![\d.])\d[\d,]*(?:\.\d+)?|[{_CN_DIGITS}]+)\s*(?P<unit>{_UNIT_RE})"
)
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


def _value(num: str) -> Decimal | None:
    num = num.replace(",", "")
    if num[0].isdigit():
        try:
            return Decimal(num)
        except InvalidOperation:
            return None
    if num in ("万", "亿", "百", "千"):
        return None
    try:
        return Decimal(str(cn2an.cn2an(num, "smart")))
    except Exception:   # cn2an raises ValueError and others on non-numbers like 一一
        return None


def find_numbers(text: str) -> list[Mention]:
    """Every quantity in ``text``, in order, excluding ordinals and document numbers."""
    norm = normalise(text)
    masked = DOCNO_RE.sub(lambda m: "#" * len(m.group()), norm)
    out: list[Mention] = []
    for m in NUMBER_RE.finditer(masked):
        num, unit = m.group("num"), m.group("unit")
        start = m.start("num")
        before = masked[max(0, start - 1):start]
        if before == "第":                        # 第三次, 第2条 are ordinals
            continue
        if before and before in "“「\"" and not num[0].isdigit():
            continue    # “三个一”, “五公开”: a slogan in quotes, not a statistic
        if not num[0].isdigit():
            # Chinese numerals: a single 一 before 个/次/项… is an article ("一个", "一次性"),
            # not a statistic, unless it is plainly counted ("仅1件").
            if num in ("一",) and unit in ("个", "次", "项", "批次", "类", "部", "处", "场", "名", "家", "份", "栏"):
                continue
            if before and before in _CN_DIGITS:
                continue
        if unit == "元" and masked[start - 1:start] == "万":
            continue
        if re.match(r"(?:部分|方面|环节|阶段|领域|层面|维度|板块|原则|“|第)", masked[m.end():m.end() + 2]):
            continue    # 六个部分, 三个方面: structure words, not statistics
        val = _value(num)
        if val is None:
            continue
        out.append(Mention(value=val, unit=unit.replace("％", "%"), start=start, end=m.end(),
                           text=text[start:m.end()]))
    return out


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


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The clause around ``pos``: between ，；。：、 and line breaks."""
    seps = "，；。：！？,;\n"
    left = pos
    while left > 0 and text[left - 1] not in seps:
        left -= 1
    right = pos
    while right < len(text) and text[right] not in seps:
        right += 1
    return left, right
