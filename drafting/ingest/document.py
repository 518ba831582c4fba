"""From lines of a published report to the Report model: title, sections, tables, 落款."""
from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from .. import agencies, identity
from ..agencies import HAN
from ..formats import VERSIONS, get_template, version_for_year
from .. import limits
from ..claims import text as claims_text
from ..io import ReportLoadError
from ..model import Action, HistoryEntry, Level, Meta, ReadProblem, Report, Section
from ..readings import is_reading_note
from ..scan import matches, places, search, starts
from .cleanup import clean
from .compact import Compact, compact, compact_head, compact_upto
from .readers import Doc
from .tables import Problem, form_gaps, mixed_form_rows, printed_form, read_table


_CN_YEAR = str.maketrans("〇零一二三四五六七八九", "00123456789")
# (工作度报告: a title's slip; 年度工作年度报告, 年度 typed twice — 崇明区 2021, 第四百七十二批)
_TITLE_TAIL = r"(?:政府信息公开|政务信息公开|政务公开)(?:工作)?(?:情况)?的?(?:年?度)?(?:工作)?(?:年度)?报告"
# …信息公开年报 (2019年诸暨市璜山镇人民政府信息公开年报) where the title names the agency; a page's
# path (当前位置：…-> 2020年政府信息公开年报 ->) names a column so
# (重点工作年度报告: 宣汉县教科局 2020; …2025年度政务公开工作情况的报告: 西藏自治区住建厅 2025, 第三百四十六批)
_NAMED_TAIL = r"(?:政府信息公开|政务信息公开|政务公开)(?:重点)?(?:工作)?(?:情况)?的?(?:年?度)?(?:工作)?(?:年度)?(?:报告|年报)"
_AGENCY_CHARS = r"[" + HAN + r"()（）·]"
# The names of a page's fields (索引号, 发布机构, 主题分类 …): with a colon a line of them is chrome;
# printed as list items without one, a run of them at the top is (_field_list_lines).
_FIELD_NAMES = (r"标题|发布时间|发布日期|(?:备注/)?文\s*号|发布机构|栏目|原文链接|本地目录|来源|时间|"
                r"索\s*引\s*号|发文日期|成文日期|公文生成日期|生成日期|信息来源|发表时间|字体|字体大小|访问次数|公文种类|发文字号|发文机关|发文机构|"
                r"浏览次数|访问量|点击数|字号|分享到|主题分类|公开方式|公开范围|体裁分类|服务对象|公开时限|有效性|关键词|文件编号|组配分类|"
                r"信息类别|信息分类|所属类别|"
                # (- 废止日期: 时 效 性:有效有效 on 文昌市 pages, 第四百三十一批: Y004 read 有效有效 as a slip)
                r"废止日期|备案登记号|时\s*效\s*性")
_CHROME_LINE = re.compile(
    rf"^\s*(?:[-*+•·]\s+)?(?:{_FIELD_NAMES})\s*[:：]|^\s*=+|^\s*页面链接与图片|"
    r"^\s*(?:附件下载|【?打印(?:本页)?】?|【?关闭(?:窗口)?】?|扫一扫.*|返回顶部|上一篇.*|下一篇.*)\s*$")
# (a page's field list may be printed as a list, - 索 引 号:…, - 发布机构:…)
# (every branch of _CHROME_LINE is anchored at the start: it is used with .match, which does
# not try every position as .search would; and only on a line whose first character can open a
# branch, which one class test tells)
_CHROME_OPEN = starts(_CHROME_LINE) or re.compile("")      # (an empty pattern: every line is tried)
_TITLE_FIELD = re.compile(r"^\s*标题\s*[:：]\s*")


# A page's field list at the top printed one item a line, names and values apart and no colon
# (- 发文字号 / - 索引号 / - 005452065/2022-00001 / - 发布日期 / - 2022-01-28 …: 平顶山市政府办 2021,
# 第六十三批 — eleven wrong Y002 errors, Markdown list marks)
_LIST_ITEM = re.compile(r"^\s*[-*+•·]\s+\S.{0,38}$")
_FIELD_NAME_ITEM = re.compile(rf"^\s*[-*+•·]\s+(?:{_FIELD_NAMES})\s*$")


_LIST_MARK = re.compile(r"^([ \t\u3000]*)[-*+•·][ \t\u3000]+(?=\S)")
_LIST_CHARS = frozenset("-*+•·")


def _header_printed(spec, body: str) -> bool:
    """Two or more of the table's own header words in the part's text, all read from the format
    data: its columns' and header's labels, its groups' captions and label columns (表二's 第二十条第
    （一）项 and 信息内容), the start of its corner note (表三)."""
    words = {c.label for c in spec.rows[0].columns if len(c.label) >= 3}
    for level in spec.header or ():
        words.update(cell["label"] for cell in level if len(cell["label"]) >= 3)
    for group in spec.raw.get("groups", ()):
        words.add(group["caption"].split("（")[0])           # (a copy prints its bracket half-width)
        words.update(c["label"] for c in group["columns"] if c.get("type") == "label")
    if spec.corner_note:
        words.add(compact(spec.corner_note)[1:9])
    flat = compact(body)
    return sum(1 for w in words if compact(w) in flat) >= 2


def _field_list_lines(lines: list[str]) -> set[int]:
    """The lines of such a list at the document's start (blank lines between allowed): none unless
    two of them name fields."""
    run: list[int] = []
    for i, ln in enumerate(lines[:60]):
        if not ln.strip():
            continue
        if not _LIST_ITEM.match(ln):
            break
        run.append(i)
    names = sum(1 for i in run if _FIELD_NAME_ITEM.match(lines[i]))
    return set(run) if names >= 2 else set()


