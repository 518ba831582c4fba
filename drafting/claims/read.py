"""Prose read as claims: quantities with their unit, approximation, the phrase they count and the
enumeration they belong to; dates, 文号 and 《》 titles. One pass of regular expressions over the
normalised text, linear in its length.

Offsets of everything returned are into the original text (the normalisation maps them back).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import cached_property
from typing import Iterator

from ..scan import matches_at, places, starts
from .numerals import CN_CHARS, value
from .text import Norm, clause_bounds, normalise

UNITS = ("人次", "万元", "万人次", "万条", "批次", "家次", "场次", "条次", "篇次", "户次", "个工作日",
         "个", "件", "条", "次", "起", "宗", "项", "篇", "期", "家", "份", "场", "人", "元", "天", "所",
         "处", "张", "部", "类", "名", "栏", "户", "套", "册", "本", "轮", "余份", "页", "台", "块", "位",
         "组", "封", "幅", "集", "个月", "小时", "分钟", "秒", "年次", "条信息", "余条")
_UNIT_RE = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_CN = re.escape(CN_CHARS)
PRE_APPROX = ("将近", "接近", "大约", "超过", "多达", "近", "约", "逾", "超")
POST_APPROX = ("余", "多", "以上", "左右", "上下")

QUANTITY_RE = re.compile(
    rf"(?P<pre>{'|'.join(PRE_APPROX)})?"
    rf"(?P<num>(?<![\d.])\d[\d,]*(?:\.\d+)?(?:万|亿)?|[{_CN}]+)"
    r"\s*(?P<post>余|多)?"
    # the units' first characters first: most places tried (一是, 十分) fail there, at one class
    # test instead of one per unit
    rf"\s*(?P<unit>(?=[%{re.escape(''.join(sorted({u[0] for u in UNITS})))}])(?:%|{_UNIT_RE}))"
    r"(?P<post2>以上|左右|上下)?")
# QUANTITY_RE as read() runs it, with the same matches: each optional group written as an
# alternation ending in an empty branch ((…|) for (…)?, tried in the same order), which the engine
# runs without the general repeat that saves and restores its state at every place tried, and the
# number's digits taken possessively (nothing that may follow them begins with a digit or a comma).
# An absent pre/post/post2 is '' here, None in QUANTITY_RE. Matches end where the empty group
# ``end`` is, so that the seek below can report them.
_QUANTITY_BODY = (
    rf"(?P<pre>{'|'.join(PRE_APPROX)}|)"
    rf"(?P<num>(?<![\d.])\d[\d,]*+(?:\.\d+|)[万亿]?|[{_CN}]+)"
    r"\s*(?P<post>[余多]|)"
    rf"\s*(?P<unit>(?=[%{re.escape(''.join(sorted({u[0] for u in UNITS})))}])(?:%|{_UNIT_RE}))"
    r"(?P<post2>以上|左右|上下|)(?P<end>)")
_QUANTITY_FAST = re.compile(_QUANTITY_BODY)
# One search finds the next quantity: the class of its first characters (skipped to in C), then the
# whole pattern in a lookahead at that place, whose groups the match keeps — instead of a search
# for the place and a second match there (scan.matches). The match itself is the one first
# character; the quantity is its groups, up to ``end``.
_QUANTITY_SEEK = re.compile(starts(_QUANTITY_FAST).pattern + rf"(?<=(?={_QUANTITY_BODY})(?s:.))")
DOCNO_RE = re.compile(r"[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*第?\s*\d+\s*号")
DATE_RE = re.compile(r"(?P<y>(?:19|20)\d{2}|[一二〇零][〇零一二三四五六七八九]{3})\s*年"
                     r"(?:\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?)?"
                     r"|(?<![\d年])(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日")
TITLE_RE = re.compile(r"《[^《》\n]{1,80}》")
PERCENT_WORDS_RE = re.compile(rf"(?P<pre>将近|接近|大约|超过|近|约|逾|超)?百分之(?P<num>[{_CN}\d.]+)")
# Units written with their approximation or object (200余条, 30条信息) counted as the plain unit.
_UNIT_AS = {"余条": "条", "条信息": "条", "余份": "份"}
# Units that count the same things, pieces published: a list of 条 may go on with a part in 篇
# (主动公开政府信息162条。其中，乡镇文件公开41条，通过…微信公众号发布信息293篇). The part stays in the
# list; N001 is certain of a sum that needs it only where that part alone exceeds the total.
# (篇次 and 次: 网站共发布89篇次(文字解读18篇次、…新闻发布会5次、…41篇次) — 重庆市医保局 2022, 第二百七十批)
SIBLING_UNIT = {"条": "篇", "篇": "条", "篇次": "次", "次": "篇次"}
ITEM_SEP = "，、；：,;:（）()"
MARKERS = ("其中", "包括", "包含", "涵盖", "含", "分别为", "分别是", "主要有")
# A lone 一 before these is an article (一个平台, 一次性, 一项制度), not a statistic.
_ARTICLE_UNITS = {"个", "次", "项", "批次", "类", "部", "处", "场", "名", "家", "份", "栏", "条", "件",
                  "套", "本", "轮", "位", "组", "块", "台", "张", "所", "天", "篇", "期", "户"}
_STRUCTURE_AFTER = re.compile(r"(?:部分|方面|环节|阶段|领域|层面|维度|板块|原则|“|第|性|事|些|体|线|网|窗|库|码)")
_CONNECT = re.compile(r"^(?:[，、；：,;:（）()\s]|共计|共有|合计|累计|总计|总共|共|计|其中|包括|包含|分别为|分别是|分别|"
                      r"主要有|涵盖|含|为|是|达到|达|有|约|近|逾|超过|超|全年|年内|本年度|本年|今年|全区|全市|全县)+")


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: str
    start: int                 # offsets into the original text
    end: int
    text: str                  # as written
    approx: str = ""           # 余/多/近/约/逾/超/以上/左右 …; '' when exact
    kind: str = "count"        # count | percent | ordinal (第12期)
    phrase: str = ""           # what it counts: the words before it in its list item (normalised)
    after: str = ""            # the words right after it, to the end of its item (normalised)
    sentence: int = 0          # index into Reading.sentences
    item: int = 0              # index of its list item in the sentence
    paren: bool = False        # inside （…）

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def exact(self) -> bool:
        return not self.approx


@dataclass
class Enumeration:
    """A total and the parts listed after 其中/包括/（…）/： — which total the list refers to is
    decided by the reader (the rules), from ``totals``, the candidates before the marker."""
    marker: str
    sentence: int
    totals: list[Quantity]               # same-unit quantities before the marker, nearest first
    parts: list[Quantity]
    open: bool = False                   # the list ends in 等/等等: not every part is named
    catch_all: bool = False              # the last part is 其他/其余…: the list claims to be complete
    quote: str = ""
    # a 、/，list ended at a ；after which more parts of its unit follow: it may go on past the ；,
    # so a shortfall is not certain
    past_semicolon: bool = False
    named: str = ""                      # a rate's shares: the words of the counts beside them


@dataclass(frozen=True)
class DateRef:
    year: int | None
    month: int | None
    day: int | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class Reading:
    original: str
    norm: Norm
    sentences: list[tuple[int, int]]          # normalised offsets
    quantities: list[Quantity] = field(default_factory=list)
    enumerations: list[Enumeration] = field(default_factory=list)
    # What dates, 文号 and titles are made from when first asked for: most rules never ask.
    _date_matches: list[re.Match] = field(default_factory=list, repr=False)
    _docno_spans: list[tuple[int, int]] = field(default_factory=list, repr=False)
    _title_spans: list[tuple[int, int]] = field(default_factory=list, repr=False)

    @cached_property
    def dates(self) -> list[DateRef]:
        out = []
        for m in self._date_matches:
            y, mo, d, mo2, d2 = m.group("y", "m", "d", "m2", "d2")
            year = None
            if y:
                year = int(y) if y[0].isdigit() else _cn_int(y)
                month, day = _cn_int(mo), _cn_int(d)
            else:
                month, day = _cn_int(mo2), _cn_int(d2)
            a, b = self.norm.span(*m.span())
            out.append(_date(year, month, day, a, b, self.original[a:b]))
        return out

    @cached_property
    def docnos(self) -> list[Span]:
        return [self._span(s, e) for s, e in self._docno_spans]

    @cached_property
    def titles(self) -> list[Span]:
        return [self._span(s, e) for s, e in self._title_spans]

    def _span(self, s: int, e: int) -> Span:
        a, b = self.norm.span(s, e)
        return _span(a, b, self.original[a:b])

    def sentence_text(self, i: int) -> str:
        a, b = self.sentences[i]
        return self.norm.text[a:b]

    def sentence_quote(self, i: int) -> str:
        a, b = self.sentences[i]
        return self.norm.quote(a, b)

    def clause(self, q: "Quantity") -> str:
        """The clause around a quantity in the original text (between ，；。： and line breaks)."""
        lo, _ = clause_bounds(self.original, q.start)
        _, hi = clause_bounds(self.original, q.end)
        return self.original[lo:hi].strip()

    def sentences_with(self, words: re.Pattern) -> Iterator[int]:
        """The sentences in which ``words`` matches, for a pattern of words that hold no sentence
        end (so that each match lies inside one sentence): one search of the text instead of one
        per sentence."""
        t, sentences = self.norm.text, self.sentences
        i, pos = 0, 0
        while (m := words.search(t, pos)) is not None:
            h = m.start()
            while i < len(sentences) and sentences[i][1] <= h:
                i += 1                  # on to the sentence the word is in
            if i == len(sentences):
                return
            a, b = sentences[i]
            if h >= a:
                yield i
                i, pos = i + 1, b       # the next word after this sentence
            else:
                pos = a                 # between sentences (only blanks there)

    def sentences_with_words(self, words: tuple[str, ...]) -> list[int]:
        """The sentences (in order) in which one of ``words`` occurs, for words that hold no
        sentence end: what sentences_with gives for their alternation, found by str.find (which
        skips ahead in C; a regex search for several words tests every character)."""
        t, sentences = self.norm.text, self.sentences
        found: set[int] = set()
        if not sentences:
            return []
        starts = [a for a, _ in sentences]
        for w in words:
            k = t.find(w)
            while k >= 0:
                # what lies outside the sentences is blank: the word is in the last sentence
                # that starts at or before it
                i = bisect_right(starts, k) - 1
                found.add(i)
                k = t.find(w, sentences[i][1])          # the next one after this sentence
        return sorted(found)

    def sentence_of(self, orig_pos: int) -> int:
        for i, (a, b) in enumerate(self.sentences):
            if self.norm.orig(a) <= orig_pos < self.norm.span(a, b)[1]:
                return i
        return len(self.sentences) - 1


def _maker(cls):
    """``cls(*values)`` for a frozen dataclass, without its __init__, which sets each field through
    object.__setattr__ (2 µs for a Quantity, made for every figure of every text read)."""
    names = tuple(f.name for f in fields(cls))
    new = object.__new__

    def make(*values):
        obj = new(cls)
        obj.__dict__.update(zip(names, values))
        return obj
    return make


_date, _span = _maker(DateRef), _maker(Span)


def _quantity(value, unit, start, end, text, approx, kind, phrase, after, sentence, item, paren):
    """_maker(Quantity) spelt out: a dict display with constant keys is built in one step (made for
    every figure of every text read; its fields' order is checked against Quantity's below)."""
    obj = _new(Quantity)
    obj.__dict__.update({"value": value, "unit": unit, "start": start, "end": end, "text": text,
                         "approx": approx, "kind": kind, "phrase": phrase, "after": after,
                         "sentence": sentence, "item": item, "paren": paren})
    return obj


_new = object.__new__
assert _quantity.__code__.co_varnames[:_quantity.__code__.co_argcount] == tuple(f.name for f in fields(Quantity))


_BRACKET_FIGURE = re.compile(rf"(?<=[\u4e00-\u9fff])[（(](\d{{2,}})[)）](?=(?:{_UNIT_RE})(?![\u4e00-\u9fff]))")


# a document made or issued, named by its title (masked: NULs), between a figure and a 涵盖/包括
_MADE_DOCUMENT = re.compile(r"(?:编制|制定|印发|出台|修订|发布)了?\x00{3,}")


def _mask(text: str, spans) -> str:
    """``text`` with the (start, end) spans of one pattern's matches (in order, disjoint) blanked
    out by NULs: same length, same offsets."""
    out, last = [], 0
    for a, b in spans:
        out += (text[last:a], "\x00" * (b - a))
        last = b
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _cn_int(s: str | None) -> int | None:
    """A date's year, month or day: digits (\\d, as the patterns match them) or Chinese numerals."""
    if not s:
        return None
    if s[0].isdigit():
        return int(s)               # what value() reads, without the Decimal
    v = value(s)
    return int(v) if v is not None else None


_ENDS = "。！？!?\n"


def _sentences(t: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``t`` that is not blank: the text up to and with each end
    mark (and the text after the last one), from the end of the mark before it. The marks are
    found by str.find, which skips ahead in C (a regex tests every character); a piece ended by a
    line break is blank when it holds only blanks, one ended by another mark never is."""
    ends = []
    for mark in _ENDS:
        k = t.find(mark)
        while k >= 0:
            ends.append(k)
            k = t.find(mark, k + 1)
    ends.sort()
    out, s = [], 0
    for k in ends:
        if t[k] != "\n" or (s < k and not t[s:k].isspace()):
            out.append((s, k + 1))
        s = k + 1
    if s < len(t) and not t[s:].isspace():
        out.append((s, len(t)))
    return out


def _back_from(t: str, mark: str, widths: tuple[int, ...], first: str | None, out: set[int]) -> None:
    """Add to ``out`` the places ``widths`` characters before the blanks before each ``mark`` in
    ``t`` whose character is one of ``first`` (a digit, when None: isdecimal() is what \\d
    matches)."""
    for k in places(t, mark):
        j = k
        while j and t[j - 1].isspace():
            j -= 1
        for w in widths:
            if j >= w and (t[j - w] in first if first is not None else t[j - w].isdecimal()):
                out.add(j - w)


def _dates(t: str) -> list[re.Match]:
    """``list(DATE_RE.finditer(t))``, tried only where a match can begin. Every match has a year of
    four characters (the first 1, 2, 一, 二, 〇 or 零) right before blanks and 年, or a month of one
    or two digits right before blanks and 月 (then it begins with a digit); so its start is found
    back from a 年 or a 月, instead of trying the pattern at every digit and numeral of the text."""
    starts: set[int] = set()
    _back_from(t, "年", (4,), "12一二〇零", starts)
    _back_from(t, "月", (1, 2), None, starts)
    return matches_at(DATE_RE, t, starts)


_OPEN, _CLOSE = "〔[［(（", "〕]］)）"


def _docnos(t: str) -> list[re.Match]:
    """``list(DOCNO_RE.finditer(t))``, tried only where a match begins: found back from each 号
    (a match ends at one) over what the pattern puts before it — blanks, digits, blanks, 第,
    blanks, a closing bracket, blanks, a year 19xx/20xx, blanks and the opening bracket. Each part
    is told from its neighbours by its characters, so the walk back finds the one start a match
    ending at that 号 can have; a scan for the brackets would test every character."""
    starts = []
    for k in places(t, "号"):
        j = k
        while j and t[j - 1].isspace():
            j -= 1
        d = j
        while j and t[j - 1].isdecimal():
            j -= 1
        if j == d:
            continue
        while j and t[j - 1].isspace():
            j -= 1
        if j and t[j - 1] == "第":
            j -= 1
            while j and t[j - 1].isspace():
                j -= 1
        if not j or t[j - 1] not in _CLOSE:
            continue
        j -= 1
        while j and t[j - 1].isspace():
            j -= 1
        if j < 5 or t[j - 4:j - 2] not in ("19", "20") or not t[j - 2:j].isdecimal():
            continue
        j -= 4
        while j and t[j - 1].isspace():
            j -= 1
        if j and t[j - 1] in _OPEN:
            starts.append(j - 1)
    return matches_at(DOCNO_RE, t, starts)


def read(text: str, norm: Norm | None = None) -> Reading:
    """The claims of ``text``; ``norm`` is its normalisation when the caller has made it already."""
    if norm is None:
        norm = normalise(text)
    t = norm.text
    sentences = _sentences(t)
    r = Reading(text, norm, sentences)

    # a 文号 holds 号 and a title 《: without them there is nothing to look for
    docnos = r._docno_spans = [m.span() for m in _docnos(t)] if "号" in t else []
    titles = r._title_spans = [m.span() for m in TITLE_RE.finditer(t)] if "《" in t else []
    masked = _mask(t, docnos)
    if docnos:
        # a 文号 blanked out may join what a line break kept apart: titles as found after it
        titles = [m.span() for m in TITLE_RE.finditer(masked)]
    masked = _mask(masked, titles)
    dates = r._date_matches = _dates(masked)
    if dates:
        masked = _mask(masked, [m.span() for m in dates])
    if "公民、法人" in masked:
        # the 、 of the applicants' fixed phrase is no list item's end: 受理公民、法人或其他组织提出的…申请62件
        # keeps 受理 in its phrase (连云区政府办 2025, 第四百五十八批: the 62 tied to nothing)
        masked = masked.replace("公民、法人", "公民\x00法人")

    if "(" in masked or "（" in masked:
        # 发布政务信息(1386)条,其中:概况类信息(22)条 (海口国家高新区 2022, 第五十八批): a figure of two or
        # more digits in brackets right before its unit is that count (the brackets blanked, same offsets)
        masked = _BRACKET_FIGURE.sub(lambda m: " " + m.group(1) + " ", masked)
    found = _quantity_matches(masked)
    if "百分之" in masked:
        # (the percentages kept need no test: finditer's matches do not overlap)
        spans = [(x.start(), x.end(6)) for x in found]
        for m in PERCENT_WORDS_RE.finditer(masked):   # 百分之九十五, 百分之百: a percentage with no unit after it
            if not any(a <= m.start() < b for a, b in spans):
                found.append(m)
        found.sort(key=lambda m: m.start())
    spans = _quantities(r, masked, found)
    _enumerations(r, masked, spans)
    _unmarked_lists(r, masked, spans)
    _next_sentence_lists(r, masked, spans)
    if "占" in masked and "率" in masked:
        _share_lists(r, masked, spans)
    return r


_RATE_BEFORE = re.compile(r"率(?:为|达到?|达)?$")


def _share_lists(r: Reading, masked: str, spans: list[tuple[int, int]]) -> None:
    """A rate and its shares: 办复率94.7%，其中予以公开或部分公开96件、占56.47%；不予公开2件、占1.18%；…
    — the shares (占…%) after 其中 are the rate's parts. Added as a list in %, its totals the rate,
    with the words of the counts beside the shares (``named``): whether they name every outcome,
    so that the list is complete, the rule tells from the form."""
    qs = r.quantities
    for i, (t, (ta, tb)) in enumerate(zip(qs, spans)):
        if t.kind != "percent" or not _RATE_BEFORE.search(t.phrase or "") or \
                not masked[tb:tb + 4].lstrip("，,").startswith("其中"):
            continue
        parts: list[Quantity] = []
        names = ""
        last = tb
        for q, (a, b) in zip(qs[i + 1:], spans[i + 1:]):
            if q.sentence != t.sentence or "。" in masked[last:a]:
                break
            if q.kind == "count":
                names += q.phrase or ""
            elif q.kind == "percent" and (q.phrase or "").endswith("占"):
                parts.append(q)
            else:
                break
            last = b
        if len(parts) >= 3:
            r.enumerations.append(Enumeration("其中", t.sentence, [t], parts, False, False,
                                              r.norm.quote(ta, last), named=names))


def _quantity_matches(t: str) -> list[re.Match]:
    """The matches of QUANTITY_RE in ``t`` (as finditer gives them), each as a match of
    _QUANTITY_SEEK: its start is the quantity's, its groups 1–5 are QUANTITY_RE's ('' for an
    absent one) and group 6 (``end``) is empty at the quantity's end."""
    out: list[re.Match] = []
    seek, pos = _QUANTITY_SEEK.search, 0
    while (m := seek(t, pos)) is not None:
        out.append(m)
        pos = m.end(6)
    return out


_ITEM_SEP_RE = re.compile("[" + re.escape(ITEM_SEP) + "]")
_ITEM_END_RE = re.compile("[" + re.escape(ITEM_SEP) + "。]")
_COUNT_SEPS = frozenset("，、；,;")        # the separators that start a new list item
_PARENS = frozenset("（()）")


def _quantities(r: Reading, t: str, found: list[re.Match]) -> list[tuple[int, int]]:
    """The Quantities of the matches ``found`` in the masked text ``t``: value, unit, approximation
    and kind, and — in one walk per sentence, so long sentences (flattened tables) stay linear —
    the phrase before each in its list item, the words after it, its item and parenthesis.
    Returns each quantity's span in the normalised text."""
    norm, sentences, out = r.norm, r.sentences, r.quantities
    same = norm._back is None             # offsets are the normalised text's (nearly always)
    spans = []
    last = len(sentences) - 1
    sent_idx, cur_sentence, pos, item, depth = 0, -1, 0, 0, 0
    pairs: list[tuple[int, int]] | None = None      # (set per sentence: _unclosed_pairs)
    s1 = len(t)
    for m in found:
        if m.re is PERCENT_WORDS_RE:
            num = m.group(2)
            v = Decimal(100) if num == "百" else value(num)
            if v is None:
                continue
            s, e = m.span()
            unit, approx, kind = "%", m.group(1) or "", "percent"
        else:
            pre, num, post, unit, post2, _ = m.groups()
            num_at, e = m.start(2), m.end(6)
            s = m.start()
            before = t[num_at - 1] if num_at else ""
            kind = "count"
            if not num[0].isdigit():
                if before and before in CN_CHARS:
                    continue            # the tail of a longer word: 十一五, 三公
                if before in ("“", "「", '"', "‘"):
                    continue            # “三个一”: a slogan
                if num == "一" and unit in _ARTICLE_UNITS and not post:
                    continue
                if _STRUCTURE_AFTER.match(t[e:e + 2]) and unit in ("个", "项", "类", "部"):
                    continue            # 六个部分, 三个方面
            if before == "第" or (before == "、" and _ORDINAL_SERIES.search(t, max(0, num_at - 8), num_at - 1)):
                kind = "ordinal"    # (第二十、二十一条: the second article of a series, not 21 items —
                #                     安宁市政府办 2022, 第二百四十四批)
            v = value(num)
            if v is None:
                continue
            if unit == "%" and kind != "ordinal":
                kind = "percent"
            approx = pre or post or post2 or ""
            unit = _UNIT_AS.get(unit, unit)
        while sent_idx < last and s >= sentences[sent_idx][1]:
            sent_idx += 1
        if same:
            start, end = a_norm, b_norm = s, e
        else:
            start, end = norm.span(s, e)
            a_norm, b_norm = _norm_pos(r, start), _norm_pos(r, end)
        if sent_idx != cur_sentence:
            cur_sentence, item, depth = sent_idx, 0, 0
            pos, s1 = sentences[sent_idx] if sentences else (0, len(t))
            pairs = _unclosed_pairs(t, pos, s1)
        seg = t[pos:a_norm]
        if seg:
            # one scan for the separators: they are counted, parentheses weighed, and the phrase
            # starts after the last (found again by rfind: no later separator of its kind exists)
            seps = _ITEM_SEP_RE.findall(seg)
            if seps:
                for c in seps:
                    if c in _COUNT_SEPS:
                        item += 1
                    elif c in _PARENS:
                        depth += 1 if c in "（(" else -1
                phrase = seg[seg.rfind(seps[-1]) + 1:]
            else:
                phrase = seg
            phrase = phrase.replace("\x00", "")
            lead = _CONNECT.match(phrase)          # the pattern is anchored: one match at most
            phrase = (phrase[lead.end():] if lead else phrase).strip()
        else:
            phrase = ""
        m_end = _ITEM_END_RE.search(t, b_norm, s1)
        after = t[b_norm:m_end.start() if m_end else s1].replace("\x00", "").strip()
        inside = depth > 0 if pairs is None else any(o < a_norm < c for o, c in pairs)
        out.append(_quantity(v, unit, start, end, r.original[start:end], approx, kind, phrase, after,
                             sent_idx, item, inside))
        spans.append((a_norm, b_norm))
        # a quantity itself holds no parenthesis (none of its patterns' characters is one)
        pos = b_norm
    return spans


def _norm_pos(r: Reading, orig_pos: int) -> int:
    n = r.norm
    if n._back is None:
        return orig_pos
    # first normalised index whose original offset is ≥ orig_pos
    back = n._back
    lo, hi = 0, len(back)
    while lo < hi:
        mid = (lo + hi) // 2
        if back[mid] < orig_pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


# The brackets and colons as alternatives of their own, not a class: with every alternative
# beginning with a plain character the engine skips ahead to their first characters (a class among
# them makes it try the whole pattern at every position).
# (在已公开信息当中…其他信息累计1425条: 民治街道 2025, 第二百六十九批 — 当中 after the items it divides)
# (every alternative begins with a plain character: the engine skips ahead to it — so 当中's
# 信息 is looked back at from its end)
# (期中 for 其中 right after a count and its comma — 我局主动公开信息0条,期中市政务公开网0条,…: 南岗区
# 企业和投资服务局 2023, 第二百八十九批 — a slip of the same sound)
# (按政务新媒体类型分,微信公众号1个、视频号1个: a division announced by what it goes by — 浒墅关镇 2023,
# 第三百三十四批)
_BY_KIND = r"按[\u4e00-\u9fff]{0,10}?(?:类型|类别|渠道|来源|性质|方式)(?:划)?分(?=[，,：:])"
_MARKER_RE = re.compile("|".join(MARKERS + ("（", r"\(", "：", ":", r"当中(?<=信息当中)",
                                           r"期中(?<=[条件项个篇份][，,]期中)", _BY_KIND)))
# 主动公开政府信息的主要类别包括:… opening a sentence: the kinds of the last sentence's figure (建瓯市 2023,
# 第二百六十八批), as a sentence-opening 包括
_KINDS_OPENING = re.compile(r"^[\u4e00-\u9fff]{0,14}?的?(?:主要)?(?:类别|类型)(?:主要)?$")
_KINDS_STEM = re.compile(r"的?(?:主要)?(?:类别|类型)(?:主要)?$")
# …惠民惠农108条，其他栏目信息均按照时间节点及时发布 (芦庙镇 2025): the rest named without a figure
_OPEN_END = re.compile(r"^\s*(?:等等|等)|^\s*[，,、；;]\s*(?:其他|其它|其余|另有)[^。；;\d]*[。；;]?$")
# 共发布102条 after a group's parts: their subtotal (小计), not one more part
_SUBTOTAL = re.compile(r"[，,]\s*(?:共|共计|合计|总计|小计)[\u4e00-\u9fff]{0,4}$")
# (…信函申请35件,引发行政复议1件: what came of some of them, not one more part — 大竹县 2023, 第七十五批)
# (…其它信息132条,另全年共开展公众意见征集1期: 南山管理局 2024, 第一百三十七批)
# (…通过信息公开平台申请34件,除2件结转下年度继续办理外: 除…外 sets figures apart — 信丰县 2023, 第一百六十六批)
_NEXT_STATEMENT = re.compile(r"(?:另有|此外|同时|另外|还有|引发|导致|被申请|被提起|另(?!类)|除$)")
# a list item that names the year again opens a statement of its own, not one more part
_PERIOD_RESTART = re.compile(r"全年|本年度|今年")
_OVER_THE_YEARS = re.compile(r"历年|以来")
# (截止到2021年年底累计…552条 after the parts, 其他 among them: 杏滨街道 2021, 第一百一十五批)
_YEARS_TOTAL = re.compile(r"[，,、\s]*(?:历年累计|历年来累计|累计至今|历年共|(?:截至|截止)(?:到|至)?[^，,。；;]{0,8}?累计)")
# 日均发布量23条 after the parts (高陵区 2025): a rate, not one more part
_AVERAGE = re.compile(r"日均|月均|年均|周均|平均|每日|每天|每月|人均")
_NEXT_COUNT = re.compile(r"办结|结转|答复|受理|收到")
# (…455件,其中4件来自上一年度结转,本年度完成451件依申请件答复,8件结转至2025年度办理: what was done with
# the applications, not one more part of them — 滨江区 2024, 第四百九十四批)
_DONE_VERB = re.compile(r"完成$")
_ALL_OF_THEM = re.compile(r"\s*(?:均|全部|全都|都)")
_OWN_LIST_AFTER = re.compile(r"[，,]?\s*其中")
_OPENING_VERB = re.compile(r"(?:发布|公开|编发|报送|上报|刊发|推送)")


def _same_verb_again(total: str, phrase: str, first: str) -> bool:
    """The total's phrase and the next item's open on one verb of publishing that the list's first
    part does not: the item is the total's peer."""
    m = _OPENING_VERB.match(total)
    return m is not None and phrase.startswith(m.group()) and not first.startswith(m.group())


_PAPER = frozenset("函书单文")
# 结转下年度继续办理9件 after 收到并办理…47件，其中予以公开8件、…无法提供32件: the applications
# received end answered or carried into next year, so the carry-over is one more part of their
# list (whether the other parts are outcomes, N001 tells from the form's words), not the next
# statement. After 办结/答复 totals it stays the next statement.
_ORDINAL_SERIES = re.compile(r"第[0-9零〇一二三四五六七八九十百]{1,5}(?:[、，,和及][0-9零〇一二三四五六七八九十百]{1,5})*$")
CARRIED_PART = re.compile(r"(?:结转|转接|转入|转至|顺延)(?:到|至)?下一?年度?")
_RECEIVED_TOTAL = re.compile(r"收到|受理|新收")
_DONE_TOTAL = re.compile(r"办结|答复|办理完")
_ITEM_LIKE = frozenset({"条", "件", "份", "篇", "个"})
_OWN_TOTAL = re.compile(r"共|合计|总计|累计")
_CLAUSE_STOP = re.compile(r"[，,；;。：:]")


def _clause_before(text: str, at: int) -> str:
    """The words of ``at``'s clause before it."""
    head = text[max(0, at - 24):at]
    stops = list(_CLAUSE_STOP.finditer(head))
    return head[stops[-1].end():] if stops else head
_OPEN_AFTER_OTHER_UNIT = re.compile(r"^\s*[、，,]\s*[^。；;、，,\d]{1,30}?\d+(?:\.\d+)?\s*[件个项份篇次]\s*(?:等等|等)")
_CUT_FIGURE = re.compile(r"^\s*[、，,；;]\s*[^。；;、，,\d]{1,20}?\d+\s*$")
_ANSWERED_KIND = re.compile(r"(?:咨询|投诉|留言|来信|信件|诉求)$")
_LEFT_OVER = re.compile(r"^(?:剩余|余下|其余|尚余)")
# A part naming what is left (其他…, 其余…): a list that closes on it names every kind.
# (…解读信息发布37统计信息92条以及其他栏目信息769条: 以及 before the closing 其他 — 杜集区政府办 2021, 第二百零五批)
# Not an item that names a row of the tables opening with 其他 (其他对外管理服务事项, 表二 of the 2019 form),
# its characters in any order as a report may print them (其他管理对外服务事项 — 安徽省应急管理厅 2020,
# 第三百九十四批): a row, not the list's closing 其他. The claims layer sits beside the format data, not
# above it, so the row's words are written here; tests/test_claims.py checks them against the data.
ROW_OTHERS = ("对外管理服务事项",)
CATCH_ALL = re.compile(r"^(?:以及|及|和)?(?:其他|其它|其余|剩余|余下|另有|其他类|其他方面)(?!"
                       + "|".join(f"[{re.escape(t)}]{{{len(t)}}}" for t in ROW_OTHERS) + ")")
# The three 公开属性 divide every document a body makes: a list whose parts name all three
# (主动公开138份、依申请公开及不予公开431份) is as complete as one that ends in 其他.
_ATTRIBUTES = ("主动公开", "依申请公开", "不予公开")


# The “三公” expenses are exactly three: a list naming all three is complete too
# (“三公”经费支出238.5万元，其中因公出国（境）费…、公务用车购置及运行费…、公务接待费…).
_THREE_PUBLIC = ("出国", "公务用车", "公务接待")


def _names_every_attribute(parts) -> bool:
    said = "".join(p.phrase or "" for p in parts)
    return all(a in said for a in _ATTRIBUTES)


def _names_three_public(listed: str, n: int) -> bool:
    """The three parts of a list are the three “三公” expenses (the words of the list, where
    因公出国（境）费's bracket cuts the part's own phrase short)."""
    return n == 3 and all(a in listed for a in _THREE_PUBLIC)


def _shared_ending(phrases: list[str]) -> str:
    """The longest ending every phrase shares (类信息, 文件), or ''."""
    if not phrases or not all(phrases):
        return ""
    n = 0
    while n < min(len(x) for x in phrases) and len({x[-1 - n] for x in phrases}) == 1:
        n += 1
    return phrases[0][len(phrases[0]) - n:]


def _closed_past_semicolon(parts, cut: int, after, last_end: int) -> bool:
    """A 、/，list that goes on past a ；with parts of the same kind and ends the sentence's figures
    with 其他… (机关职能类信息12条，…促进就业类信息12条；…应急预案类信息47条；其他应主动公开的政府信息45条)
    is one list, complete: the ；only groups its items. Not when the part before the ；already
    closed a list with 其他 (what follows is something else), nor when the parts name different
    kinds of thing (门户网站发布…；微信公众号推送…，其他平台…)."""
    if cut < 2 or not CATCH_ALL.match(parts[-1].phrase or ""):
        return False
    # (…规范性文件6条、其他文件8条;政务动态类信息2128条、…、其他信息5989条: the documents closed on their own
    # 其他文件, then the other kinds of item on 其他信息 — one list in two levels, 梅县区 2024, 第二百四十八批)
    documents_first = (parts[cut - 1].phrase or "").endswith("文件") and \
        not (parts[-1].phrase or "").endswith("文件")
    if CATCH_ALL.match(parts[cut - 1].phrase or "") and not documents_first:
        return False
    if any(q.unit == parts[-1].unit and a > last_end for q, a, _ in after):
        return False                # more figures of its unit follow the 其他 part
    return documents_first or len(_shared_ending([p.phrase or "" for p in parts])) >= 2


_ITEM_GAP = re.compile(r"^[，,、][^，,、。；;：:（）()\d]*$")
_TOTAL_GAP = re.compile(r"^([^，,、。；;：:（）()\d]*)[，,、][^，,、。；;：:（）()\d]*$")


# A colon that opens a list (主要类别有：, 包括：, 分别为：) and only an item's words after it.
_AFTER_LIST_COLON = re.compile(r"(?:有|为|包括|如下|类别|分别是)\s*[：:][^，,、；;。：:\d]*$")


# A clause announcing a division (从申请内容来看, 按信息类别分:) and only an item's words after it.
_VIEWED_BY = re.compile(r"(?:从|按照?)[^，,。；;：:\d]{1,10}?(?:来看|上看|看|划分|分)[，,：:]\s*[^，,、。；;：:\d]*$")


def _unmarked_lists(r: Reading, masked: str, spans: list[tuple[int, int]]) -> None:
    """A total followed, with no 其中/包括, by a 、/，list of parts of its kind that closes with
    其他… (主动公开政府信息364条，人事信息17条，…重大建设项目类信息308条，其他应主动公开的政府信息19条):
    the list is the total's complete breakdown. Only where every item's words end as the total's
    do (…信息, before or after its figure: 公开278条政务信息，…), there are three parts at least,
    nothing but an item's words lies between the figures, the total is not itself an item of a
    list before it, and no figure of the unit follows the 其他 part in the sentence."""
    by_sentence: dict[int, list[tuple[Quantity, int, int]]] = {}
    for q, (a, b) in zip(r.quantities, spans):
        by_sentence.setdefault(q.sentence, []).append((q, a, b))
    listed = {id(p) for e in r.enumerations for p in e.parts}
    for si, qab in by_sentence.items():
        if len(qab) < 4:
            continue
        for i, (t, ta, tb) in enumerate(qab):
            if t.kind != "count" or id(t) in listed:
                continue
            if i and qab[i - 1][0].unit == t.unit and _ITEM_GAP.match(masked[qab[i - 1][2]:ta]):
                continue            # an item of a list itself, not a total
            if _AFTER_LIST_COLON.search(masked, max(r.sentences[si][0], ta - 40), ta):
                continue            # 主要类别有:机构设置…信息0条,…: the first item of a colon's list
            if _VIEWED_BY.search(masked, max(r.sentences[si][0], ta - 40), ta):
                continue            # 从申请内容来看,环境影响评价相关信息7件,大气环境相关信息4件,…其他信息7件: a
                #                     division announced, its first item, not their total (南阳市生态环境局
                #                     2022, 第四百七十九批)
            parts: list[Quantity] = []
            last_b = tb
            words = None            # the total's words after its figure (278条政务信息)
            for q, a, b in qab[i + 1:]:
                gap = masked[last_b:a]
                m = _TOTAL_GAP.match(gap) if not parts else _ITEM_GAP.match(gap)
                if q.unit != t.unit or q.kind != "count" or id(q) in listed or not m or \
                        any(mk in gap for mk in MARKERS):
                    break
                if not parts:
                    words = m.group(1)
                parts.append(q)
                last_b = b
                if CATCH_ALL.match(q.phrase or ""):
                    break
            if len(parts) < 3 or not CATCH_ALL.match(parts[-1].phrase or ""):
                continue
            ending = _shared_ending([p.phrase or "" for p in parts])
            # (共373条,通过政府门户网站发布信息93条、通过…微信公众号发布信息323条、其他方式公开13条 —
            # 临夏州水务局 2024, 第三百六十七批: every item a channel the total was published on, the
            # last 其他方式; N001 then treats the parts as channels)
            channels = all(_BY_CHANNEL.match(p.phrase or "") and CHANNEL_PART.search(p.phrase or "") for p in parts[:-1]) \
                and _OTHER_WAY.match(parts[-1].phrase or "")
            if not channels and (len(ending) < 2 or not (words or t.phrase or "").endswith(ending)):
                continue
            if any(q.unit == t.unit and a >= last_b for q, a, _ in qab):
                continue            # more figures of the unit after the 其他 part: something else
            if any(p.value > t.value for p in parts):
                continue            # 常务会议4次,专题会议28次,部门会议286次,其他会议41次: with no 其中 to say so,
                #                     a first figure under a later one is a sibling, not their total
                #                     (鄂温克旗 2019, 第一百四十五批)
            open_ = bool(_OPEN_END.match(masked[last_b:r.sentences[si][1]]))
            r.enumerations.append(Enumeration("，", si, [t], parts, open_, True, r.norm.quote(ta, last_b)))
            listed.update(id(p) for p in parts)
            break


_BY_CHANNEL = re.compile(r"\s*(?:通过|在|依托|利用)")
_OTHER_WAY = re.compile(r"\s*(?:通过)?(?:其他|其它)(?:方式|渠道|途径|平台)")


# The words that open a sentence made of a list alone: an item's name, no figure, no separator.
_LIST_OPENING = re.compile(r"^[^，,、。；;：:（）()\d]{2,16}$")


def _next_sentence_lists(r: Reading, masked: str, spans: list[tuple[int, int]]) -> None:
    """A sentence that ends on a total, and the next sentence nothing but a 、/，list of parts in
    its unit (我局主动公开政府信息692条。决策公开48条、执行和结果公开49条、…监督保障16条。 —
    宁国市财政局 2020, 第一百六十八批): the list reads as the total's breakdown, but no 其中 and no
    其他 say so, so the rules may only ask (marker 。)."""
    by_sentence: dict[int, list[tuple[Quantity, int, int]]] = {}
    for q, (a, b) in zip(r.quantities, spans):
        by_sentence.setdefault(q.sentence, []).append((q, a, b))
    listed = {id(p) for e in r.enumerations for p in e.parts} | {id(t) for e in r.enumerations for t in e.totals}
    for si, qab in by_sentence.items():
        nxt = by_sentence.get(si + 1)
        if not nxt or len(nxt) < 4 or si + 1 >= len(r.sentences):
            continue
        t, ta, tb = qab[-1]
        if t.kind != "count" or id(t) in listed or masked[tb:r.sentences[si][1]].strip() not in ("", "。"):
            continue
        start, end = r.sentences[si + 1]
        if not _LIST_OPENING.match(masked[start:nxt[0][1]].strip()):
            continue
        parts, last_b = [], None
        for q, a, b in nxt:
            if q.unit != t.unit or q.kind != "count" or id(q) in listed or q.value > t.value or \
                    (last_b is not None and not _ITEM_GAP.match(masked[last_b:a])):
                parts = []
                break
            parts.append(q)
            last_b = b
        if len(parts) < 4 or masked[last_b:end].strip() not in ("", "。", "等", "等。"):
            continue
        open_ = masked[last_b:end].strip().startswith("等")
        r.enumerations.append(Enumeration("。", si + 1, [t], parts, open_, bool(CATCH_ALL.match(parts[-1].phrase or "")),
                                          r.norm.quote(ta, last_b)))
        listed.update(id(p) for p in parts)


# Where items are published: a part naming one after parts that name none is another statement.
CHANNEL_PART = re.compile(r"网站|网页|微信|微博|公众号|客户端|新媒体|抖音|快手|头条|APP|App|报刊|报纸|电视|广播|"
                          r"公开栏|公示栏|宣传栏|发布会|新闻媒体|短信|视频号|政务服务中心|热线|政府网|信息平台|公开平台")
# 财政信息3通过微信公众号…发布: a figure without its unit, then a statement of what a channel published
# Words of a figure that counts readers or visits of what was published, not items.
_AUDIENCE = re.compile(r"阅读量|浏览量|访问量|点击量|阅读数|浏览次数|访问次数|点击率|粉丝|关注(?:人数|量)|订阅(?:人数|量)")
# A part's words that open on the channel it went through (通过…公众号发布信息834条): a statement of its own.
_VIA_CHANNEL = re.compile(r"^(?:另|还|并|同时)?通过[^，,。；;]{0,16}?(?:" + CHANNEL_PART.pattern + ")")
_BARE_THEN_CHANNEL = re.compile(r"(?<![\d.])(\d+)\s*通过[^，,。；;]{0,12}?(?:" + CHANNEL_PART.pattern + ")")
# Units an item of a list counted in 条 may be counted in instead (行政规范性文件4件).
_ITEM_UNITS = frozenset({"件", "份", "个"})
# Units documents are counted in; among items counted in 条 they count one for one.
DOCUMENT_UNITS = frozenset({"件", "份"})
_TAIL_UNITS = _ITEM_UNITS | {"次", "场", "期"}


def _completing_tail(masked: str, rest, last_end: int, parts, unit: str, before) -> list:
    """Parts in another unit that end a 条 list and make it add up to a total before it exactly
    (340条，其中动态类信息289条，…专栏信息31条，行政规范性文件4件，政策解读2件): [(quantity, end)].
    Only the figures right after it, one list item each, up to the sentence's next ；or 。."""
    # (…文字解读4条、新闻发布会5次、在线访谈1次 = 64: events among items, 鄂伦春自治旗 2024, 第六十五批 —
    # taken only where the whole adds up to the total exactly)
    if unit != "条" or not rest or rest[0][0].unit not in _TAIL_UNITS:
        return []
    totals = _known_totals(before, unit)
    tail_unit = rest[0][0].unit
    acc = sum((p.value for p in parts), Decimal(0))
    out = []
    for q, a, b in rest:
        gap = masked[last_end:a]
        # (a 件 part in the middle, the 条 parts going on after it: 政府信息公开年报1条,政府文件12件,
        # 政府工作报告信息1条,… = 112, 楚雄市八角镇 2023, 第五十五批)
        if q.unit not in (tail_unit, unit) or q.kind != "count" or q.paren or any(ch in gap for ch in "。；;）)") or \
                not _PART_WORDS.match(gap.lstrip("，,、")) or gap[:1] not in "，,、":
            break
        acc += q.value
        out.append((q, b))
        last_end = b
    if out and acc in totals and not _next_same(masked, rest[len(out):], last_end, tail_unit) and \
            not _next_same(masked, rest[len(out):], last_end, unit):
        return out
    return []


def _known_totals(before, unit: str) -> set:
    """The values of the counts in ``unit`` before a list: the totals it may divide."""
    return {x.value for x in before if x.unit == unit and x.kind == "count"}


def _clause_completes(masked: str, parts, rest, last_end: int, unit: str, before) -> bool:
    """The figures of ``unit`` that follow, up to the next ；or 。, make the parts add up to a
    total before the list (…其他文件2179条、微博13970条、微信2539条；… = 25214, 青山湖区 2022,
    第五十四批): kinds and channels of one list, not the kinds done and a channel after them."""
    whole = sum((p.value for p in parts), Decimal(0))
    end = last_end
    for q, a, b in rest:
        if any(ch in masked[end:a] for ch in "。；;"):
            break
        if q.unit == unit and q.kind == "count" and not q.paren:
            whole += q.value
        end = b
    return whole in _known_totals(before, unit)


def _next_same(masked: str, rest, last_end: int, unit: str) -> bool:
    """Another figure of ``unit`` follows in the same clause run (the tail would be cut short)."""
    return bool(rest) and rest[0][0].unit == unit and not any(ch in masked[last_end:rest[0][1]] for ch in "。；;")


_PART_WORDS = re.compile(r"^[^，,、。；;：:（）()\d]{0,16}$")


def _counted_by_next(masked: str, end: int, nxt, unit: str) -> bool:
    """A figure of another unit is part of a list part's words when the next figure, of the list's
    unit, follows it with nothing but words between (34个重点领域公开信息806条)."""
    if not nxt:
        return False
    q, a, _ = nxt[0]
    return q.kind == "count" and (q.unit == unit or q.unit == SIBLING_UNIT.get(unit)) and \
        bool(_PART_WORDS.match(masked[end:a]))


def _unclosed_pairs(t: str, a: int, b: int) -> list[tuple[int, int]] | None:
    """The bracket pairs of the sentence t[a:b] when one of its brackets never closes (其他业务信息(如…等15条。:
    君山区商务局 2025, 第一百三十一批 — the 15 was taken as inside brackets, the list's last part lost);
    None for a sentence whose brackets all pair (the usual count of depth holds there)."""
    # (a bracket closed right after the sentence's 。 — …其他信息43条。): 思茅区 2019 — closes it)
    seg = t[a:b + 2]
    if seg.count("（") + seg.count("(") <= seg.count("）") + seg.count(")"):
        return None
    stack, pairs = [], []
    for i, c in enumerate(seg):
        if c in "（(":
            stack.append(a + i)
        elif c in "）)" and stack:
            pairs.append((stack.pop(), a + i))
    return pairs


def _depth(masked: str, start: int, end: int) -> int:
    """Brackets opened minus closed between ``start`` and ``end``."""
    seg = masked[start:end]
    return seg.count("（") + seg.count("(") - seg.count("）") - seg.count(")")


# A rate of change said of the part before it (较上年增长20%): not the list's next part.
# a count followed by the things it counts (207条处理决定)
_NOUN_AFTER = re.compile(r"[\u4e00-\u9fff]")
# 已办理的 / 已答复的 before a figure: the ones of that kind the list has just counted, named again
_DONE_ONES = re.compile(r"^(?:上述)?已[\u4e00-\u9fff]{1,4}的$")
_GROWTH = re.compile(r"(?:增长|下降|增加|减少|提高|提升|上升|降低)(?:了)?$")
_COMPARED = re.compile(r"相比|相较|较|同比|环比|比上年|比去年")


# A list marker between two parts of a list: the part before it has its own breakdown (…专栏632条，
# 主要类别有：机构职能类信息54条，…).
# a count in 件/份 that names documents, one kind of information (政策文件24份), not cases handled (办件量26808件)
_DOCUMENT_KIND = re.compile(r"(?:文件|政策|规章|制度|方案|规划|报告|解读)$")
# what a count in 个 names when it is no kind of information (新开设专栏6个, 调整栏目3个: 遂宁市 2019)
_NOT_A_KIND = re.compile(r"栏|专题|平台|账号|网站|公众号|窗口|站点|点位|系统|群")
# (…主动公开政府信息1233条,含政府规范性文件类信息2条,其他文件类信息1231条: 江门市人社局 2024, 第二百七十六批)
_NESTED_MARKER = re.compile("其中|包括|包含|类别有|类别为|[，,]含(?![量有])")
# a bracket after a total that adds to it or leaves out of it, not one that divides it
# (…130条(历年累计7393件): the running total said aside, not the parts — 厦门市卫健委 2022, 第一百四十八批)
# (其中区政府网站8条,主要包括机构职能、工作动态等信息;区林业局微信公众号115条 — 耀州区林业局,
# 第三百六十七批: the 包括 names kinds without figures and closes on 等…；)
_NAMED_ONLY = re.compile(r"[^\d。；;]*?等[^\d，,、；;。]{0,8}[；;。]")
_ASIDE_OPEN = re.compile(r"\s*(?:另有|另外|另|此外|不含|未含|不包括|未包括|外加|历年累计|累计)")


def _nearest_phrase(before: list[Quantity], unit: str) -> str:
    """The words of the last count of ``unit`` before a list (the total it most likely divides)."""
    return next((q.phrase or "" for q in reversed(before) if q.unit == unit and q.kind == "count"), "")


# The verbs a total and its parts share (收到…申请 / 其中，网上收到…): an earlier total of the same
# verb may be what a sentence-opening 其中 divides.
_TOTAL_VERB = re.compile(r"公开|发布|收到|受理|办理|答复|办结|印发|制发|更新|转载|推送|回应|解读")


def _earlier_total_holds(r: Reading, by_sentence: dict, si: int, near: Quantity,
                         parts: list[Quantity]) -> Quantity | None:
    """A sentence-opening 其中 whose parts exceed the figure nearest before it, while a figure of
    the unit a few sentences earlier holds them and counts by a verb the parts use (通化县 2025,
    第四十九批: 共收到申请12件。…办结10件。…2件。其中，网上收到8件、信函收到4件): which total the list
    divides is read as the earlier one (the nearest cannot hold it); that figure, else None."""
    whole = sum((p.value for p in parts), Decimal(0))
    if whole <= near.value or any(q.value == whole for q, _, _ in by_sentence.get(near.sentence, ())):
        return None             # (新闻发布会40场、通气会10场。其中…30场、…10场: the 40 it adds up to)
    verbs = {v for p in parts for v in _TOTAL_VERB.findall(p.phrase or "")}
    if not verbs:
        return None
    for back in range(si - 1, max(-1, si - 4), -1):
        for q, _, _ in reversed(by_sentence.get(back, ())):
            if q is near or q.unit != near.unit or q.kind != "count" or q.value < whole:
                continue
            if verbs & set(_TOTAL_VERB.findall(q.phrase or "")):
                return q
    return None


# 占58%, 占比5.8%, 占总数的8.5%: a part's share, printed right after it
_SHARE_BEFORE = re.compile(r"占(?:比|总数的?|总量的?|全部的?)?为?\s*$")     # (约占总量的26%: 海城市政府办 2025)


def _closes_on_other(masked: str, rest: list, b: int, unit: str, semicolons: bool = False) -> bool:
    """The quantities after position ``b`` go on in ``unit`` within the sentence and clause (or,
    ``semicolons``, across the ；of a ；-joined list), up to one whose words open with 其他/其余…: a
    list that closes on its catch-all."""
    stops = "。" if semicolons else "。；;"
    for q, a, qb in rest:
        if any(c in masked[b:a] for c in stops) or q.unit != unit or q.kind != "count":
            return False
        if CATCH_ALL.match(q.phrase or ""):
            return True
        b = qb
    return False


_ITEM_SENTENCE_GAP = re.compile(r"(?:[，,]\s*占[^。；;，,]{0,8}?\d+(?:\.\d+)?%)?\s*。\s*[\u4e00-\u9fff]{2,14}")
_SHARE_GAP = re.compile(r"[，,]\s*占[^。；;，,]{0,8}?$")


def _items_by_sentence(masked: str, rest, last_end: int, unit: str) -> list:
    """(quantity, end) of the items that follow a list's part each in a sentence of its own
    (。人事信息20条,占10.99%。其他信息28条), up to and with the one that opens with 其他; [] unless
    such a 其他 closes them."""
    out: list = []
    for q, a, b in rest:
        if q.kind == "percent" and out and _SHARE_GAP.search(masked, last_end, a):
            continue            # the item's share
        if q.kind != "count" or q.unit != unit or not _ITEM_SENTENCE_GAP.fullmatch(masked, last_end, a):
            return []
        out.append((q, b))
        last_end = b
        if CATCH_ALL.match(q.phrase or ""):
            return out
    return []


def _enumerations(r: Reading, masked: str, spans: list[tuple[int, int]]) -> None:
    """Lists introduced by 其中/包括/含/分别为, by a parenthesis or a colon right after a total.
    ``spans``: each quantity's (start, end) in the normalised text."""
    by_sentence: dict[int, list[tuple[Quantity, int, int]]] = {}     # (quantity, start, end)
    start_of: dict[int, int] = {}                 # id(quantity) -> its start (no search per list)
    for q, (a, b) in zip(r.quantities, spans):
        by_sentence.setdefault(q.sentence, []).append((q, a, b))
        start_of[id(q)] = a
    for si, qab in by_sentence.items():          # a list needs its parts in its sentence
        s0, s1 = r.sentences[si]
        seg = masked[s0:s1]
        last_start = qab[-1][1]                  # quantities come in the order of the text
        for m in _MARKER_RE.finditer(seg):
            mpos = s0 + m.start()
            marker = m.group()
            if last_start < mpos + len(marker):
                break               # no quantity after this marker, nor after any later one
            if marker in ("包括", "包含") and seg[max(0, m.start() - 2):m.start()] == "其中":
                continue            # 其中包括…: one marker, the list is read from 其中
            # 主动公开政府信息类别:规范性文件类信息21条,… opening a sentence (漳平市政府办 2022, 第三百九十七批):
            # a colon after the words that name the kinds of the last sentence's figure, as such a 包括
            kinds_colon = marker in "：:" and si > 0 and not any(b <= mpos for _, _, b in qab) and \
                bool(_KINDS_OPENING.match(seg[:m.start()].strip(" \u3000，,")))
            if marker in "（(：:" and not kinds_colon:
                # a parenthesis or colon opens a list only right after a quantity: 1200条（其中…）
                prev = [b for _, _, b in qab if b <= mpos]
                if not prev or mpos - prev[-1] > 1:
                    continue
                if marker in "（(" and seg[m.end():m.end() + 4].startswith(MARKERS):
                    continue        # （其中…）: the 其中 inside is the marker
                if marker in "（(" and _ASIDE_OPEN.match(seg, m.end()):
                    continue        # 受理申请91件(另有2件结转下年度…): more beside the total, not its parts (龙游县 2022)
            before = [q for q, _, b in qab if b <= mpos]
            after = [(q, a, b) for q, a, b in qab if a >= mpos + len(marker)]
            if marker not in "（(：:" and _NAMED_ONLY.match(masked, mpos + len(marker), after[0][1]):
                continue            # a list of kinds named without figures, closed: the figures after are not its parts
            if marker in ("包括", "包含") and "在内" in masked[mpos + len(marker):after[0][1]]:
                continue            # 政府会议22条,包括…解读等在内的各类政策解读155条: 包括…在内 qualifies the next
                #                     item, it does not list the parts of the figure before (历下区政府办 2024,
                #                     第四百三十六批)
            if marker in ("涵盖", "包含", "包括") and before and \
                    _MADE_DOCUMENT.search(masked, [b for _, _, b in qab if b <= mpos][-1], mpos):
                continue            # 18个区级部门共同编制了《…标准目录》(…号),涵盖24个试点领域的一级事项256个,…: what the
                #                     document made covers, not parts of the bodies that made it (沙坪坝区 2020,
                #                     第四百五十七批 — a wrong N001 warning)
            if marker in ("涵盖", "包含", "包括") and "其中" in masked[mpos + len(marker):after[0][1]]:
                continue            # 590条,内容涵盖了群众密切相关的各项信息,其中财政资金公开187条、…: the 其中 after
                #                     the words 涵盖 names opens the list, read once from there (淝南镇 2022, 第三百九十九批)
            # (…600余条。包括政务信息动态39条,…: a 包括 that opens the sentence, as 其中 — 江北区教委
            # 2024, 第一百一十六批; one after the sentence's own words lists what they name)
            opens_sentence = (marker == "其中" or kinds_colon or marker == "包括" and (
                not seg[:m.start()].strip(" \u3000，,") or _KINDS_OPENING.match(seg[:m.start()].strip(" \u3000，,")))) \
                and not before and si > 0
            if opens_sentence:
                # 。其中，… refers back to the last sentence: to the figures of its last ；-item only
                # (…；5.办理…跑腿清单4615项。其中，零跑腿清单1573条: not item 4's 27条)
                back = si - 1
                # (…463条，内容涵盖…等多个领域。全方位展示了…成效。其中发布…: a sentence of no
                # figures between, in the same paragraph, is passed over)
                # (nor one of a running total over the years: 475条。历年累计…2979条。…。其中…)
                while back > 0 and si - back < 4 and (
                        not by_sentence.get(back) or
                        all(_OVER_THE_YEARS.search(q.phrase or "") for q, _, _ in by_sentence[back])) and \
                        "\n" not in masked[r.sentences[back - 1][1]:r.sentences[si][0]]:
                    back -= 1
                prev = by_sentence.get(back, ())
                p0 = r.sentences[back][0]
                semi = max(masked.rfind("；", p0, mpos), masked.rfind(";", p0, mpos))
                before = [q for q, a, _ in prev if a > semi]
                if semi >= 0 and before and all(CATCH_ALL.match(q.phrase or "") for q in before):
                    # 共919条。其中…185条;…68条;其他信息666条。其中微信公开776条,网站公开183条 (义乌市上溪镇
                    # 2019, 第一百三十八批): after a list closed on its 其他, the 其中 may divide that last
                    # item or the whole the list divides — which, cannot be told
                    before = [q for q, a, _ in prev if a <= semi and q.kind == "count"][:1] + before
                elif semi >= 0 and len(before) >= 2 and all(q.kind == "count" and q.unit == before[0].unit for q in before):
                    # 收到申请4件,2件为网络申请,2件为信件申请;申请人为自然人的2件,法人…的2件。其中3件已…回复,
                    # 1件结转… (滨江区公安分局 2022): the last ；-item splits an earlier figure of the
                    # sentence, which the 其中 may divide as well
                    whole = sum((q.value for q in before), Decimal(0))
                    before = [q for q, a, _ in prev if a <= semi and q.kind == "count" and q.unit == before[0].unit
                              and q.value == whole][:1] + before
            if opens_sentence and marker != "其中" and len(before) > 1:
                # the words before the marker name one of the figures (主动公开政府信息类别: after 主动公开政府信息37条,
                # 作为依申请公开信息数14条…): the kinds are that figure's
                named = _KINDS_STEM.sub("", seg[:m.start()].strip(" \u3000，,"))
                same = [q for q in before if named and (q.phrase or "").endswith(named)]
                if len(same) == 1:
                    before = same
            in_paren = marker in "（(" or after[0][0].paren
            # 部门文件类（含同步重点领域）33条: a 含/其中 inside brackets opens a list that ends where they
            # close; a figure after the closing bracket is not its part
            before_marker = masked[s0:mpos]
            shut = in_paren or before_marker.count("（") + before_marker.count("(") > \
                before_marker.count("）") + before_marker.count(")")
            unit = after[0][0].unit
            lead_unit = None            # 117条。其中,政策文件9件,…法定主动公开信息23条,…其他信息4条
            # (several parts in documents first: 3374条,其中,发布规范性文件5件、…其他文件35件,…提案69件,
            # 发布文旅要闻384条,…其他信息805条 — 四川省文旅厅 2022, 第一百四十批)
            lead_n = next((k for k, (x, _, _) in enumerate(after) if not (x.unit == unit and x.kind == "count")), len(after))
            # (…51条。 其中发…活动1篇、…6篇、宣传培训类信息37条、…: the first parts in 篇, which counts the
            # same items as 条 — 铁东区卫健局 2023, 第二百五十五批)
            if (unit in _ITEM_UNITS or SIBLING_UNIT.get(unit) == "条") and 0 < lead_n < len(after) and \
                    after[lead_n][0].unit == "条" and \
                    after[lead_n][0].kind == "count" and \
                    not any(x.unit == unit and x.kind == "count" for x in before) and \
                    any(x.unit == "条" and x.kind == "count" for x in before):
                lead_unit, unit = unit, "条"
            # 财政信息6件(部门预算4条,部门决算2件): brackets right after a figure in items hold its parts, in
            # any unit of items (萧山区发改局 2022, 第一百三十七批)
            paren_total = marker in "（(" and bool(before) and before[-1].kind == "count" and \
                before[-1].unit in _ITEM_LIKE and unit in _ITEM_LIKE and \
                not masked[start_of[id(before[-1])]:mpos].strip("0123456789件条份个篇 ")
            parts: list[Quantity] = []
            ends: list[int] = []
            semicolons = False
            cut: int | None = None      # where a 、/，list meets its first ；
            last_end = mpos + len(marker)
            nested = False              # inside a part's own list (800条，其中政策文件300条、…；)
            restarted = False           # the list ended where a clause names the year again
            list_from = mpos + len(marker)
            grouped = False
            for k, (q, a, b) in enumerate(after):
                gap = masked[last_end:a]
                if q.paren and not in_paren:
                    continue            # a nested （…） list belongs to the part before it
                if in_paren and parts and ("（" in gap or "(" in gap) and _depth(masked, list_from, a) > 0:
                    continue            # (其中:政务公开类1462条(其中,招商引资类89条、…),规范性文件2件…): a part's own list
                if parts and not in_paren and _NESTED_MARKER.search(gap):
                    nested = True       # the part just listed opens a list of its own
                if nested:
                    if "；" not in gap and ";" not in gap:
                        last_end = b    # its own parts, up to the next ；
                        continue
                    nested = False
                if parts and q.kind == "count" and q.unit == unit and _SUBTOTAL.search(gap) and \
                        q.value == sum((p.value for p in parts), Decimal(0)) and not any(c in gap for c in "。"):
                    # …其他3条,共发布102条;专题专栏包括…共发布86条 (蓬江区发改局 2024, 第一百四十二批): the
                    # parts so far close on their own subtotal — one group of the total, which other
                    # groups make up; the list is not the total's whole breakdown
                    grouped = True
                    break
                if q.kind == "ordinal":
                    continue            # 第七次全国人口普查…信息1条: a part's words, not the list's end
                if parts and q.kind == "count" and q.unit == unit and _AUDIENCE.search(q.phrase or "") and \
                        not any(_AUDIENCE.search(x.phrase or "") for x in before):
                    break               # 咨询720人次,其中电话咨询430人次,现场咨询290人次,专栏访问量1406人次: how
                    #                     often a column was visited, not a kind of consultation (密云区 2019)
                if parts and q.kind == "count" and _DONE_ONES.match(q.phrase or "") and \
                        any(p.value == q.value for p in parts):
                    break               # 其中3件已…回复,1件结转…,已办理的3件均属于…: the parts named again (滨江区公安分局 2022)
                if q.kind == "percent" and unit != "%" and parts and _GROWTH.search(q.phrase or ""):
                    continue            # 6500余条,较上年增长20%;…600余条: said of the part before it
                if q.kind == "count" and parts and _GROWTH.search(q.phrase or "") and _COMPARED.search(gap):
                    break               # …报刊公开信息86条,相比去年,共增加43条: the change, not a part (安丘市住建局 2022)
                if q.kind == "percent" and unit != "%" and parts and _SHARE_BEFORE.search(gap):
                    continue            # 政务动态类35条,占58%,履职依据类5条…: the part's share (汶上县白石镇 2020)
                if lead_unit is not None and q.unit == lead_unit and q.kind == "count" and \
                        all(p.unit == lead_unit for p in parts):
                    pass                # the list's first parts, in documents, among items
                elif (q.unit != unit and q.unit != SIBLING_UNIT.get(unit)
                      and not (paren_total and q.unit in _ITEM_LIKE)) or \
                        q.kind != "count" and q.kind != "percent":
                    if parts and _NEXT_STATEMENT.match(q.phrase or ""):
                        break           # …其它信息132条,另全年共开展公众意见征集1期: the next statement
                    if parts and _counted_by_next(masked, b, after[k + 1:k + 2], unit):
                        continue        # 34个重点领域公开信息806条, 微信公开269次<天>1189条: the part's words
                    if parts and _AUDIENCE.search(q.phrase or "") and q.kind == "count":
                        continue        # …公开信息数为2464条,年度阅读量为29.4万次,通过…: how often the part before
                        #                 was read, not a part (临夏市南龙镇 2023, 第一百九十四批)
                    if parts and unit == "条" and q.unit in DOCUMENT_UNITS and q.kind == "count" and \
                            "。" not in gap and (semicolons or not any(c in gap for c in "；;")) and \
                            _closes_on_other(masked, after[k + 1:], b, unit, semicolons):
                        # …工作动态信息5620余条,区本级和各部门文件160余份,…事项270条,…其他…860条:
                        # documents among items, counted one for one, the list going on in 条 to its
                        # 其他 (昭化区 2019; without a 其他 to close it, _completing_tail decides) — in a
                        # ；-joined list past its ；too (…解读信息170条,…;行政规范性文件3件,…;其他信息1932条:
                        # 确山县 2024, 第一百三十四批)
                        parts.append(q)
                        ends.append(b)
                        last_end = b
                        continue
                    if parts and unit == "条" and (q.unit in ("个", "项") or q.unit in DOCUMENT_UNITS
                                                   and _DOCUMENT_KIND.search(q.phrase or "")) and q.kind == "count" and \
                            not _NOT_A_KIND.search(q.phrase or "") and not CATCH_ALL.match(parts[-1].phrase or "") and \
                            "。" not in gap and not any(c in gap for c in "；;") and len(after) > k + 1 and \
                            after[k + 1][0].unit == unit and after[k + 1][0].kind == "count" and \
                            not any(c in masked[b:after[k + 1][1]] for c in "。；;"):
                        # …政策文件及解读10条、政府工作报告2个,国民经济发展规划3条,… (黄渡乡 2024, 第二百八十六批;
                        # …系统信息410条,政策文件24份,发布…招录信息4条,… — 梅州市人社局 2023, 第二百九十二批):
                        # one kind counted in 个 among kinds in 条, the list going on — a part, in a unit
                        # of its own (N001 is then certain only of a part alone over the total)
                        parts.append(q)
                        ends.append(b)
                        last_end = b
                        continue
                    tail = _completing_tail(masked, after[k:], last_end, parts, unit, before)
                    for tq, tb in tail:     # …政府信息公开专栏信息31条，行政规范性文件4件，政策解读2件
                        parts.append(tq)
                        ends.append(tb)
                    break
                if parts and ("。" in gap):
                    break
                if in_paren and parts and any(ch in gap for ch in "）)") and _depth(masked, list_from, a) < 0:
                    break
                if shut and not parts and any(ch in gap for ch in "）)"):
                    break               # 1条（本机关不掌握…），解读…10条: the brackets held no figure
                if parts and _NEXT_STATEMENT.match(q.phrase or ""):
                    break               # the next statement: 另有40件…
                if parts and _ALL_OF_THEM.match(masked, b) and any(q.value == x.value for x in before[-1:]):
                    break               # …2件为信函申请,4件均已答复: the whole again, said of all of them
                    #                     (福州市长乐生态环境局 2021, 第三百九十五批)
                if parts and not in_paren and _PERIOD_RESTART.match(gap.lstrip("，,、；; ")):
                    restarted = True
                    break               # …街办动态178条,全年微秦都编发图文视频信息303版,1916条: a clause of its own (秦都区 2020)
                if parts and _AVERAGE.search((q.phrase or "")[-6:]):
                    break               # a rate said of the whole (日均发布量23条; not 每日头条等媒体上发布信息80条)
                if parts and _YEARS_TOTAL.match(q.phrase or "") and \
                        not any(_OVER_THE_YEARS.search(x.phrase or "") for x in before):
                    break               # …不主动公开信息45条,历年累计发布政府信息1189条: the running total, not a part (永春县蓬壶镇 2019)
                if parts and not in_paren and CHANNEL_PART.search(q.phrase or "") and \
                        not any(CHANNEL_PART.search(p.phrase or "") for p in parts) and \
                        (CATCH_ALL.match(parts[-1].phrase or "") or
                         sum((p.value for p in parts), Decimal(0)) in _known_totals(before, unit)) and \
                        not _clause_completes(masked, parts, after[k:], last_end, unit, before):
                    break               # …其他各类信息8条，微信公众号发布信息333条: the kinds are done, a channel follows
                if parts and not in_paren and _VIA_CHANNEL.match(q.phrase or "") and \
                        not any(CHANNEL_PART.search(p.phrase or "") for p in parts) and \
                        CHANNEL_PART.search(_nearest_phrase(before, unit)):
                    break               # 通过…门户网站发布各类信息45条,其中…公告公示8条、…公告6条,通过古雄微在线
                    #                     公众号发布信息834条: the total is one channel's, another channel's own
                    #                     statement follows its kinds (古雄街道 2020, 第一百七十四批; where the total is
                    #                     all that was published, a channel's figure over it stays a part — 大坡乡 2024)
                via = _BARE_THEN_CHANNEL.search(q.phrase or "") if parts and not in_paren else None
                if via is not None and not any(CHANNEL_PART.search(p.phrase or "") for p in parts) and \
                        sum((p.value for p in parts), Decimal(via.group(1))) in _known_totals(before, unit):
                    break               # 20条,其中执法信息公开17条,财政信息3通过微信公众号…发布公开信息85条: the
                    #                     list closed at its total with a figure whose 条 the copy lost; a channel's
                    #                     statement follows, not one more kind (东留春乡 2020, 第一百五十批)
                if parts and not in_paren and len(parts) >= 2 and CATCH_ALL.match(parts[-1].phrase or "") and \
                        sum((p.value for p in parts), Decimal(0)) in _known_totals(before, unit):
                    break               # …268条,其他方式公开…292条 = 560, then 规范性文件数1条: the list closed on
                    #                     its 其他 at the total; what follows counts one kind among them
                    #                     (义乌市交通运输局 2024, 第一百二十三批)
                if parts and _LEFT_OVER.match(q.phrase or "") and CARRIED_PART.match(masked, b) and \
                        _DONE_TOTAL.search(_nearest_phrase(before, unit)):
                    break               # 办结33件,其中…告知补正6件,剩余2件结转下一年度: what is left of those
                    #                     received, not one of those done (厦门市市政园林局 2023, 第一百二十一批)
                if parts:
                    verb = _NEXT_COUNT.search(q.phrase or "") or \
                        (_DONE_VERB.search(q.phrase or "") if q.unit == "件" else None)
                    if verb is not None and (q.phrase or "")[verb.end():verb.end() + 1] in _PAPER:
                        verb = None     # 建议提案答复函11条: a kind of document, not a deed (瓯海区农业农村局 2020, 第六十六批)
                    elif verb is not None and verb.group() == "答复" and unit == "条" and \
                            _ANSWERED_KIND.search((q.phrase or "")[:verb.start()]):
                        verb = None     # 咨询投诉答复152条: a kind of item on a site (厦门市市政园林局 2023, 第一百二十一批)
                    elif verb is not None and in_paren and CATCH_ALL.match(q.phrase or ""):
                        verb = None     # 20件(予以公开的10件,…不予处理的1件,其他答复处理1件): the outcomes' 其他, inside
                        #                 the brackets of their total (秀英区政府办 2022, 第一百五十六批)
                    if verb is not None and verb.group() not in (parts[-1].phrase or "") and \
                            not (verb.group() == "结转" and CARRIED_PART.search(q.phrase or "")
                                 and _RECEIVED_TOTAL.search(_nearest_phrase(before, unit))):
                        break           # the next statement: 办结22件 (parts of one verb, 通过系统
                        #                 收到11件、局长信箱收到2件, are one list's channels)
                if len(parts) >= 2 and not in_paren and before and before[-1].kind == "count" and \
                        before[-1].unit == unit == q.unit and q.value > before[-1].value and \
                        _OWN_LIST_AFTER.match(masked, b) and \
                        sum((p.value for p in parts), Decimal(0)) == before[-1].value:
                    break               # 12条,其中…6条,…3条,…3条,开展…工作信息121条,其中…78条: the parts so far make
                    #                     the total, and a larger figure that opens a 其中 of its own is the
                    #                     next total, not a part (东城区卫健委 2024, 第四百三十七批)
                semi = not in_paren and bool(parts) and ("；" in gap or ";" in gap)
                own_list = _OWN_LIST_AFTER.match(masked, b) if semi else None
                if own_list is not None and parts[0].phrase and \
                        masked.startswith(parts[0].phrase, own_list.end()):
                    break               # 人大建议15件,其中主办件4件;政协提案57件,其中主办件11件: after the ；a figure
                    #                     that opens a 其中 of its own with the same first part is the total's peer
                    #                     (泰州市市场监管局 2025, 第四百零七批)
                if semi and _same_verb_again(_nearest_phrase(before, unit), q.phrase or "", parts[0].phrase or ""):
                    break               # 发布部门动态38条,其中采用5条;发布工作动态32条,…: after the ；the verb of
                    #                     the total opens a statement of its own, beside the total, not a part
                    #                     (开阳县统计局 2023, 第三百九十八批)
                if semicolons and not semi and len(parts) >= 2 and k + 1 < len(after) and \
                        not any(c in gap for c in "；;。") and not any(mk in gap for mk in MARKERS) and \
                        any(c in masked[b:after[k + 1][1]] for c in "；;") and \
                        after[k + 1][0].unit == unit and after[k + 1][0].kind == "count":
                    # 890条,其中:…6条;…568条;财政收支信息12条,财政收支信息解读4条;决策公开类信息18条;…: a ，
                    # pair inside one ；-item, the list going on past it (泰安市财政局 2022, 第一百四十三批)
                    parts.append(q)
                    ends.append(b)
                    last_end = b
                    continue
                if semicolons and not semi:
                    # 102条；发布…1条，包括…: what follows the ；is not a ；-joined list's next
                    # item but a clause of its own, so the list ended at the ；(unless the ；-joined
                    # parts so far add up to a total before the list: then it ended just here)
                    if sum((p.value for p in parts), Decimal(0)) not in _known_totals(before, unit):
                        del parts[1:], ends[1:]
                    break
                if semi and not semicolons and cut is None:
                    # a 、/，list ends at the first ；(or ; as a web copy prints it) unless the
                    # list itself is joined by ；, or what follows the ；completes it (see below)
                    if len(parts) == 1:
                        semicolons = True
                    else:
                        cut = len(parts)
                parts.append(q)
                ends.append(b)
                last_end = b
            if not parts or grouped:
                continue
            if opens_sentence and len(parts) == 1 and \
                    _OWN_TOTAL.search(_clause_before(masked, start_of[id(parts[0])])):
                continue        # …及9个社区,…。其中,…主题活动…共邀请演出团队17个: an example's own total, not a
                #                 part of the last sentence's figure (香蜜湖街道 2025, 第一百三十批)
            # (…121条,含规范性文件2件、其他有关文件2条、工作计划1条、…公示公告28条: ten kinds of item, no
            # channel among them, more than the total — one list though it names no 其他, and its excess
            # is certain; 安义县人社局 2023, 第一百五十一批)
            if lead_unit is not None and (len(parts) < 3 or not CATCH_ALL.match(parts[-1].phrase or "")) and \
                    not (len(parts) >= 5 and not any(CHANNEL_PART.search(p.phrase or "") for p in parts)
                         and sum((p.value for p in parts), Decimal(0)) >
                         next((x.value for x in reversed(before) if x.unit == "条" and x.kind == "count"), Decimal(0))):
                # 95条,其中发布规范性文件2件,利用电子屏发布信息108条: the 条 after it are another
                # statement; the list is its first part alone, as it was read before
                unit = lead_unit
                n = next((k for k, p in enumerate(parts) if p.unit != lead_unit), len(parts))
                del parts[n:], ends[n:]
            past_semicolon = False
            if cut is not None and cut < len(parts):
                # 345条，其中规章11条、…其他文件102条；省政府工作报告2条、…: the parts after the ；
                # belong to the list when they make it add up to a total before it. Otherwise the
                # list ends at the ；(other channels follow: …更新领导简历3条；在微信公众号公布…),
                # but it may go on past it, so a shortfall is not certain.
                whole = sum((p.value for p in parts), Decimal(0))
                near = next((q.value for q in reversed(before) if q.unit == unit and q.kind == "count"), None)
                # the parts before the ；add up to the total right before the list: it ends there
                # (800条，其中政策文件300条、工作动态500条；下属单位…400条 — the 400 is another list's)
                done = near is not None and sum((p.value for p in parts[:cut]), Decimal(0)) == near
                kind = _shared_ending([p.phrase or "" for p in parts[:cut + 1]])
                n = cut + 1
                while len(kind) >= 3 and n < len(parts) and (parts[n].phrase or "").endswith(kind):
                    n += 1
                if not done and len(kind) >= 3 and near is not None and \
                        sum((p.value for p in parts[:n]), Decimal(0)) < near and \
                        whole not in _known_totals(before, unit) and not _closed_past_semicolon(parts, cut, after, ends[-1]):
                    # 953条。其中:动态类信息188条,通知公告类信息59条;价格类信息99条,项目建设类信息197条,…
                    # (咸宁市发改委 2023, 第三百三十八批): the kinds go on past the ；in the same words — the
                    # list does too, as far as they do (not 各类专栏累计174条), and may go on further: a
                    # shortfall to look at, never more (over the total, the ；may close a group: 秀英区发改委)
                    del parts[n:], ends[n:]
                    past_semicolon = True
                elif done or whole not in _known_totals(before, unit) \
                        and not _closed_past_semicolon(parts, cut, after, ends[-1]):
                    rest = sum((p.value for p in parts[cut:]), Decimal(0))
                    channel_next = CHANNEL_PART.search(parts[cut].phrase or "") is not None
                    del parts[cut:], ends[cut:]
                    # …政府信息公开工作年度报告1条；…累计办理依申请公开信息0条 (合水镇 2024): what
                    # follows the ；cannot make up the shortfall, so it leaves no doubt about it
                    short = near - sum((p.value for p in parts), Decimal(0)) if near is not None else None
                    # (…农业农村工作情况栏目4条,其他栏目2条;通过单位微信公众号公开信息190条: a list that
                    # closed on its 其他 before the ；, another channel after it, does not go on past it —
                    # 如东县苴镇街道 2025, 第一百三十八批; …其他文件40条；政府工作报告2条… does)
                    past_semicolon = (short is None or rest >= short) and \
                        not (channel_next and CATCH_ALL.match(parts[-1].phrase or ""))
            # (``after`` is this sentence's: no 。 lies between)
            to_end = [(q, b) for q, _, b in after if q.unit == unit and q.kind == "count" and not q.paren]
            known = _known_totals(before, unit)
            if len(to_end) > len(parts) and not in_paren and sum((q.value for q, _ in to_end), Decimal(0)) in known \
                    and sum((p.value for p in parts), Decimal(0)) not in known:
                # 578条，其中工作动态292条…；发布震情信息48条…；答复公众留言33条…；转发…119条: every
                # figure of the unit to the sentence's end adds up to the total: they are its parts
                parts, ends = [q for q, _ in to_end], [b for _, b in to_end]
                past_semicolon = False
            last_end = ends[-1]
            if not in_paren and not past_semicolon and before and len(parts) == len(to_end) and \
                    not CATCH_ALL.match(parts[-1].phrase or ""):
                # …工作动态信息68条,占37.36%。人事信息20条,占10.99%。其他信息28条,占15.38%。 (蓬溪县任隆镇 2020,
                # 第三百八十九批): the next sentences one item each, up to the 其他 that closes the list, making
                # the total exactly — the list goes on past its 。
                nxt = [x for j in range(si + 1, si + 6) for x in by_sentence.get(j, ())]
                more = _items_by_sentence(masked, nxt, last_end, unit)
                if more and sum((x.value for x in parts + [m for m, _ in more]), Decimal(0)) == before[-1].value:
                    for mq, mb in more:
                        parts.append(mq)
                        ends.append(mb)
                    last_end = ends[-1]
                    s1 = max(s1, r.sentences[more[-1][0].sentence][1])
            tail = masked[last_end:s1]
            open_ = bool(_OPEN_END.match(tail)) or "等" in (parts[-1].after or "")[:2] or \
                (restarted and "等" in tail) or \
                bool(_OPEN_AFTER_OTHER_UNIT.match(tail)) or bool(_CUT_FIGURE.match(tail))
            # (…1916条等。: the sentence still ends its list with 等; …财经信息16条、…提案5件等。: one more
            # item in another unit, then 等 — 新余市工信局 2023, 第一百二十四批; …无法提供20件、不予公开2
            # where the copy is cut: one more item whose figure is not all there — 绵阳市发改委 2023)
            totals = [q for q in reversed(before) if q.unit == unit and q.kind == "count"]
            if paren_total and before[-1].unit != unit:
                # 财政信息6件(部门预算4条,部门决算2件): the brackets right after a figure hold its parts,
                # counted in a sibling unit — not an earlier figure's of the list's first unit (萧山区发改局
                # 2022, 第一百三十七批: paired with 政策解读2条, a wrong warning)
                totals = [before[-1]]
            if not totals and unit in _ITEM_UNITS and before and before[-1].unit == "条" and \
                    before[-1].kind == "count" and not masked[start_of[id(before[-1])]:mpos].strip("0123456789条，,、 "):
                # 发布信息607条，其中主动公开380份，依申请公开及不予公开319份 (平潭综合执法与应急管理局
                # 2024): documents counted one for one among items, the 条 right before the marker
                totals = [before[-1]]
            if not in_paren and not shut and any(not q.paren for q in totals):
                # 共计437条(相同信息计1条),其中…: a list after a closed bracket belongs to the sentence's
                # own figures, not to one said aside in the brackets
                totals = [q for q in totals if not q.paren]
            if len(totals) > 1 and _GROWTH.search(totals[0].phrase or "") and _COMPARED.search(totals[0].phrase or ""):
                # 收到106件…申请,比去年同期增加12件,其中当面申请6件…: a change from last year lists
                # no parts; the figure it is said of does (温岭市政府办 2024, 第一百二十一批)
                totals = totals[1:]
            if len(totals) > 1 and not opens_sentence:
                # 新媒体公开信息1226条(其中原创317条,转载909条);在县政府网站…136条,其中…: an earlier figure
                # whose own list came before the nearest total is divided already (靖远县大芦镇 2022,
                # 第二百四十一批: the 17 parts, over 136, were a warning because they might be 1226's)
                # (a list of two parts or more: 231件(含上年度结转申请2件) is an aside, the figure still open —
                # 金坛区 2023; a sentence opening 其中 may go back to any figure before: 受理2720件(其中…),
                # …办结2680件。其中,…求助类2252件… divides the 2720 — 互助县政务服务中心 2020)
                done = {id(en.totals[0]) for en in r.enumerations if en.totals and len(en.parts) >= 2
                        and en.parts[-1].end <= totals[0].start}
                if done:
                    totals = [totals[0]] + [t for t in totals[1:] if id(t) not in done]
            if len(totals) > 1 and totals[0].value == 0 and any(p.value for p in parts):
                # 依申请公开信息0条，…，其中：发布扶贫信息43条: a nought lists no parts; an earlier
                # total (主动公开政府信息130条) is what the list divides
                totals = [x for x in totals if x.value] or totals
            if opens_sentence and totals:
                held = _earlier_total_holds(r, by_sentence, si, totals[0], parts)
                if held is not None:
                    # the list stays one (its parts are a subset, not figures of their own: 完成
                    # 答复6件 is no second 办结 figure), divided from the earlier total — not certainly
                    # (the nearest stays a candidate, so a mismatch is only a doubt)
                    totals = [held, totals[0]]
            if marker in ("包括", "包含", "含") and totals and not opens_sentence and \
                    masked.rfind("其中", s0, start_of[id(totals[0])]) >= 0:
                # 55条,其中审计公开12条,包括审计结果8条、审计整改情况8条;通过局门户网站发布…39条 (霍山县审计局
                # 2021, 第三百零七批): a part of a 其中 list opening a list of its own — that list is the
                # part's, and ends where the outer list goes on, at its ；
                stop = min((k for k in (masked.find("；", mpos, s1), masked.find(";", mpos, s1)) if k >= 0), default=-1)
                kept = [k for k, p in enumerate(parts) if stop < 0 or start_of.get(id(p), 0) < stop]
                if len(kept) == 1 and len(parts) > 1 and _NOUN_AFTER.match(parts[0].after or ""):
                    # 行政处罚信息33条含207条处理决定;政府工作计划1条;… (宝山区淞南镇 2020, 第三百二十批):
                    # a count of other things inside the part, not a list
                    continue
                if len(kept) >= 2:
                    if len(kept) < len(parts):
                        parts, ends = parts[:len(kept)], ends[:len(kept)]
                        last_end = ends[-1]
                        past_semicolon = False
                    totals = totals[:1]
            first = totals[0] if totals else parts[0]
            a = start_of[id(first)]
            # (a 其他 part inside a list of three or more, 规章文件4条,…其他文件4条,政务动态信息0条,…: the
            # list still names the rest as such)
            catch_all = bool(CATCH_ALL.match(parts[-1].phrase or "")) or _names_every_attribute(parts) or \
                len(parts) >= 3 and not open_ and any(CATCH_ALL.match(p.phrase or "") for p in parts[:-1]) or \
                _names_three_public(masked[a:last_end], len(parts))
            r.enumerations.append(Enumeration(marker, si, totals, parts, open_, catch_all,
                                              r.norm.quote(a, last_end), past_semicolon))