_PINYIN_NOTE = re.compile(r"(?<=[" + HAN + r"])\((?=[a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


# The page's summary of itself (its description attribute) printed as a line: the report's opening
# cut with an ellipsis, then the attribute's closing 「">」 (福禄镇 2019's mirror copy, 第四百二十六批:
# a wrong Y002 error on page chrome, not the report's text)
_PAGE_SUMMARY = re.compile(r"(?:\.{3}|…+)\s*\"\s*/?>\s*$")


def _chrome_line(ln: str) -> bool:
    return _CHROME_OPEN.match(ln) is not None and _CHROME_LINE.match(ln) is not None


_CLAUSE_MARK = re.compile(r"[。，；,.;:：]")
# An item of a list (一是制定…局, （二）…): the last line of a copy cut short, not a 落款.
# Words no agency's name holds: a copy cut inside a sentence that ends in 政府 (今年来我收到政府).
# (…and a copy's cut last line that opens with a work verb or names a site: 「强化门户网站」, 湖北省地震局
# 2025, 第六十三批 — it had become the agency)
# (「根据《中华人民共和国政府」, a sentence cut at a copy's end: 白露街道 2021, 第一百三十二批)
_NOT_A_NAME = re.compile(r"我|收到|今年|去年|本年|《|^(?:根据|按照|依据|依照|为)|"
                         r"^(?:强化|加强|推进|完善|提升|优化|做好|深化|规范|落实|健全|建立|开展|持续|创新)|网站$|"
                         # (a name and the verb of its clause: 人社分局加强政府…, 东湖高新区人社分局 2021, 第六十八批)
                         r"[局委办府心处所站](?:加强|推进|完善|强化|深化|认真|积极|坚持|持续|扎实|严格|全面|进一步|不断)")
_ITEM_START = re.compile(r"[一二三四五六七八九十]+是|[(（]?[一二三四五六七八九十\d]+[)）]")
_TRAILING_WORDS = ("附件下载", "【打印】", "【关闭】", "打印本页", "关闭窗口", "返回顶部")
_TRAILING_CHROME = re.compile(r"\s*(?:" + "|".join(map(re.escape, _TRAILING_WORDS)) + r")\s*$")
_DATE_LINE = re.compile(r"^\s*[（(]?\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[)）]?\s*$")
_INLINE_SIGN = re.compile(
    r"(?:^|(?<=[。；！!\s]))(?P<org>[" + HAN + r"()（）]{2,30}?(?:局|委|办|办公室|政府|中心|管委会|委员会|院|馆|厅|署|办事处))"
    r"\s*(?:(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日)?"
    r"\s*(?:附件下载|【?打印(?:本页)?】?|【?关闭(?:窗口)?】?|返回顶部)?\s*$")
# 无 (nothing to report) run into the name of a 落款; not the 无 of a place name (无锡, 无为, 无极, 无棣).
_NONE_BEFORE_SIGN = re.compile(r"无(?![锡为极棣])[" + HAN + r"]{2}")
# _INLINE_SIGN ends at the end of the line and holds at most 50 characters besides white space
# (a name of 2–30 characters and its 3-character ending, a date of 11, a link of 6): a match
# cannot start further back, so a long line (a page stored as one line) is searched only there.
_SIGN_CHARS = 50


_ALIAS_END = re.compile(r"[（(][" + HAN + r"]{2,20}[)）]$")


def _head_sign(head_lines: list[str]) -> str | None:
    """A 落款 put under the title, the body's name on a line and the date on the next
    (政府信息公开工作年度报告 / 武昌经开区管委会(滨江商务区管委会) / 2026年1月8日 — 第三百七十四批): the body
    whose report it is, with a bracketed second name dropped."""
    for i, ln in enumerate(head_lines[:5]):
        if i + 1 >= len(head_lines) or not _DATE_LINE.match(head_lines[i + 1]):
            continue
        c = compact_upto(ln.strip(), 40)
        if c is None:
            continue
        c = _ALIAS_END.sub("", c)
        if 3 <= len(c) <= 30 and _ORG_END.search(c) and not _CLAUSE_MARK.search(c) and \
                not _ITEM_START.match(c) and not _NOT_A_NAME.search(c) and "报告" not in c:
            return c
    return None


def _sign_reach(line: str) -> int:
    """Where a search for _INLINE_SIGN in ``line`` may start without missing a match."""
    k, seen = len(line), 0
    while k > 0 and seen <= _SIGN_CHARS:
        k -= 1
        if not line[k].isspace():
            seen += 1
    return k


_ORG_END = re.compile(r"(?:局|委|办|办公室|政府|中心|区|县|市|镇|乡|街道|办事处|管委会|委员会|院|所|馆|会|厅|部|署|处|站)$")


@dataclass
class Ingested:
    report: Report
    problems: list[ReadProblem] = field(default_factory=list)
    kind: str = ""
    source: str = ""


# -- headings ---------------------------------------------------------------------
@dataclass
class Heading:
    key: str
    index: int
    start: int      # compact offsets
    end: int
    score: float
    numbered: bool = False      # printed after its number (一、…), not a title line alone


def _short_title(t: str) -> str:
    """A title without its ordinal, compacted (二、主动公开政府信息情况 -> 主动公开政府信息情况)."""
    return compact(t.split("、", 1)[1] if "、" in t else t)


def _titles() -> dict[str, list[str]]:
    """Compact short titles (without ordinal) and known variants, per section key."""
    out: dict[str, list[str]] = {}
    for v in VERSIONS:
        for s in get_template(v).sections:
            forms = out.setdefault(s.key, [])
            for t in (s.title, *s.variants, *s.nonstandard):     # (a nonstandard one read whole)
                short = _short_title(t)
                if short not in forms:
                    forms.append(short)
    return out


_NUMS = "一二三四五六"
_NUMBERED = re.compile(r"[一二三四五六][,.]")
# A heading numbered otherwise (一总体情况, 1、总体情况, 第一部分, （一）, 七、) is read only where the
# exact title of a part follows the number (see _exact_numbered); such a style ranks below 一、.
_OTHER_STYLE_SCORE = 0.99
_ITEM_NUMBER = re.compile(r"(\d)[、.．,]")
# (一、2023年政务公开总体情况: the year and the work it is of, before the title — 武义县某乡 2023, 第一百七十二批)
# (一、政务公开工作总体情况 too: 汾阳市卫体局 2022, 第一百八十八批 — the work's name only before part 一's title)
_HEADING_YEAR = re.compile(r"(?:(?:19|20)\d{2}年度?)?(?:(?:政务公开|政府信息公开|信息公开)(?:工作)?(?="
                           + re.escape(get_template("2021").sections[0].title.split("、", 1)[-1]) + r"))?"
                           r"|(?:19|20)\d{2}年度?")       # (part 一's title read from the format data)
# Bounds that keep a hostile or absurd file from taking minutes (a report has six headings).
MAX_CANDIDATES_PER_SECTION = 40


@dataclass(frozen=True)
class _Title:
    text: str
    chars: frozenset
    counts: dict
    repeats: int          # characters beyond the first of each kind (len(text) - len(chars))


class _TitleData:
    """What every report's heading search reads about the template's titles, made once per
    loaded format data: the titles with their characters, flat in template order, by the line
    lengths they can match, and the (title, number) pairs of the exact-title shortcut."""

    def __init__(self) -> None:
        self.keys = list(get_template("2021").section_keys)
        self.titles = {k: [_Title(t, frozenset(t), dict(Counter(t)), len(t) - len(set(t))) for t in ts]
                       for k, ts in _titles().items()}
        self.flat = [(idx, key, t) for idx, key in enumerate(self.keys) for t in self.titles[key]]
        every = [t for _, _, t in self.flat]
        self.charsets = [t.chars for t in every]
        self.halves = [len(t.chars) * 0.5 for t in every]
        self.longest = max(len(t.text) for t in every)
        self.shortest = min(len(t.text) for t in every)
        self.chars = frozenset().union(*self.charsets)
        self.by_len: dict[int, list[tuple[int, str, _Title]]] = {}   # line length -> titles it can be
        for idx, key, t in self.flat:
            for lw in range(max(1, len(t.text) - 2), len(t.text) + 9):   # 2 shorter to 8 longer
                self.by_len.setdefault(lw, []).append((idx, key, t))
        self.alone = _titles_alone(self.keys, self.titles)
        self.never = _labels_never(self.keys, self.titles)
        # the titles by their first two characters, in template order: the titles a text can
        # start with exactly (every title has two characters at least)
        assert self.shortest >= 2
        self.by_head: dict[str, list[tuple[int, str, _Title]]] = {}
        for item in self.flat:
            self.by_head.setdefault(item[2].text[:2], []).append(item)
        self.title_texts = tuple(dict.fromkeys(t.text for _, _, t in self.flat))
        # the wordings only published reports print (format data: nonstandard): not read as a line
        # without its number, nor where (一)…(六) are read as part numbers (find_headings' reported)
        sections = [sec for v in VERSIONS for sec in get_template(v).sections]
        standard = {_short_title(t) for sec in sections for t in (sec.title, *sec.variants)}
        self.nonstandard = frozenset(_short_title(t) for sec in sections for t in sec.nonstandard) - standard


_TITLE_CACHE: dict = {}


def _title_data() -> _TitleData:
    # keyed by the template objects, so a test that swaps them is seen
    key = tuple(id(get_template(v)) for v in VERSIONS)
    got = _TITLE_CACHE.get(key)
    if got is None:
        got = _TITLE_CACHE[key] = _TitleData()
    return got


def _lcs_table(x: str, y: str) -> list[list[int]]:
    """t[i][j]: length of the longest common subsequence of x[:i] and y[:j]."""
    t = [[0] * (len(y) + 1) for _ in range(len(x) + 1)]
    for i in range(1, len(x) + 1):
        for j in range(1, len(y) + 1):
            t[i][j] = t[i - 1][j - 1] + 1 if x[i - 1] == y[j - 1] else max(t[i - 1][j], t[i][j - 1])
    return t


def _best_bound(a: str, b: str) -> float:
    """An upper bound of SequenceMatcher's ratio between title ``b`` and any window that opens
    with ``a`` (a window of n_B − 2 to n_B + 8 characters, as find_headings compares). Matched
    characters come in order (SequenceMatcher's blocks are a common subsequence): some opening
    B[:k] against ``a``, the rest of B against what follows, at most one per character there."""
    nb, na = len(b), len(a)
    lcs = _lcs_table(b, a)
    top = 0.0
    for L in range(max(2, nb - 2), nb + 9):
        extra = max(0, L - na)
        m = max(lcs[k][min(L, na)] + min(nb - k, extra) for k in range(nb + 1))
        top = max(top, 2 * m / (nb + L))
    return top


NEVER = 10 ** 6


def _room(a: str, b: str, need: float) -> int:
    """How many characters of ``b`` may follow ``a`` with no window opening with ``a`` (as in
    _best_bound) reaching ``need`` against title ``b``: one less than the fewest that let some
    window length L and opening B[:k] reach it (matches after ``a`` are at most min(n_B − k,
    L − n_A) and at most that many); −1 when ``a`` alone reaches it, NEVER when nothing after
    it can."""
    nb, na = len(b), len(a)
    lcs = _lcs_table(b, a)
    first = NEVER + 1                   # fewest title characters after ``a`` that can reach need
    for L in range(max(2, nb - 2), nb + 9):
        cap = max(0, L - na)
        for k in range(nb + 1):
            have = lcs[k][min(L, na)]
            e = max(0, math.ceil(need * (nb + L) / 2) - have - 1)
            while 2 * (have + e) / (nb + L) < need:      # (the comparison find_headings makes)
                e += 1
            if e <= min(nb - k, cap):
                first = min(first, e)
    return first - 1


def _titles_alone(keys: list[str], titles: dict[str, list[_Title]]) -> set[tuple[str, int]]:
    """(title, number) pairs where the title, printed exactly after that number (一 = 0), leaves
    no other part's title a chance there: for every title B of another part, no window B could
    be compared with (opening with this title) reaches B's threshold (0.8 for the part the number
    names, 0.95 for the others); see _best_bound."""
    best = {(a.text, b.text): _best_bound(a.text, b.text)
            for ka, tas in titles.items() for a in tas
            for kb, tbs in titles.items() if kb != ka for b in tbs}
    out = set()
    for ka, tas in titles.items():
        for a in tas:
            for no in range(len(_NUMS)):
                if all(best[(a.text, b.text)] < (0.8 if kb == keys[no] else 0.95)
                       for kb, tbs in titles.items() if kb != ka for b in tbs):
                    out.add((a.text, no))
    return out


def _labels_never(keys: list[str], titles: dict[str, list[_Title]]) -> dict[str, list[tuple[str, int, int]]]:
    """The tables' own numbered labels (一、本年新收政府信息公开申请数量, 四、结转下年度继续办理:
    format data) that no part's title can be read from when they follow their number. Most
    「X、」 a complete report prints outside its headings are these, and comparing each with every
    title is what find_headings spends most on. For each label, by its first two characters:
    (label, number, room), room being how many characters of titles may follow the label within
    a window's reach with no window opening with the label reaching any title's threshold
    (_best_bound): a label's figures hold none, the next part's heading right after them some.
    Labels that leave a title a chance whatever follows are not listed."""
    from .tables import labels_for
    texts: set[tuple[str, int]] = set()
    for v in VERSIONS:
        for spec in get_template(v).tables.values():
            for lab in labels_for(spec, v):
                if len(lab.text) >= 6 and lab.text[0] in _NUMS and lab.text[1] in ",.":
                    texts.add((lab.text[2:], _NUMS.index(lab.text[0])))
    out: dict[str, list[tuple[str, int, int]]] = {}
    for text, no in sorted(texts):
        room = min(_room(text, b.text, 0.8 if kb == keys[no] else 0.95) for kb, tbs in titles.items() for b in tbs)
        if room >= 0:
            out.setdefault(text[:2], []).append((text, no, room))
    return out


def _common_bound(t: _Title, wset: set, wc: Counter | None = None) -> int:
    """Characters ``t`` shares with a window: exact with the window's counts, else an upper
    bound from its set of characters (cheap, and enough to reject most windows)."""
    if wc is not None:
        return sum(min(k, wc[ch]) for ch, k in t.counts.items())
    return sum(t.counts[ch] for ch in t.chars & wset)


def _prose_lines(cv: Compact, offsets: list[int], grid: set[int]) -> list[tuple[int, int]]:
    """Compact spans of the lines that are not table rows, in order, one per distinct start: a
    line with nothing kept (blank, spaces) stands for the next line that has something (the
    first kept character after it opens that line), which then ends where the line after it
    starts (a line break is never kept)."""
    starts = cv.positions(offsets) + [len(cv.s)]
    out: list[tuple[int, int]] = []
    last = -1
    for i in range(len(offsets)):
        if i in grid or starts[i] == last or starts[i] >= len(cv.s):
            continue
        last = starts[i]
        k = i
        while starts[k + 1] == starts[k]:     # nothing kept on line k: the text is further on
            k += 1
        out.append((last, starts[k + 1]))
    return out


def _numbered_starts(s: str) -> list[int]:
    """Where _NUMBERED matches in ``s`` (一、 … 六. in compact text), found as its twelve literal pairs:
    str.find passes over a text at a fraction of the cost of a character class, and the pairs can
    neither overlap nor touch (a numeral is never 、 or .), so these are finditer's matches."""
    out: list[int] = []
    for no in _NUMS:
        for sep in ",.":
            pair = no + sep
            i = s.find(pair)
            while i >= 0:
                out.append(i)
                i = s.find(pair, i + 2)
    out.sort()
    return out


def _title_starts(s: str, data: "_TitleData") -> list[int]:
    """Every place where one of the parts' titles (any form of the data) starts, in order."""
    found: set[int] = set()
    for t in data.title_texts:
        i = s.find(t)
        while i >= 0:
            found.add(i)
            i = s.find(t, i + 1)
    return sorted(found)


def _exact_numbered(cv: Compact, data: "_TitleData", per_key: Counter, cands: list[Heading]) -> None:
    """Headings numbered otherwise than 一、: the exact title of a part after its number printed
    without 、 (一总体情况), in another style (1、总体情况, 第一部分 总体情况, （一）总体情况), or past 六
    (an extra part before it). Found from where a title starts, looking back at what precedes it —
    the titles are a few literal words, where a scan for the numbers passes every character — in
    the order, and with the candidates, of three scans for the numbers (one per kind, in turn)."""
    s, text = cv.s, cv.text
    starts = _title_starts(s, data)
    if not starts:
        return
    # printed without its 、: a numeral just before the title, which follows no Chinese character
    # (一 of 统一 or 进一步 never opens a heading; the compact text joins lines, so one that opens
    # its line in the text — …报告\n一 总体情况 — counts)
    for p in starts:
        i = p - 1
        if i < 0 or s[i] not in _NUMS or not "\u4e00" <= s[p] <= "\u9fff":
            continue
        if i and "\u4e00" <= s[i - 1] <= "\u9fff":
            o = cv.orig(i)
            if not o or "\u4e00" <= text[o - 1] <= "\u9fff":
                continue
        no = _NUMS.index(s[i])
        for idx, key, title in data.by_head.get(s[p:p + 2], ()):
            if idx == no and s.startswith(title.text, p) and per_key[key] < MAX_CANDIDATES_PER_SECTION:
                per_key[key] += 1
                cands.append(Heading(key, idx, i, p + len(title.text), 1.0, True))
                break
    # another style, where the number opens its line or follows punctuation (not a word or a figure)
    for p in starts:
        i = _other_number_start(s, p)
        if i < 0:
            continue
        o = cv.orig(i)
        if o and (text[o - 1].isalnum() or "\u4e00" <= text[o - 1] <= "\u9fff"):
            continue
        mark = s[i] if s[i].isdigit() else s[i + 1]
        no = int(mark) - 1 if mark.isdigit() else _NUMS.index(mark)
        if s[i] == "(" and no >= 1 and any(
                h.index == 0 and h.numbered and s[h.start + 1:h.start + 2] == "," and h.end <= i
                and s.find(f"({_NUMS[no - 1]})", h.end, i) >= 0 for h in cands):
            # (二)主动公开政府信息情况 after 一、总体情况 and its (一): the next item of part 一, not
            # part 二 (中山市农业农村局 2021, 第一百七十七批; 泸县嘉明镇 2020)
            continue
        if s[i].isdigit() and no >= 1 and any(
                h.index == 0 and h.numbered and s[h.start + 1:h.start + 2] == "," and h.end <= i
                and re.compile(rf"(?<!\d){no}[,.](?!\d)").search(s, h.end, i) for h in cands):
            # 2.主动公开政府信息情况 after 一、总体情况 and its 1.持续强化组织保障: the same, numbered in
            # digits (常州市钟楼区南大街街道 2025, 第二百二十一批)
            continue
        for idx, key, title in data.by_head.get(s[p:p + 2], ()):
            if idx == no and s.startswith(title.text, p) and per_key[key] < MAX_CANDIDATES_PER_SECTION:
                if s[i].isdigit() and _NEXT_DIGIT_PART.match(s, p + len(title.text)):
                    break       # 共分为6个部分,分别是:1.总体情况,2.主动公开…: the preamble's list of the
                    #             parts, not their headings (开州区镇东街道 2024, 第二百四十一批)
                per_key[key] += 1
                # scored below a 二、 heading of the same title: (二)主动公开政府信息情况 inside 总体情况,
                # with 二、主动公开政府信息情况 further on, is a sub-item, not the part
                cands.append(Heading(key, idx, i, p + len(title.text), _OTHER_STYLE_SCORE, True))
                break
    # numbered past 六: the exact title of any part
    for p in starts:
        if p < 2 or s[p - 2] not in "七八" or s[p - 1] not in ",.":
            continue
        for idx, key, title in data.by_head.get(s[p:p + 2], ()):
            if s.startswith(title.text, p) and per_key[key] < MAX_CANDIDATES_PER_SECTION:
                per_key[key] += 1
                cands.append(Heading(key, idx, p - 2, p + len(title.text), 1.0, True))
                break


def _other_number_start(s: str, p: int) -> int:
    """Where a number in another style that ends at ``p`` starts (第一部分 with or without 、 or :,
    1、 or 1., （一）; compact text: 、 is "," and （ is "("), or -1."""
    if p >= 3 and s[p - 1] == ")" and s[p - 3] == "(" and s[p - 2] in _NUMS:
        return p - 3
    if p >= 2 and s[p - 1] in ",." and s[p - 2] in "123456":
        return p - 2
    q = p - 1 if p >= 1 and s[p - 1] in ",.:" else p
    if q >= 4 and s[q - 4] == "第" and s[q - 3] in _NUMS and s[q - 2:q] == "部分":
        return q - 4
    return -1


_NEXT_PART = re.compile(r",?[一二三四五六七八九十]{1,2}[,.]")
_NEXT_DIGIT_PART = re.compile(r"[,;]\d[,.]")


def _listed(s: str, end: int) -> bool:
    """Whether the compact text after a title at ``end`` continues a list of the parts' titles."""
    nxt = s[end:end + 1]
    return nxt == ";" or (nxt == "," and _NEXT_PART.match(s, end) is not None)


def find_headings(cv: Compact, lines: list[tuple[int, int]], reported: bool = True) -> list[Heading]:
    """``reported``: read the wordings only published reports print (format data: nonstandard) too
    — not where (一)…(六) are read as part numbers, which number the items of 一 as often."""
    data = _title_data()
    keys, flat, alone = data.keys, data.flat, data.alone
    charsets, halves = data.charsets, data.halves
    cands: list[Heading] = []
    s = cv.s
    per_key: Counter = Counter()
    farthest = data.longest + 8         # the longest window find_headings compares
    for at in _numbered_starts(s):
        no = _NUMS.index(s[at])
        p = at + 2
        y = _HEADING_YEAR.match(s, p)
        if y:
            p = y.end()            # 一、2024年总体情况: the year before the title is not part of it
        exact = next(((idx, key, t) for idx, key, t in data.by_head.get(s[p:p + 2], ())
                      if s.startswith(t.text, p) and (reported or t.text not in data.nonstandard)), None)
        if exact is not None and (exact[2].text, no) in alone:
            # A title exactly, and one no other part's title can come near (see _titles_alone):
            # the one candidate here, as the full comparison below would find it.
            idx, key, title = exact
            if per_key[key] < MAX_CANDIDATES_PER_SECTION:
                per_key[key] += 1
                cands.append(Heading(key, idx, at, p + len(title.text), 1.0, True))
            continue
        if any(no == k and s.startswith(lab, p)
               and sum(map(data.chars.__contains__, s[p + len(lab):p + farthest])) <= room
               for lab, k, room in data.never.get(s[p:p + 2], ())):
            continue              # a numbered row label of the tables (see _labels_never)
        # Cheap test first (most "X、" in a report open list items, not headings): a title sharing
        # less than half its kinds of character with the text after the number, as far as the
        # longest title reaches, shares less with any window. Done for all titles at C speed.
        reach = set(s[p:p + data.longest])
        shared = map(len, map(reach.intersection, charsets))
        near = [i for i, (k, half) in enumerate(zip(shared, halves)) if k >= half]
        if not near:
            continue
        windows: dict[int, set] = {}
        bests: dict[str, tuple[float, int]] = {}
        for i in near:
            idx, key, title = flat[i]
            if per_key[key] >= MAX_CANDIDATES_PER_SECTION:
                continue
            best = bests.get(key, (0.0, p))
            need = 0.8 if idx == no else 0.95
            t = title.text
            if not reported and t in data.nonstandard:
                continue
            n = len(t)
            win = windows.get(n)
            if win is None:
                win = windows[n] = set(s[p:p + n])
            if len(title.chars & win) < len(title.chars) * 0.5:
                continue
            if s.startswith(t, p):
                if best[0] < 1.0:
                    bests[key] = (1.0, p + n)     # the title exactly: no window can do better
                continue
            L0 = max(2, n - 2)
            wide = windows.get(-n)
            if wide is None:
                wide = windows[-n] = set(s[p:p + n + 8])
            # No window up to n + 8 characters can reach the threshold: skip the title. (Each
            # shared kind of character once plus the title's repeats bounds the count.)
            if 2 * (len(title.chars & wide) + title.repeats) / (n + L0) < need \
                    or 2 * _common_bound(title, wide) / (n + L0) < need:
                continue
            tc = title.counts
            wc = Counter(s[p:p + L0 - 1])
            common = _common_bound(title, win, wc)
            for L in range(L0, n + 9):
                q = p + L
                if q > len(s):
                    break
                ch = s[q - 1]
                if wc[ch] < tc.get(ch, 0):
                    common += 1
                wc[ch] += 1
                # An upper bound of the ratio first (characters in common): the exact ratio
                # only where the window could still reach the threshold and beat the best.
                bound = 2 * common / (n + L)
                if bound < need or bound <= best[0]:
                    # No longer window can do better either: at most one more character in
                    # common per character added, and never more than the title's n.
                    ceiling = 2 * n / (2 * n + L - common)
                    if ceiling < need or ceiling <= best[0]:
                        break
                    continue
                r = SequenceMatcher(None, t, s[p:q], autojunk=False).ratio()
                if r > best[0]:
                    best = bests[key] = (r, q)
        for idx, key in enumerate(keys):
            best = bests.get(key)
            if best is not None and best[0] >= (0.8 if idx == no else 0.95):
                per_key[key] += 1
                cands.append(Heading(key, idx, at, best[1], best[0], True))
    _exact_numbered(cv, data, per_key, cands)
    # Headings with their number missing: a line that is the title and nothing else.
    longest, shortest, by_len, title_chars = data.longest, data.shortest, data.by_len, data.chars
    cap, size = MAX_CANDIDATES_PER_SECTION * len(keys), len(s)
    for ls, end in lines:
        if len(cands) > cap:
            break                 # (candidates are only ever added)
        lw = min(end, size) - ls  # the line's length, told before it is cut out
        if lw <= 0 or lw > longest + 8 or lw < shortest - 2:
            continue
        w = s[ls:end]
        if _NUMBERED.match(w):
            continue
        other_no = _ITEM_NUMBER.match(w)
        # characters of the line that occur in any title: no title shares more with it
        in_titles = sum(map(title_chars.__contains__, w))
        if 2 * in_titles / (shortest + lw) < 0.9:
            continue              # a figure, or prose that merely mentions a few title words
        wset = set(w)
        wc = None                 # counted once per line, and only for a line that could match
        for idx, key, title in by_len.get(lw, ()):
            t = title.text
            if t in data.nonstandard:
                continue          # (a reported wording is read after its part's own number only)
            n = len(t)
            if 2 * in_titles / (n + lw) < 0.9 \
                    or 2 * (len(title.chars & wset) + title.repeats) / (n + lw) < 0.9 \
                    or 2 * _common_bound(title, wset) / (n + lw) < 0.9:
                continue
            if wc is None:
                wc = Counter(w)
            if 2 * _common_bound(title, wset, wc) / (n + lw) < 0.9:
                continue
            if other_no is not None and int(other_no.group(1)) != idx + 1:
                continue          # 「1、主动公开政府信息情况」 inside 一 (龙泉市西街街道 2019, 第六十九批): an item, not part 二
            r = SequenceMatcher(None, t, w, autojunk=False).ratio()
            if r >= 0.9:
                cands.append(Heading(key, idx, ls, end, r))
    # A part's title followed by ；or by 、 and the next part's number is an item of a list that
    # names the parts (本报告包括：一、总体情况；二、主动公开政府信息情况；…), not a heading: a
    # heading is followed by its part's text. Such a list ahead of the headings would otherwise
    # be taken for all six, the parts' text left to the last.
    cands = [h for h in cands if not _listed(s, h.end)]
    # Keep the longest run of headings in template order (a table row such as
    # 三、本年度办理结果 never beats the real sequence); between runs as long and as close, the
    # one with more numbered headings: an unnumbered 概述 over a preamble yields to 一、总体情况.
    cands.sort(key=lambda h: (h.start, -h.score))
    best: list[tuple[int, float, int, int]] = []   # (count, score, numbered, prev)
    for i, h in enumerate(cands):
        own = 1 if h.numbered else 0
        b = (1, h.score, own, -1)
        for j in range(i):
            g = cands[j]
            if g.end <= h.start and g.index < h.index:
                c = (best[j][0] + 1, best[j][1] + h.score, best[j][2] + own, j)
                if c[:3] > b[:3]:
                    b = c
        best.append(b)
    if not best:
        return []
    i = max(range(len(cands)), key=lambda k: best[k][:3])
    chain = []
    while i >= 0:
        chain.append(cands[i])
        i = best[i][3]
    return list(reversed(chain))


# -- meta ---------------------------------------------------------------------------
_PUBLISHER = re.compile(r"发布机构\s*[:：]\s*([" + HAN + r"()（）·]{2,40})")
_PUBLISHER_LINES = 40


def _publisher(lines: list[str]) -> str | None:
    """The body a page's 发布机构 field names (page chrome above the report), if any."""
    for ln in lines:
        if "发布机构" in ln:
            m = _PUBLISHER.search(ln)
            if m and not _SITE_ITSELF.fullmatch(compact(m.group(1))):
                return _clean_agency(compact(m.group(1)))
    return None


# 发布机构: 本网 (a mirror of 台山市赤溪镇's page, 第一百八十七批): the site, no agency
_SITE_ITSELF = re.compile(r"本[网網站]|本站点|网站|本平台")


def _clean_agency(a: str) -> str | None:
    a = re.sub(r"^[#\s]+", "", a)
    # (标      题 西藏自治区…: a page's field, spaced out; 名称 双庄街道办事处2023年…: 第一百三十八批)
    a = re.sub(r"^(?:标题|题目|名称)[:：]?", "", a)
    # 平潭综合实验区海坛片区管理局关于（报送）2021年…报告的函: the title of a covering letter
    # (武威市人民政府关于报送武威市2020年度…报告的函, 第一百四十批: the sender, not 关于报送武威市)
    a = re.sub(r"关于(?:(?:报送|印发|公布|发布|公开)[" + HAN + r"]*)?$", "", a)
    # XX局向社会公布2022年度…报告 / XX局编制了2024年度…报告: the verb is not the name's
    a = re.sub(r"(?:向社会)?(?:公布|发布|编制了?)$", "", a)
    # 现公布鄂温克旗2019年…报告 (第一百四十五批): a sentence's verb before the name, not the name's
    a = re.sub(r"^(?:现|特|特此)(?:向社会)?(?:公布|发布|公开)", "", a)
    if a.endswith("人民"):
        a += "政府"     # 华容县人民政府信息公开工作年度报告: the 政府 of 政府信息公开 is the name's too
    joint = re.split(r"[、,，]", a)     # (the compact head prints 、 as ,)
    if len(joint) == 2 and all(re.fullmatch(rf"{_AGENCY_CHARS}{{2,20}}{_ORGAN}", x) for x in joint):
        a = joint[0]    # 城南办事处、城南园区2024年…报告 (靖江, 第一百二十六批): two names of one body, the first its own
    if not re.fullmatch(rf"{_AGENCY_CHARS}{{2,40}}", a) or "当前位置" in a or "首页" in a:
        return None
    if _PURPOSE.match(a):
        return None     # 为切实做好2020年度…年度报告编制及发布工作，根据…: a sentence, not a title
    return a


_PURPOSE = re.compile(r"为(?:了|切实|进一步|全面|认真)?做好|为了|根据|按照|依据|现将|现就")


def _cn_year(c: str) -> str:
    """二〇二三年 → 2023年; the digits of names (四川省, 三明市) stay as they are."""
    return re.sub(r"[〇零一二三四五六七八九]{4}(?=年)", lambda m: m.group().translate(_CN_YEAR), c)


_YEAR = r"(?P<year>(?:19|20)\d{2})"
_ORGAN = r"(?:政府|局|厅|委员会|委|办公室|中心|办事处|开发区|管委会|园区|街道|镇|乡|苏木)"
_INFO_TAIL = r"信息公开(?:工作)?(?:年?度)?(?:工作)?(?:报告|年报)"
_TITLE_RES = (
    # XX2023年度政府信息公开工作年度报告; XX 2021政府信息公开工作年度报告
    (re.compile(rf"^(?P<agency>.{{2,40}}?){_YEAR}(?:年度?)?{_NAMED_TAIL}"), "agency"),
    # 2023年度政府信息公开工作年度报告, the agency on the line before
    (re.compile(rf"^{_YEAR}(?:年度?)?{_TITLE_TAIL}"), "prev"),
    # 2023年XX政府信息公开工作年度报告
    (re.compile(rf"^{_YEAR}年度?(?P<agency>{_AGENCY_CHARS}{{2,40}}?){_NAMED_TAIL}"), "agency"),
    # XX政府信息公开工作2022年度报告
    (re.compile(rf"^(?P<agency>.{{2,40}}?)(?:政府信息公开|政务公开)(?:工作)?{_YEAR}年度?(?:工作)?报告"), "agency"),
    # XX局关于2021年度政府信息公开情况的报告 (宁强县自然资源局 2021, 第一百五十七批)
    (re.compile(rf"^(?P<agency>{_AGENCY_CHARS}{{2,40}}?)关于{_YEAR}年度?(?:政府信息公开|政务公开)(?:工作)?(?:情况)?的?报告"), "agency"),
    # XX人民政府信息公开工作年度报告(2023年度): the year in brackets after the title (洪山区 2023)
    (re.compile(rf"^(?P<agency>.{{2,40}}?){_TITLE_TAIL}\s*[（(]{_YEAR}年?度?[)）]"), "agency"),
    # XX镇人民政府2019年信息公开年度报告 (大路镇 2019), 2022年XX县卫生健康委员会信息公开年报 (湖口县
    # 2022): 信息公开 right after an organ's name, the year before or after it
    (re.compile(rf"^(?P<agency>.{{2,40}}?{_ORGAN}){_YEAR}(?:年度?)?{_INFO_TAIL}"), "agency"),
    (re.compile(rf"^{_YEAR}年度?(?P<agency>{_AGENCY_CHARS}{{2,40}}?{_ORGAN}){_INFO_TAIL}"), "agency"),
    # 舟山市民政局信息公开工作年度报告(2020年度) (第三百四十批): both, the year in brackets after
    (re.compile(rf"^(?P<agency>.{{2,40}}?{_ORGAN}){_INFO_TAIL}\s*[（(]{_YEAR}年?度?[)）]"), "agency"),
)


def _title_candidates(lines: list[str]):
    """(text, line it ends on, previous text): each line, and the space-separated pieces of a long
    line (a page's chrome and title run together: 当前位置：首页… XX2019年度政府信息公开工作年度报告
    来源：…); then each line joined with the next (a title wrapped over two lines)."""
    prev = ""
    for ln in lines:
        yield ln, ln, prev
        pieces = ln.split()
        if len(pieces) > 1:
            p_prev = prev
            for piece in pieces:
                yield piece, ln, p_prev
                p_prev = piece
        prev = ln
    prev = ""
    for i, ln in enumerate(lines[:-1]):
        if len(compact(ln)) <= 40:
            yield ln + lines[i + 1], lines[i + 1], prev
        prev = ln


# Every _TITLE_RES match starts at the text's start and is at most 60 characters long (a name of
# up to 40, a year, 年度, the title's own words), so a candidate is read only that far: a page
# stored as one line offers its whole text as a candidate.
_TITLE_READ = 96
_TITLE_FIELD_NAME = re.compile(r"^(?:标题|题目)[:：]")


def _title_text(text: str) -> str:
    """The compact start of a title candidate as _TITLE_RES reads it: 标题：and Markdown marks
    removed, a year in Chinese numerals as digits."""
    c = compact_head(text, _TITLE_READ, "#")
    return _cn_year(_TITLE_FIELD_NAME.sub("", c[:_TITLE_READ]))


# The title is among the first lines of the head; a page's menu (a line per link: 首页, 政务公开,
# 政策文件, …) does not count towards them, so a title under a long menu is still read (柘城县's
# 2024 page, 第四十七批: the title on line 31). Never past _TITLE_LINES_MAX lines.
_TITLE_LINES = 12
_TITLE_LINES_MAX = 40
_MENU_LINE = re.compile(r"[^。，,；;：:]{1,16}")


# A line of a page's markup printed as text (<legend id="h4sia"></legend>… above the title of a mirror's copy:
# 浙江省经信厅 2022, 第一百七十九批): no more a line of the report than a menu's
_MARKUP_LINE = re.compile(r"[\s•·\d.、]*(?:</?[A-Za-z][^<>]{0,80}>\s*)+")


def _title_window(lines: list[str]) -> int:
    """How many head lines may hold the title: twelve, and one more for every short menu line or
    line of markup."""
    menu = sum(1 for ln in lines[:_TITLE_LINES_MAX] if _MENU_LINE.fullmatch(compact(ln)) or _MARKUP_LINE.fullmatch(ln))
    return min(_TITLE_LINES_MAX, _TITLE_LINES + menu)


# A government's name printed before its zone's committee in one title (广州市黄埔区人民政府
# 广州开发区管委会, 第四十八批 of a session whose work did not land): the two report as one.
_JOINT_NAME = re.compile(identity.JOINT_NAME + "$")


_SENTENCE_MARKS = re.compile(r"[。，,；;：:！？!?、]")


def _placeless(agency: str) -> bool:
    """A title's name that is a bare organ's word, no place (办事处, 人民政府)."""
    n = identity.parse_name(agency, strict=False)
    return n is not None and not n.regions and len(agency) <= 6


def find_title(lines: list[str], html_title: str | None) -> tuple[str | None, int | None, str | None]:
    """(agency, year, title line) from the head of the document. A later title line of the same
    body for another year, followed by a 统计期限 of that year, is the report's own title: the first
    was the hosting page's (应急管理部2020年政府信息公开工作报告 above the ministry's 公告 and its
    应急管理部 2019 年政府信息公开工作报告, 统计期限为 2019年1月1日至2019年12月31日 — 应急管理部 2019,
    第三百九十四批)."""
    agency, year, title = found = _find_title(lines, html_title)
    if not (agency and year and title):
        return found
    at = next((i for i, ln in enumerate(lines) if title in ln), None)
    if at is None:
        return found
    for j in range(at + 1, len(lines)):
        c = _title_text(lines[j])
        if not c or "报" not in c or len(c) > _TITLE_CHARS:
            continue
        m = next((m for rx, where in _TITLE_RES if where == "agency" for m in [rx.search(c)] if m), None)
        if m is None or int(m.group("year")) == year or _clean_agency(m.group("agency")) != agency:
            continue
        later = int(m.group("year"))
        rest = compact("".join(lines[j + 1:j + 3]))
        p = _OWN_PERIOD.search(rest)
        if p and int(p.group(1)) == later == int(p.group(2)):
            return agency, later, lines[j].strip()
        break
    return found


# 统计期限为2019年1月1日至2019年12月31日 (compact text)
_OWN_PERIOD = re.compile(r"统计(?:期限|时限|区间|时间|期间)[为是:：]?自?(\d{4})年1月1日(?:起)?至(\d{4})年12月31日")


def _find_title(lines: list[str], html_title: str | None) -> tuple[str | None, int | None, str | None]:
    cands = list(lines)
    if html_title:
        cands.append(html_title)
    cover = None        # a covering notice's title (…关于印发…年度报告的通知), kept in case no title follows
    bare = None         # a title that names no body, kept in case a later one does
    for text, line, prev in _title_candidates(cands):
        c = _title_text(text)
        if not c or "报" not in c:
            continue            # (every title pattern ends in 报告 or 年报)
        for rx, where in _TITLE_RES:
            m = rx.search(c)
            if not m:
                continue
            agency = _clean_agency(m.group("agency")) if where == "agency" else _clean_agency(compact(prev))
            if agency or where == "prev":
                # a piece of a longer line is the title itself; the rest of that line is kept
                title = (text if text != line and text in line else line).strip()
                if agency and where == "agency" and text == line and prev and len(compact(prev)) <= 40 and \
                        not _SENTENCE_MARKS.search(prev) and _placeless(agency):
                    # 「重庆市沙坪坝区人民政府小龙坎街道」/「办事处2023年…报告」 (第五十二批): a title
                    # broken inside the name; the line alone names no body (办事处)
                    j = rx.search(_title_text(compact(prev) + text))
                    longer = _clean_agency(j.group("agency")) if j else None
                    whole = identity.parse_name(longer, strict=False) if longer else None
                    if whole is not None and whole.regions and len(longer) > len(agency) and longer.endswith(agency):
                        agency = longer
                joint = _JOINT_NAME.search(prev) if agency and where == "agency" and text != line and \
                    f"{prev} {text}" in line else None
                first = identity.clean_claim(joint.group()) if joint else ""
                if joint and (joint.start() == 0 or identity.parse_name(first, strict=False) is not None
                              and identity.parse_name(first, strict=False).regions):
                    # 广州市黄埔区人民政府 广州开发区管委会2023年…报告 after the page's chrome, or at the
                    # end of the preamble's 现公布… (第五十三批): two bodies that report as one, the first
                    # its own piece of the line
                    agency = first + agency
                    if joint.start() == 0:
                        title = f"{prev} {text}"
                found = agency, int(m.group("year")), _title_end(title)
                if not agency and bare is None:
                    # 2023年度政府信息公开工作年度报告 / 桃江县松木塘镇人民政府 / 2023年政府信息公开工作年度报告
                    # (第三百四十五批): a first title line with no name above it; the next one may name it
                    bare = found
                    break
                if not agency:
                    break
                if cover is None and _COVERING.match(c, m.end()):
                    # 泉港区人民政府办公室关于印发泉港区/2024年度…年度报告的通知, then the report's own title
                    # 泉港区2024年度…年度报告 (泉港区 2024, 第一百九十批): the notice's sender is not whose
                    # report it is — the title that follows is read first
                    cover = found
                    break
                return found
    if cover is not None:
        return cover
    if bare is not None:
        return bare
    # 「湘桥区教育局政府信息公开工作年度报告」 alone on its line, no year (第二百一十七批): the title
    # names the body all the same; the year is the body's to tell
    for ln in lines:
        m = _YEARLESS_TITLE.fullmatch(compact(ln))
        if m is None:
            continue
        agency = _clean_agency(m.group("agency"))
        name = identity.parse_name(agency, strict=False) if agency else None
        if name is not None and name.regions and not _placeless(agency):
            return agency, None, ln.strip()
    return None, None, None


_YEARLESS_TITLE = re.compile(rf"(?P<agency>{_AGENCY_CHARS}{{4,40}}?){_NAMED_TAIL}")


_COVERING = re.compile(r"的(?:通知|函)")


_TAIL_IN_LINE = re.compile(_TITLE_TAIL + r"(?:的函|的通知)?")      # (关于…年度报告的函: a covering letter's title)
# A title is at most this long as printed; a longer title line runs on into the report (a page
# stored as one line: 「…年度报告…年度报告2019年，…现公布…报告。一、总体情况…」).
_TITLE_CHARS = 80


def _title_end(title: str) -> str:
    """A title line that runs on past the title is cut after the title's first 「…工作年度报告」, so
    what follows (the preamble) is not taken as part of the title and lost."""
    if len(title) <= _TITLE_CHARS:
        return title
    m = _TAIL_IN_LINE.search(title)
    return title[:m.end()] if m else title


# A 管理委员会 governs a zone (某开发区管理委员会, 某新城管委会); after other words (城市管理委员会,
# 建设和管理委员会) it is a department of a government.
_DEPARTMENT_COMMITTEE = re.compile(r"(?<![区园港城地带场])(?:管理委员会|管委会)$")


def _level(agency: str) -> Level:
    # (西青区西营门街: 天津's short name of a 街道办事处)
    if re.search(r"(?:镇|乡|苏木|街道|街道办事处|办事处)(?:人民政府|政府)?$|[区县][" + HAN + r"]{2,5}街$", agency):
        return Level.township
    gov = agencies.government_suffixes()
    if _DEPARTMENT_COMMITTEE.search(agency):
        return Level.department     # 北京市城市管理委员会, 宝山区建设和管理委员会: a department, not a zone's 管委会
    if agency.endswith("关区"):
        return Level.department     # 广州海关关区 (第一百二十批): a customs district is no place with a government
    if agency.endswith(gov) or (agencies.department_of(agency) is None and
                                re.search(r"(?:省|自治区|市|州|盟|地区|县|区|旗)$", agency)):
        return Level.government
    return Level.department


def _short_names(agency: str, region: str | None = None) -> list[str]:
    if region is None:
        region = agencies.region_of(agency)
    dept = agencies.department_of(agency)
    if not region or not dept:
        return []
    parts = re.findall(r"[" + HAN + r"]+?(?:自治区|省|市|州|盟|地区|县|区|旗)", region)
    last = parts[-1] if parts else region
    out = []
    for n in (dept.full, *dept.shorts):
        name = last + n
        if name != agency and name not in out:
            out.append(name)
    return out


def _strip_chrome_prefix(text: str) -> str:
    """Page chrome run into the first paragraph (当前位置：首页… 相关链接： -->)."""
    m = re.search(r"当前位置\s*[:：]|^\s*来源\s*[:：]", text[:400])
    if not m:
        return text
    tail = text[m.start():m.start() + 600]
    ends = [e.end() for e in re.finditer(r"-->|相关链接\s*[:：]|文件下载|【打印】|【关闭】|字号\s*[:：]?\s*[大中小\s]*", tail)]
    if not ends:
        return text
    return (text[:m.start()] + tail[max(ends):] + text[m.start() + 600:]).strip()


# An untitled copy's opening sentence that announces the year's report (现公布广东省人民政府办公厅
# 2023年政府信息公开工作年度报告): it is an annual report even when no part heading survived.
_ANNOUNCED = re.compile(r"(?:公布|发布)[^。，,；;\n]{0,40}?(?:19|20)\d{2}\s*年度?\s*" + _TITLE_TAIL)
_ANNOUNCE_REACH = 400
_OVERALL_ITEMS = re.compile(r"[（(]一[)）]\s*主动公开[^\n]{0,400}?[（(]二[)）]\s*依申请公开")
_FIRST_ITEM_LINE = re.compile(r"^[ \t\u3000]*[（(]一[)）][^\n]{2,40}", re.M)
_PREAMBLE_DONE = re.compile(r"部分组成|统计(?:期限|时限)")
_OVERALL_ITEM_LINES = re.compile(r"^\s*[（(]一[)）]\s*主动公开[\s\S]{0,1200}?\n\s*[（(]二[)）]\s*依申请公开", re.M)
# …or whose opening has the template's own preamble sentences (本年度报告由XX编制…；本报告所列数据的
# 统计期限自2021年1月1日起…): an untitled copy of a report that prints its parts unnumbered
# (本年报由总体情况,…等六部分组成。报告中所列数据的统计时限为…: 吉林经开区社会事业管理局 2023)
# (…要求编制本报告。全文包括总体情况、…。所列数据统计期限自2025年1月1日…: 鄂温克族自治旗 2025, 第一百八十五批 —
# the form's preamble in other words, no title and no 一、 heading)
# (本报告由银川市市政管理局根据《…》(以下简称《条例》)规定编制而成: the law named between — 第二百零四批)
_OWN_PREAMBLE = re.compile(r"(?:本年度报告|本报告|本年报|报告中)[^。]{0,20}(?:由[^。]{2,90}?编制|由[^。]{2,120}组成|所列数据的?统计(?:期限|时限))"
                           r"|编制本(?:年度)?报告。[^。]{0,10}全文(?:主要)?(?:包括|由)[^。]{0,6}总体情况")
_PREAMBLE_REACH = 800


# -- the whole document ---------------------------------------------------------------
# Other spaces read as the space (&nbsp; of a web page between a row's label and its figures, the
# thin and figure spaces of a typeset file), zero-width ones as nothing: the readers below know the
# plain space and the ideographic one.
# Full-width digits (２０２３年) are read as the digits they are: the title's year, a row's figures.
_SPACES = str.maketrans({**{c: " " for c in "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"},
                         **{c: None for c in "\u200b\u200c\u200d\u2060\ufeff"},
                         **{chr(0xFF10 + i): str(i) for i in range(10)}})
_ODD_CHAR = re.compile("[\u00a0\u2002-\u200d\u202f\u205f\u2060\ufeff\uff10-\uff19]")


def parse(doc: Doc, source: str = "", agency: str | None = None, year: int | None = None) -> Ingested:
    problems: list[ReadProblem] = list(doc.problems)     # met while reading the file (OCR)
    doc = clean(doc)      # page numbers, running headers and page-break splits (printed reports)
    lines = doc.lines
    # (each test below searches the joined text once, in C, rather than line by line)
    if _ODD_CHAR.search("\n".join(lines)):
        # (translate looks up every character: only a text that holds one of them pays for it)
        lines = [ln.translate(_SPACES) for ln in lines]
    lines = list(lines)
    head = "\n".join(lines[:400])
    if claims_text.looks_traditional(head):
        # a copy in traditional characters (a wiki mirror): headings, labels and names read as
        # the simplified report they were published as
        lines = [claims_text.simplified(ln) for ln in lines]
        head = "\n".join(lines[:400])
    if "(" in head and _PINYIN_NOTE.search(head):
        # a mirror that prints a character's pinyin after it (規(guī)章 | 0 | 0 | 0: 缙云县医疗保障局 2020,
        # 第六十二批 — three rows' labels unread, P002): the report's text without it
        lines = [_PINYIN_NOTE.sub("", ln) for ln in lines]
    # Drop chrome lines but remember a 标题 line's value (it is the title).
    kept: list[str] = []
    grid: set[int] = set()
    numbered_at: set[int] = set()     # original offsets of lines Word numbers itself
    off = 0
    field_list = _field_list_lines(lines)
    if doc.kind in ("text", "html", "markdown"):
        # a web page's list as its copy renders it (「- 主动公开情况」: the (一)(二)(三) items of 一 on
        # 扎赉特旗政府办 2025's page, 第七十一批 — three wrong Y002 errors): the items' words, not Markdown
        # a person left in the report
        lines = [_LIST_MARK.sub(r"\1", ln) if ln[:4].lstrip()[:1] in _LIST_CHARS else ln for ln in lines]
    # 「—、总体情况」 (同心县自然资源局 2021, 第一百四十五批): a dash typed for 一 before part 一's title
    if any(c in head for c in "—－─━") or len(lines) > 400:
        lines = [_DASH_ONE.sub(r"\1一", ln) if ln[:3].lstrip()[:1] in "—－─━" else ln for ln in lines]
    for i, ln in enumerate(lines):
        if "标题" in ln and _TITLE_FIELD.match(ln):
            ln = _TITLE_FIELD.sub("", ln)
        elif (_chrome_line(ln) or i in field_list or (ln.endswith(">") and _PAGE_SUMMARY.search(ln))) and i not in doc.grid:
            continue
        if i in doc.grid:
            grid.add(len(kept))
        if i in doc.numbered:
            numbered_at.add(off)
        kept.append(ln)
        off += len(ln) + 1
    text = "\n".join(kept)
    limits.check("report_chars", len(text), source=source)
    cv = Compact(text)
    offsets = []
    off = 0
    for ln in kept:
        offsets.append(off)
        off += len(ln) + 1
    heads = find_headings(cv, _prose_lines(cv, offsets, grid))
    if len(heads) < len(_NUMS) and _paren_part_lines(text, {h.index for h in heads}):
        alt = _paren_numbered_headings(text, cv, offsets, grid)
        if alt is not None and len(alt) > len(heads):
            heads = alt

    # title, agency, year
    # No part headed at all, but the items of 一、总体情况 printed on their own ((一)主动公开。…(二)依申请
    # 公开。…): the part is there without its heading, and the preamble ends where it begins.
    overall_at = None
    if not heads:
        # 「一、 总体公开工作情况概述」 alone on its line (银川市市政管理局 2020, 第二百零四批): part 一 headed in
        # words of its own, the copy cut before 二 — the heading opens part 一 (S004/S001 say how it differs)
        m = _OWN_WORDS_ONE.search(text)
        if m is None:
            m = _OVERALL_ITEMS.search(text)
        items_found = m is not None
        if m is None:
            # (一)主动公开情况。 and (二)依申请公开情况。 each on a line of its own (荣昌区安富街道 2025, 第二百六十九批:
            # a copy that starts inside part 一, its first paragraph and then the items)
            m = _OVERALL_ITEM_LINES.search(text)
            items_found = m is not None
        if m is None:
            # …等六部分组成。报告中所列数据的统计时限为…。 then 「(一)组织领导和机构开展情况」 on a line of its own:
            # the preamble done, part 一 begins with its first item, unheaded (吉林经开区社会事业管理局
            # 2023, 第一百六十五批: could not be read at all)
            m = _FIRST_ITEM_LINE.search(text)
            if m is not None and not _PREAMBLE_DONE.search(text, 0, m.start()):
                m = None
        overall_at = m.start() if m else None
    # The first part headed in words of its own (一、2023年工作开展情况), the others found: its line,
    # numbered 一 and alone on it, opens part 一 (S004 reports the wording).
    first_part = _FIRST_PART_LINE.search(text, 0, cv.orig(heads[0].start)) \
        if heads and heads[0].index > 0 else None
    if heads and heads[0].index > 0 and first_part is None:
        # 一 unheaded, its items (一)主动公开方面…(五)监督保障方面 on lines of their own before 「二、」
        # (河口县桥头乡 2022, 第一百三十二批: S001 said part 一 was missing — an error on a complete copy)
        m = _OVERALL_ITEM_LINES.search(text, 0, cv.orig(heads[0].start))
        overall_at = m.start() if m else None
    head_end = (first_part.start() if first_part else cv.orig(heads[0].start)) if heads else \
        (overall_at if overall_at is not None else len(text))
    head_text = text[:head_end]
    head_lines = [ln for ln in head_text.split("\n") if ln.strip()]
    t_agency, t_year, title_line = find_title(head_lines[:_title_window(head_lines)], doc.title)
    if t_agency and agency is None:
        t_agency = _placed(text, t_agency)
        t_agency = _organ_under_region(head_lines, title_line, t_agency, text)
    if not heads:
        tables_anywhere = _has_table_labels(text)
        if not tables_anywhere and title_line is None and not _ANNOUNCED.search(text, 0, _ANNOUNCE_REACH) \
                and not _OWN_PREAMBLE.search(text, 0, _PREAMBLE_REACH) and not items_found:
            # Nothing says this is an annual report. A titled copy that holds only the opening
            # (a stored page cut before 「一、总体情况」) is read: its preamble can be checked; so is
            # an untitled one whose first sentence announces the year's report (现公布XX2023年…年度报告).
            raise ReportLoadError(["未能识别出年度报告的内容：没有找到「一、总体情况」等部分标题，也没有找到统计表"], source)

    # 落款: trailing agency line and date
    date = None
    tail_agency = None
    body_end = len(text)
    tail_lines = text.split("\n")
    cut = len(tail_lines)
    while cut > 0:
        ln = tail_lines[cut - 1].strip()
        if not ln or _TRAILING_CHROME.fullmatch(ln) or _chrome_line(ln):
            cut -= 1
            continue
        m = _DATE_LINE.match(ln)
        if m and date is None:
            date = f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日"
            cut -= 1
            continue
        c = compact_upto(ln, 30)
        if c is not None and _ORG_END.search(c) and not _CLAUSE_MARK.search(c) and tail_agency is None \
                and not _ITEM_START.match(c) and not _NOT_A_NAME.search(c) \
                and not (date is None and _after_heading(tail_lines, cut - 1)):
            tail_agency = c
            cut -= 1
            continue
        # a page stored as one long line: …无其他需要报告事项。 XX局 2020年1月13日 附件下载
        m = _INLINE_SIGN.search(ln, _sign_reach(ln)) if tail_agency is None else None
        if m and (m.group("y") or date is not None):
            tail_agency = m.group("org")
            start = m.start()
            if _NONE_BEFORE_SIGN.match(tail_agency):
                # 「六、其他需要报告的事项 无平潭综合实验区行政审批局 2020年1月2日」: the part's
                # content 无 runs into the 落款, which is the rest of the name.
                tail_agency, start = tail_agency[1:], start + 1
            if m.group("y") and date is None:
                date = f"{m.group('y')}年{int(m.group('m'))}月{int(m.group('d'))}日"
            line_start = len("\n".join(tail_lines[:cut - 1])) + (1 if cut > 1 else 0)
            body_end = line_start + tail_lines[cut - 1].find(ln) + start
        break
    if cut < len(tail_lines):
        body_end = len("\n".join(tail_lines[:cut]))
    if date is None:
        for ln in head_lines[:6]:
            m = _DATE_LINE.match(ln)
            if m:
                date = f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日"

    # A page whose title names no body (「2023年政府信息公开工作年度报告」) names it in its
    # 发布机构 field; the 落款 still comes first.
    found_agency = t_agency or tail_agency or _head_sign(head_lines) or _publisher(lines[:_PUBLISHER_LINES])
    if agency is None and found_agency and not t_agency and not tail_agency:
        # the 发布机构 field names the office that put the page up (县卫健局办公室); the report's own
        # words name its body (浦江县卫生健康局撰写了2022年度…报告, 第五十二批): those win
        own = next(identity.self_references(text), None)
        if own is not None and own.name.regions and not identity.bare_name(own.name) and \
                found_agency.endswith("办公室") and not own.name.text.endswith("办公室"):
            found_agency = own.name.text
    if agency is None and found_agency and doc.unsure_lines:
        found_agency = _ocr_agency(doc.unsure_lines, t_agency, tail_agency, problems)
    guess_agency = agency is None and not found_agency
    placeless = None
    if agency is None and found_agency and found_agency[0] in _BARE_LEVELS and len(found_agency) > 1:
        # 「县人民政府办公室2021年…报告」 (湟源县 2021): the title lost the place's name; the place
        # of that level the body names most (湟源县始终坚持…) fills it in, as a guess
        place = _named_before(text, found_agency) or _body_place(text, found_agency[0])
        if place is not None and (place.startswith(found_agency[0]) or found_agency[1:].startswith(place)):
            place = None        # 区香蜜湖片 from 「区香蜜湖片区建设发展事务中心」 itself: the name's own words, no place
        if place is not None:
            placeless, found_agency = found_agency, place + found_agency     # 湟源 + 县人民政府办公室
            # …and the prose's own full form of that name where it writes one (县政府办 in the title,
            # 府谷县人民政府办公室 twice in the prose, 第五十一批)
            found_agency = _full_form_in_body(text, found_agency) or found_agency
    if agency is None:
        agency = found_agency or identity.UNKNOWN_AGENCY
        if placeless is not None:
            problems.append(Problem("P003", f"{identity.NO_AGENCY}（标题中的「{placeless}」没有地名），按正文推定为"
                                            f"「{agency}」；请核实基本信息中的机关名称，核实之前与机关名称有关的检查只作提示。"))
    if year is None:
        year = t_year
        if year is None:
            year = _year_from_body(text)
            if year is None:
                raise ReportLoadError(["未能从标题、统计期限或正文中识别出报告年度；请用 --year 指定"], source)
            problems.append(Problem("P003", f"未能从标题中识别出报告年度，按正文推定为{year}年。"))
    elif t_year is not None and t_year != year:
        problems.append(Problem("P003", f"标题中的年度为{t_year}年，与指定的{year}年不一致。"))
    if not 2008 <= year <= 2100:
        raise ReportLoadError([f"报告年度 {year} 不在 2008—2100 年之间（现行条例下的年度报告始于2008年度）"], source)
    version = version_for_year(year)
    mixed: dict[str, tuple[str, list[str]]] = {}
    forms = _printed_forms(heads, cv, text, body_end, version, mixed)
    if forms and all(f != version for f in forms.values()):
        # Every table whose form can be told is the other template's form (a 2021 report filled
        # in on the 2019 tables): read them as printed; S005 reports the mismatch.
        version = next(iter(forms.values()))
    tpl = get_template(version)

    for tkey, form in forms.items():
        if form != version_for_year(year):
            problems.append(_form_problem(tkey, form, year))
    if version != version_for_year(year):
        mixed = {}
    for tkey, (form, rows) in mixed.items():
        problems.append(_mixed_form_problem(tkey, form, rows, year))
    # A 落款 that names another body than the title (last year's name, another unit's text) is
    # kept, so the identity rule can say so.
    signed = tail_agency if t_agency and tail_agency and compact(tail_agency) != compact(t_agency) else None
    region = agencies.region_of(agency)
    meta = Meta(agency=agency, year=year, level=_level(agency), date=date, signed=signed,
                template=version if version != version_for_year(year) else None,
                short_names=_short_names(agency, region), region=region or None)

    # preamble: between the title and the first heading
    pre_lines = []
    title_seen = False
    # the title's own line where it stands alone, not a cover's sentence that names it first
    # (…编制了《应急管理部 2019 年政府信息公开工作报告》,现予公布 — 应急管理部 2019)
    alone = bool(title_line) and any(ln.strip() == title_line for ln in head_lines)
    for ln in head_lines:
        if title_line and not title_seen and (ln.strip() == title_line if alone else title_line in ln):
            # the title, alone on its line or run together with the page's chrome and the opening
            title_seen = True
            pre_lines = []
            rest = ln[ln.index(title_line) + len(title_line):].strip()
            if rest.startswith(title_line):
                rest = rest[len(title_line):].strip()      # the title printed twice (page heading and text)
            if rest:
                pre_lines.append(rest)
            continue
        if _DATE_LINE.match(ln) or (found_agency and compact_upto(ln, len(found_agency)) == found_agency):
            continue
        pre_lines.append(ln.strip())
    preamble = _strip_chrome_prefix("\n".join(pre_lines)).strip() or None
    if preamble and title_line is None and len(preamble) < 40 and "。" not in preamble:
        preamble = None

    if t_agency is None and tail_agency is not None and agency == tail_agency and preamble:
        _own_from_opening(meta, preamble, tail_agency)

    sections: dict[str, Section] = {}
    tables: dict = {}
    parts = []
    for i, h in enumerate(heads):
        start = cv.orig_end(h.end)
        end = cv.orig(heads[i + 1].start) if i + 1 < len(heads) else body_end
        heading = text[cv.orig(h.start):start].strip()
        spec = tpl.section(h.key)
        if cv.orig(h.start) in numbered_at and not heading.startswith(spec.no):
            heading = f"{spec.no}、{heading}"    # Word prints the number; the text lacks it
        parts.append((h.key, heading, start, max(start, end)))
    if overall_at is not None and heads:
        parts.insert(0, ("overall", "", overall_at, max(overall_at, cv.orig(heads[0].start))))
    elif overall_at is not None:
        parts.append(("overall", "", overall_at, max(overall_at, body_end)))
    if first_part is not None:
        parts.insert(0, ("overall", first_part.group().strip(), first_part.end(), cv.orig(heads[0].start)))
    prev_text: tuple[int, int] | None = None       # the span of the last text part read
    for key, heading, start, end in _unheaded_parts(parts, text, tpl):
        body = text[start:end]
        spec = tpl.section(key)
        if spec.kind == "table":
            table_spec = tpl.tables[spec.table]
            form = forms.get(spec.table)
            if form is not None and form != version:
                # Read as printed (the other form's columns, e.g. 上一年项目数量/本年增/减/处理决定数量),
                # so a row's figures are cut into the cells it really has; only the rows both forms
                # share are kept below.
                table = read_table(get_template(form).tables[spec.table], form, body, problems,
                                   cv.view(start, end), at_end=not text[end:].strip())
            else:
                table = read_table(table_spec, version, body, problems, cv.view(start, end),
                                   at_end=not text[end:].strip())
            if table is not None and spec.table in mixed:
                # the blocks printed on the other form: their figures are not this form's cells
                # (本年新制作数量 is not 本年制发件数); S005 names the rows they leave unfilled
                shut = set(mixed[spec.table][1])
                table = {k: v for k, v in table.items() if k not in shut}
                problems[:] = [p for p in problems if not (p.table == spec.table and p.row in shut)]
            if table is not None and form is not None and form != version:
                # One table on the other template's form (the rest on the year's): keep only the
                # rows both forms share; S005 names the rows it cannot fill.
                gaps = set(form_gaps(spec.table, form, version))
                table = {k: v for k, v in table.items() if k not in gaps}
            if table is None and _figures_in(body) < _TABLE_FIGURES and prev_text is not None:
                # 表二 printed above its own heading, at the end of 一 (城中区文体旅游科技局 2023: the
                # page's table came before its caption): read from there
                found: list[ReadProblem] = []
                above = read_table(table_spec, version, text[prev_text[0]:prev_text[1]], found,
                                   cv.view(*prev_text))
                if above:
                    table = above
                    problems.extend(found)
            if table is None and _figures_in(body) >= _TABLE_FIGURES:
                # figures enough for a table, none of it readable: the table is there, unread (P002);
                # a part with no such figures has no table at all, which S006 reports alone
                problems.append(Problem("P002", f"「{spec.title}」下未能识别出{table_spec.name}的行列标签，无法读取该表。",
                                        spec.table))
            elif table is None and _header_printed(table_spec, body):
                # the table's header is printed and no row after it (a copy cut there, 第六十五—七十五批:
                # 「第二十条第(一)项 | 信息内容 | 本年新制作数量…」 then nothing): the table is there with
                # its rows unfilled (T001), not missing (S006)
                tables[spec.table] = {}
            else:
                tables[spec.table] = table
            # (a sentence's line that ends in the colon of what follows, …其他方式公開政府信息67條。我們主要
            # 通過以下途徑公開政府信息: — 汪場鎮 2019, 第五十五批: the total and its list were dropped)
            prose = [_whole_sentences(ln.strip()) for ln in body.split("\n")
                     if "\t" not in ln and len(ln.strip()) >= 10 and "。" in ln]
            prose = [ln for ln in prose if ln]
            prose += _prose_before_table(body)
            # A part the template does not have, printed after the table under its own number
            # (「五、信息处理费收取情况」): its heading is kept, so the report says where it went.
            prose += stray_headings(body)
            sections[key] = Section(heading=heading, text="\n".join(prose))
            prev_text = None
        else:
            sections[key] = Section(heading=heading, text=_clean_body(body))
            prev_text = (start, end)

    if guess_agency:
        # No title or 落款 names the agency: read the prose's own words for it (本报告由XX编制,
        # XX坚持以…), and say it is a guess — the identity rules then only warn.
        texts = [("preamble", preamble or "")] + [(k, sec.text) for k, sec in sections.items()]
        claim = identity.infer_agency(texts)
        if claim is None:
            problems.append(Problem("P003", f"{identity.NO_AGENCY}；机关名称暂记为「{identity.UNKNOWN_AGENCY}」，"
                                            "机关名称相关的检查结果不可靠。"))
        else:
            agency = claim.name.text
            if agency[0] in _BARE_LEVELS and len(agency) > 1 and (place := _body_place(text, agency[0])) is not None \
                    and agencies.is_division(place + agency[0]):
                # 特向社会公布县住建局2019年…报告。…由枞阳县住房和城乡建设局编制 (枞阳县住建局 2019, 第三百七十六批):
                # the prose's name without its place; the place of that level the text names most fills it
                # in, and the prose's own full form of that name where it writes one
                full = _full_form_in_body(text, place + agency)
                agency = full if full and full.startswith(place) else place + agency
            meta.agency, meta.level = agency, _level(agency)
            region = agencies.region_of(agency)
            meta.short_names, meta.region = _short_names(agency, region), region or None
            problems.append(Problem("P003", f"{identity.NO_AGENCY}，按正文「{claim.quote[:40]}」推定为「{agency}」；"
                                            "请核实基本信息中的机关名称，核实之前与机关名称有关的检查只作提示。"))
    report = Report(meta=meta, preamble=preamble, sections=sections, tables=tables, problems=problems)
    report.history.append(HistoryEntry(action=Action.ingest, who="drafting ingest",
                                       detail=f"读取自已发布的报告 {source}（{_KIND_ZH.get(doc.kind, doc.kind)}）"))
    return Ingested(report=report, problems=[p for p in problems if not is_reading_note(p)],
                    kind=doc.kind, source=source)


# (part 一's title words read from the format data, both versions)
_DASH_ONE = re.compile(r"^(\s*)[—－─━](?=[、,，.．]\s*(?:政府信息公开)?(?:工作)?(?:的)?(?:"
                       + "|".join(sorted({re.escape(get_template(v).section("overall").title.split("、", 1)[-1])
                                          for v in VERSIONS})) + "))")
_OWN_WORDS_ONE = re.compile(r"^[ \t\u3000]*一[、.．][ \t\u3000]*[^\n。；;，,]{0,16}(?:总体|概述|概况)[^\n。；;，,]{0,10}$", re.M)
_FIRST_PART_LINE = re.compile(r"^[ \t\u3000]*一[、.．][^\n。；;，,]{0,24}$", re.M)
# Parts numbered in brackets at a line's start, (一)总体情况 … (二)主动公开政府信息的情况 (白沙县 2023):
# read as 一、… where that finds more parts than the report's headings read otherwise. The same
# length as the text (the bracket becomes a space and 、), so offsets stay those of the text.
_PAREN_PART = re.compile(r"^[ \t\u3000]*[(（]([一二三四五六])[)）]", re.M)


def _paren_part_lines(text: str, found: set[int]) -> bool:
    """Whether a line opens with the bracketed number of a part not found, and is short and holds
    no full stop, as a heading would (the second reading of the headings costs as much as the
    first: it is made only then)."""
    for m in _PAREN_PART.finditer(text):
        if _NUMS.index(m.group(1)) in found:
            continue
        end = text.find("\n", m.end())
        line = text[m.end():end if end >= 0 else len(text)]
        if len(line) > 30 or "。" in line:
            continue
        # sharing most of the kinds of character of one of the part's titles ((四)平台建设方面
        # is an item of 一, not part 四)
        key = _SECTION_KEYS[_NUMS.index(m.group(1))]
        chars = set(compact(line))
        if any(len(chars & t) >= 0.6 * len(t) for t in _title_charsets()[key]):
            return True
    return False


_SECTION_KEYS = [s.key for s in get_template("2021").sections]


@lru_cache(maxsize=1)
def _title_charsets() -> dict[str, list[frozenset]]:
    return {k: [frozenset(t) for t in ts] for k, ts in _titles().items()}


_PAREN_ITEM = [re.compile(rf"(?:^|\n)\s*[(（]{n}[)）]") for n in _NUMS]


def _paren_numbered_headings(text: str, cv: Compact, offsets: list[int], grid: set[int]) -> list[Heading] | None:
    """The headings found where line-opening (一)…(六) are read as 一、…六、, in ``cv``'s offsets;
    None unless they are two or more. Subsections of 一 ((一)主动公开方面) share too little with the
    other parts' titles to be taken for them."""
    alt = _PAREN_PART.sub(lambda m: m.group()[:-3] + " " + m.group(1) + "、", text)
    acv = Compact(alt)
    found = find_headings(acv, _prose_lines(acv, offsets, grid), reported=False)
    # only a part's own number: (一)主动公开政府信息情况 is an item of 一, not part 二
    # and a line of its own: (二)主动公开政府信息统计。2020年，… opens an item of 一
    found = [h for h in found if h.numbered and acv.s[h.start:h.start + 1] == _NUMS[h.index]
             and not text[acv.orig_end(h.end):].split("\n", 1)[0].strip()]
    # (二)主动公开政府信息情况 after 一、总体情况 printed as such and its (一)公开形式: the next item of
    # part 一, not part 二 (绵阳市卫健委 2020, 第四百批; 临海市水利局 2020, 第三百九十五批)
    def bracketed(h: Heading) -> bool:
        o = acv.orig(h.start)
        return bool(o) and text[o - 1] in "(（"
    ones = [acv.orig(h.start) for h in found if h.index == 0 and not bracketed(h)]
    found = [h for h in found if not (bracketed(h) and h.index >= 1 and any(
        o1 < acv.orig(h.start) and _PAREN_ITEM[h.index - 1].search(text, o1, acv.orig(h.start)) for o1 in ones))]
    if len(found) < 2:
        return None
    out = []
    for h in found:
        o = acv.orig(h.start)
        if o and text[o - 1] in "(（":
            o -= 1              # the heading as printed, from its bracket
        out.append(dataclasses.replace(h, start=cv.pos(o), end=cv.pos(acv.orig_end(h.end))))
    return out


def _own_from_opening(meta: Meta, preamble: str, signed: str) -> None:
    """No title names the body, and the 落款 does: when the opening says in its own words whose
    report this is (现将XX2024年度政府信息公开工作的有关情况…, 本报告由XX编制) and names another body
    than the 落款 — certainly another, not the same one written shorter — the opening is the report's
    own name (as a title would be) and the 落款 is kept as signed, for the identity rule to question
    (投资促进局's 2024 report signed by 国有资产管理局, last year's text)."""
    claim = next(identity.self_references(preamble), None)
    tail = identity.parse_name(signed, strict=False)
    if claim is None or tail is None or compact(claim.name.text) == compact(signed):
        return
    mine = claim.name
    own = identity.Own(agency=mine.text, certain=True, name=mine, regions=mine.regions,
                       names=frozenset({mine.text}))
    if identity.relation(tail, own)[0] != "foreign":
        return
    region = agencies.region_of(mine.text)
    meta.agency, meta.level, meta.signed = mine.text, _level(mine.text), signed
    meta.short_names, meta.region = _short_names(mine.text, region), region or None


# Where a part printed without its heading starts: the problems part opens with its first item
# about problems or their improvement (（一）主要问题, （一）2024 年工作中存在问题的改进情况).
_UNHEADED_START = {
    "problems": re.compile(r"(?:^|(?<=[\d\n]))[ \t\u3000]*(?:[（(][一1][)）][^\n。]{0,24}(?:问题|不足|改进)"
                           r"|(?:存在的主要问题|存在问题|主要问题)(?:及|和)?(?:改进)?[^\n。]{0,8}[\n:：])",
                           re.M),
}
# A top-level part under its own number that is not one of the template's parts.
_STRAY = re.compile(r"(?:^|(?<=[\d\n]))[ \t\u3000]*([一二三四五六七八九十][、.．][" + HAN + r"（）()]{2,24}?"
                    r"(?:情况|事项|问题|措施))")


def _whole_sentences(line: str) -> str:
    """The line's prose as whole sentences: all of it when it ends in 。 or in the colon of what
    follows (…我們主要通過以下途徑公開政府信息:); else up to its last 。 — a line cut off in a stored
    copy keeps the sentences it finished (桃源县架桥镇 2019, 第一百零三批: 「…共接受群众咨询6875次,其中…
    网上咨询无。本地本单位…其中按」 was dropped whole, and its list never read)."""
    if line.endswith(("。", ":", "：")):
        return line
    return line[:line.rfind("。") + 1]


def stray_headings(body: str) -> list[str]:
    """Headings such as 「五、信息处理费收取情况」 inside a part's text (after its table)."""
    return [m.group(1) for m in matches(_STRAY, body)]     # (tried only where a number can start)


def _unheaded_parts(parts: list[tuple[str, str, int, int]], text: str, tpl) -> list[tuple[str, str, int, int]]:
    """A part whose heading was lost (a converted PDF that dropped it, a page that left it out)
    while its content is there, after the part before it: split off with an empty heading
    (S001 reports the missing heading as a warning, the part as present)."""
    keys = [p[0] for p in parts]
    order = list(tpl.section_keys)
    out = list(parts)
    for key, start_re in _UNHEADED_START.items():
        if key in keys:
            continue
        idx = order.index(key)
        before = [i for i, p in enumerate(out) if order.index(p[0]) < idx]
        after = [i for i, p in enumerate(out) if order.index(p[0]) > idx]
        if not before or (after and after[0] != before[-1] + 1):
            continue
        i = before[-1]
        pkey, pheading, pstart, pend = out[i]
        if order.index(pkey) != idx - 1:
            # only out of the part right before it: a copy holding 一 alone (二–四 cut off) has its
            # own （一）…问题 item (广东省生态环境厅 2020, 第五十批), no headless 五
            continue
        m = search(start_re, text, pstart, pend)
        if not m:
            continue
        cut = m.start()
        while cut < pend and text[cut] in " \t\u3000\n":
            cut += 1
        out[i] = (pkey, pheading, pstart, cut)
        out.insert(i + 1, (key, "", cut, pend))
    return out


def _printed_forms(heads: list[Heading], cv: Compact, text: str, body_end: int, version: str,
                   mixed: dict[str, tuple[str, list[str]]] | None = None) -> dict[str, str]:
    """Per table section, the template version its table is printed on, where its labels tell;
    ``mixed`` gets the tables printed partly on the other form (see mixed_form_rows)."""
    out: dict[str, str] = {}
    tpl = get_template(version)
    for i, h in enumerate(heads):
        spec = tpl.section(h.key)
        if spec.kind != "table":
            continue
        start = cv.orig_end(h.end)
        end = cv.orig(heads[i + 1].start) if i + 1 < len(heads) else body_end
        end = max(start, end)
        folded = cv.folded(start, end)
        form = printed_form(spec.table, text[start:end], folded)
        if form is not None:
            out[spec.table] = form
        elif mixed is not None:
            part = mixed_form_rows(spec.table, text[start:end], version, folded)
            if part is not None:
                mixed[spec.table] = part
    return out


_FORM_SIGNS = {
    "active_disclosure": {"2019": "本年新制作数量、上一年项目数量、政府集中采购等栏目",
                          "2021": "本年制发件数、本年废止件数、现行有效件数等栏目"},
    "applications": {"2019": "「（六）其他处理」只有一行",
                     "2021": "「（六）其他处理」分为三个细项"},
}


def _form_problem(table: str, form: str, year: int) -> ReadProblem:
    """What ingest saw: a table printed on the other template's form than the year's."""
    spec = get_template(form).tables[table]
    due = version_for_year(year)
    sign = _FORM_SIGNS.get(table, {}).get(form, "")
    gaps = form_gaps(table, form, due)
    row = "other_handling" if table == "applications" else None
    return Problem("S005", f"{spec.name}按{form}版格式填报（{sign}），{year}年度报告应使用{due}版格式。",
                   table, row, None, [form] + gaps)


def _mixed_form_problem(table: str, form: str, rows: list[str], year: int) -> ReadProblem:
    """What ingest saw: some blocks of a table printed on the other template's form."""
    due = version_for_year(year)
    spec = get_template(due).tables[table]
    caps = "、".join(dict.fromkeys(spec.row(r).caption or "" for r in rows))
    return Problem("S005", f"{spec.name}中{caps}按{form}版格式填报，其余按{due}版格式；{year}年度报告应全部使用{due}版格式。",
                   table, None, None, [form] + rows)


_KIND_ZH = {"text": "文本", "markdown": "Markdown 文本", "html": "网页", "docx": "Word 文档",
            "pdf": "PDF 文档", "pdf-scan": "扫描件 PDF，文字识别", "pdf-mixed": "PDF 文档，部分页面文字识别",
            "image": "图像，文字识别"}


def _ocr_agency(unsure_lines: set[str], t_agency: str | None, tail_agency: str | None,
                problems: list[ReadProblem]) -> str | None:
    """The agency of a scanned report whose title or 落款 has characters OCR was unsure of: the
    one of the two read with certainty, and a P003 either way, since the checks of names rest
    on it."""
    unsure = [compact(x) for x in unsure_lines]

    def doubtful(name: str | None) -> bool:
        return bool(name) and any(compact(name) in u for u in unsure)

    if doubtful(t_agency):
        if tail_agency and tail_agency != t_agency and not doubtful(tail_agency):
            problems.append(Problem("P003", f"扫描件标题中的机关名称「{t_agency}」有识别不确定的字，"
                                            f"按落款取「{tail_agency}」；请对照原件核实。"))
            return tail_agency
        problems.append(Problem("P003", f"扫描件标题中的机关名称「{t_agency}」有识别不确定的字，可能有误；"
                                        "机关名称相关的检查结果请对照原件核实。"))
    elif not t_agency and doubtful(tail_agency):
        problems.append(Problem("P003", f"扫描件落款中的机关名称「{tail_agency}」有识别不确定的字，可能有误；"
                                        "机关名称相关的检查结果请对照原件核实。"))
    return t_agency or tail_agency


# A table part with at least this many figures (years aside) holds a table, readable or not; the
# prose of a part printed without its table (an image on the page) states a few at most.
_TABLE_FIGURES = 6
_FIGURE_RE = re.compile(r"\d+")


def _figures_in(body: str) -> int:
    return sum(1 for m in _FIGURE_RE.finditer(body)
               if not (len(m.group()) == 4 and m.group()[:2] in ("19", "20")))


def _clean_body(body: str) -> str:
    lines = [ln.strip().replace("\t", " ") for ln in body.split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln:
            continue
        out.append(ln)
    text = "\n".join(out)
    # (the pattern ends the text: only a text ending in one of its words can match it)
    while text.rstrip().endswith(_TRAILING_WORDS):
        new = _TRAILING_CHROME.sub("", text)
        if new == text:
            break
        text = new
    return text.strip()


def _has_table_labels(text: str) -> bool:
    c = compact(text)
    return any(compact(lbl) in c for lbl in ("本年新收政府信息公开申请数量", "结转下年度继续办理", "第二十条第（一）项"))


_TITLED = re.compile(r"《[^《》\n]{0,80}》")
_BARE_LEVELS = "县区市旗镇乡"
_NOT_STEM = set("全本我各该每个市县区省州镇乡")


# Where a table's own words begin on a line that runs on from the part's prose (a page stored as
# one line: 「2023年，共收到政府信息公开申请0条。（本列数据的勾稽关系为：…）申请人情况自然人…」)
_TABLE_START = re.compile(r"第二十条|信息内容|[（(]本列数据|申请人情况|行政复议\s*行政诉讼|结果维持")


def _prose_before_table(body: str) -> list[str]:
    """The sentences a part's line holds before its table's words begin, where the line runs on
    into the table (and so was not taken as prose): up to the last 。 before the table."""
    out = []
    for ln in body.split("\n"):
        ln = ln.strip()
        if "\t" in ln or ln.endswith("。") or "。" not in ln:
            continue
        m = _TABLE_START.search(ln)
        head = ln[:m.start()] if m else ""
        head = head[:head.rfind("。") + 1]
        if len(head) >= 10:
            out.append(head)
    return out


_ORGAN_END = re.compile(r"[" + HAN + r"]{2,12}?(?:办公室|局|委员会|中心|人民政府)")


def _placed(text: str, name: str) -> str:
    """A title's name that holds no place (城南办事处, of 「城南办事处、城南园区2024年…报告」: 靖江,
    第一百二十六批) as the opening prose names its own report with its place (现公布靖江市城南办事处
    2024年…年度报告), when it does so with one place only."""
    n = identity.parse_name(name, strict=False)
    if n is not None and n.regions:
        return name
    found = {c.name.text for c in identity.self_references(text[:_PLACED_REACH])
             if c.name.text.endswith(name) and c.name.regions and len(c.name.text) > len(name)}
    return found.pop() if len(found) == 1 else name


_PLACED_REACH = 2000

# A page headed with a department's bare name (应急管理局政府信息公开工作年度报告) over a title that
# names only the region (包头市东河区2021年…年度报告): the department's page carrying the region's
# title and preamble (包头市东河区应急管理局 2021, 第四百二十五批).
_ORGAN_REACH = 1200     # (the opening, where a report says whose it is)
_BARE_ORGAN_HEADING = re.compile(r"(?P<o>[" + HAN + r"]{2,12}?(?:局|委员会|办公室))(?:政府信息公开|信息公开)(?:工作)?(?:年度)?报告")


def _organ_under_region(head_lines: list[str], title_line: str | None, name: str, text: str) -> str:
    """The department's own name (region + organ) where the title names a bare region, a heading
    above it names the organ without a place, and the opening names the organ with the region's
    last place at least twice (现将东河区应急管理局信息公开工作情况报告如下): whose report it is is
    then the department's, and the region's title and preamble are carried-over text."""
    n = identity.parse_name(name, strict=False)
    if n is None or not n.gov or n.org or n.dept or not n.regions or "政府" in name or title_line is None:
        return name
    for ln in head_lines:
        if ln == title_line:
            break
        m = _BARE_ORGAN_HEADING.fullmatch(compact(ln))
        if m is None:
            continue
        organ = m.group("o")
        o = identity.parse_name(organ, strict=False)
        if o is None or o.regions:
            continue
        if text[:_ORGAN_REACH].count(n.regions[-1] + organ) >= 2:
            return name + organ
    return name


def _full_form_in_body(text: str, name: str) -> str | None:
    """The longer form of ``name`` (a place and a short organ's name) that the text writes at least
    twice: the same place, the same organ (identity's reading), the most often written."""
    short = identity.parse_name(name, strict=False)
    if short is None or not short.regions:
        return None
    place = short.regions[-1]
    seen: Counter[str] = Counter()
    for k in places(text, place):
        m = _ORGAN_END.match(text, k + len(place))
        if m is not None:
            seen[place + m.group()] += 1
    for full, count in seen.most_common():
        if count < 2 or len(full) <= len(name):
            continue
        n = identity.parse_name(full, strict=False)
        if n is not None and n.regions == short.regions and identity.same_org(short, n) and not identity.bare_name(n):
            return full
    return None


_HEADING_LINE = re.compile(r"^[（(]?[一二三四五六七八九十]{1,3}[)）、.．]\s*\S[^。；;]*$")


def _after_heading(lines: list[str], k: int) -> bool:
    """The last non-empty line before line ``k`` is a heading (（四）政府信息公开平台建设情况): a line
    right under a heading, with no date after it, is the part's first words cut short (涡阳县城市
    — a stored copy cut there: 涡阳县城管局 2025, 第八十六批), not a 落款."""
    for ln in reversed(lines[:k]):
        if ln.strip():
            return bool(_HEADING_LINE.match(ln.strip()))
    return False


def _named_before(text: str, name: str) -> str | None:
    """The place the text writes right before the whole of ``name`` (福田 of 福田区香蜜湖片区建设发展事务中心,
    twice in the prose, for the title's 区香蜜湖片区建设发展事务中心 — 第三百九十六批), when place and the
    name's level word make a division of the national codes; at least twice, one such place only."""
    seen: Counter[str] = Counter()
    k = text.find(name)
    while k >= 0:
        for n in (2, 3, 4):
            if k >= n and agencies.is_division(text[k - n:k] + name[0]):
                seen[text[k - n:k]] += 1
                break
        k = text.find(name, k + len(name))
    common = [p for p, c in seen.items() if c >= 2]
    return common[0] if len(common) == 1 else None


_AFTER_PROVINCE = re.compile(r"省[、,，和及与][\u4e00-\u9fff]{2,4}$")


def _body_place(text: str, level: str) -> str | None:
    """The name (without ``level``) of the place of ``level`` (县 …) the text names most: the characters before each
    县, extended to the left while every one of the most frequent stem's places agrees (湟源 for
    湟源县; 伊金霍洛 for 伊金霍洛旗). None when no stem of two characters recurs."""
    # (not a superior named after the province: 省、十堰市政府有关工作要求 in 丹江口市's report, 第四百一十四批 —
    # its 市行政审批局 was read as 十堰市's)
    at = [k for k in places(text, level) if k >= 2 and not _AFTER_PROVINCE.search(text, max(0, k - 8), k)]
    best: tuple[str, int] | None = None
    for n in range(2, 6):
        stems = Counter(text[k - n:k] for k in at if k >= n)
        if not stems:
            break
        stem, count = stems.most_common(1)[0]
        if not all("\u4e00" <= ch <= "\u9fff" for ch in stem) or stem[0] in _NOT_STEM and n == 2 or \
                stem[-1] in _NOT_STEM or (best is not None and count < best[1]):
            break
        if count < 2:
            break
        best = (stem, count)
        at = [k for k in at if text[k - n:k] == stem]
    return best[0] if best else None


_PERIOD_YEAR = re.compile(r"统计(?:期限|时间|时段)[^。]{0,12}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
# 现将2022年度政府信息公开工作报告如下: the opening says which year it reports
# (现发布《蒙城县工业和信息化局2024年…年度报告》: the report's own title in brackets — 第一百四十七批)
_DECLARED_YEAR = re.compile(r"现将[^。《]{0,30}?((?:19|20)\d{2})\s*年度?[^。《]{0,20}?报告"
                            r"|现(?:发布|公布|将)《[^《》。]{0,40}?((?:19|20)\d{2})\s*年度?[^《》。]{0,20}?报告》"
                            # (…自然资源和规划局编制了2021年政府信息公开年度报告: 淮安 2021, 第二百二十三批)
                            r"|编制了((?:19|20)\d{2})\s*年度?(?:政府信息公开|政务公开)[^。《]{0,8}?报告")


# (2018年机构改革: the reform that made the body, an event named by its year, not the year reported —
# 辽宁省医保局 2019, 第四百五十一批, read as 2018)
_BODY_YEAR = re.compile(r"(?<!\d)(?<![较比])((?:19|20)\d{2})\s*年(?!度?(?:党和国家|国务院|地方|政府)?机构改革)")


# a year that opens a statement of the year's work, the own body its subject (2022年度我乡共计…)
_WORK_YEAR = re.compile(r"(?:^|(?<=[。；;\n）)]))\s*((?:19|20)\d{2})\s*年度?\s*[,，]?\s*(?:我|本)[乡镇街局委办区县市厅署旗]", re.M)


def _year_from_body(text: str) -> int | None:
    """The report's year as its prose gives it: the 统计期限, or the year the opening says it
    reports (现将2022年度…报告如下); where the two differ, the one the prose's other years agree
    with — the other is a sentence left from another year (黔南州交通运输局 2022, 第八十八批: its
    统计期限 is 2021's), and is reported as such."""
    # years inside 《》 are titles' (《关于2022年度政务公开第三方评估…》), not the report's
    # (unless the titles' are all there are)
    # (较2018年减少1项: a year compared with, not the one reported — 北京市某委 2019, 第二百四十九批, read as 2018)
    years = Counter(int(y) for y in _BODY_YEAR.findall(_TITLED.sub("", text))) or \
        Counter(int(y) for y in _BODY_YEAR.findall(text))
    m = _PERIOD_YEAR.search(text)
    d = _DECLARED_YEAR.search(text)
    period = int(m.group(1)) if m else None
    declared = int(d.group(1) or d.group(2) or d.group(3)) if d else None
    if period is not None and declared is not None and period != declared:
        return declared if years[declared] > years[period] else period
    if period is not None and declared is None:
        # 统计期限为2021年1月1日至… and then 2022年度我乡共计主动公开信息77条 / 2022年度我乡未发生依申请公开
        # (巴彦扎拉嘎乡, 第四百一十一批): the year's work, stated twice or more in one other year while the
        # 统计期限's year appears nowhere else, is the report's; the 统计期限 is last year's sentence
        work = Counter(int(y) for y in _WORK_YEAR.findall(text))
        if len(work) == 1:
            (other, n), = work.items()
            if other != period and n >= 2 and years[period] <= 2:
                return other
    if period is not None or declared is not None:
        return period if period is not None else declared
    if years:
        return years.most_common(1)[0][0]
    return None
