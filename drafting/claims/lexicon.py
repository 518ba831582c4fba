"""Ties from prose quantities to metrics of the tables, through an explicit lexicon of phrasings.

A quantity is tied only when the words right before it in its own list item (its phrase), or right
after it (1件结转下年度), are one of the phrasings below, and its unit fits. A tie is *certain* —
enough for an error — only when nothing about it is in doubt: the figure is exact (no 余/约/近),
it is not one of the parts listed after 其中 (a part never states a total), the sentence is about
applications (申请 that is not the 依申请公开 attribute of published items), and no scope word
(全市、各单位、本级 …) leaves open whether the prose and the table count the same thing. An
uncertain tie can still raise a warning that says what to check.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..scan import search
from .read import Quantity, Reading

APP_UNITS = {"件", "个", "份", "宗", "条", "起"}
CASE_UNITS = {"件", "个", "起", "宗", "次", "例"}
DECISION_UNITS = {"件", "个", "起", "宗", "项", "份"}


@dataclass(frozen=True)
class Phrase:
    name: str                      # what the prose claims, in Chinese
    keys: tuple[str, ...]          # metrics any of which the figure may equal
    before: re.Pattern | None      # matched against the end of the quantity's phrase
    after: re.Pattern | None       # or against the start of the words after it
    units: frozenset[str]
    applications: bool = True      # the sentence must be about applications
    total: bool = True             # states a total: never tied when the quantity is a listed part
    both: bool = False             # the phrase before AND the words after must match (出台了2份规范性文件)
    hedge: str = ""                # a doubt the phrasing always leaves (Chinese, for the warning)
    dated: bool = False            # the clause must name the year before the report's right before it


def _p(rx: str) -> re.Pattern:
    return re.compile(rx)


_APP = r"(?:的)?(?:政府信息公开|信息公开|公开)?(?:申请|申请事项|申请件)?(?:数量|数)?(?:共计|合计|总计|共|为|达)?"
# who applied, said in the form's words between the verb and 申请 (受理公民、法人或其他组织提出的政府信息公开申请62件:
# 连云区政府办 2025, 第四百五十八批 — the 62 tied to nothing)
_WHO = r"(?:各类|群众|公民|社会公众|社会各界|公民、?法人(?:或|和|及)其他组织(?:提出|提交|依法提出)?(?:的)?)"
LEXICON: tuple[Phrase, ...] = (
    Phrase("上年结转申请数", ("t3.carried_over",),
           _p(r"(?:上一?年度?|去年)(?:结转|转结|遗留)" + _APP + r"$|结转上一?年度?" + _APP + r"$"), None,
           frozenset(APP_UNITS), total=False),
    # 2021年结转7件 in a 2022 report: last year named by its number (tied only when it is the year
    # before the report's: ties())
    Phrase("上年结转申请数", ("t3.carried_over",), _p(r"^(?:结转|转结|遗留)" + _APP + r"$"), None,
           frozenset(APP_UNITS), total=False, dated=True),
    Phrase("结转下年度继续办理数", ("t3.carry_forward",),
           # (结转至下一年再行办理81件: 静安区 2023)
           _p(r"(?:结转|转入|顺延)(?:至|到)?(?:下一?年度?|次年|\d{4}年度?)(?:继续|再行|再)?(?:办理|答复|处理)?" + _APP + r"$"),
           # (the words after a figure hold no dates: 4件结转至2023年继续办理 reads 结转至继续办理 there)
           _p(r"^(?:申请)?(?:因[^，。；、,;]{1,12}?)?(?:结转|转入|顺延)(?:(?:至|到)?(?:下一?年度?|次年|\d{4}年)"
              # (8件结转至2025年度办理 reads 结转至度办理: 滨江区 2024, 第四百九十四批)
              r"|(?:至|到)度?(?=继续|再行|办理|答复|处理))"),
           frozenset(APP_UNITS), total=False),
    # 新收 says the figure leaves out what was carried over from last year: 一 alone
    Phrase("本年新收申请数", ("t3.received",),
           # (2022年新受理161件: 泰安市自然资源和规划局 2022, 第一百六十七批)
           _p(r"新(?:收|受理)" + _WHO + r"?" + _APP + r"$"), None, frozenset(APP_UNITS)),
    Phrase("收到申请数", ("t3.received", "t3.received_all"),
           _p(r"(?:收到|受理|新收|接收|接到)" + _WHO + r"?" + _APP + r"$"),
           _p(r"^(?:政府信息公开|信息公开)?申请(?!信息|内容|事项|人)"), frozenset(APP_UNITS)),
    # 收到依申请公开20件, 受理政府信息依申请公开1件, 收到申请公开政府信息的要求1件 (受理依申请公开办件1件 —
    # 郎溪县自然资源和规划局 2021, 第三百九十五批): the words name
    # applications themselves (counted in 件, not the 条 of items published on application)
    Phrase("收到申请数", ("t3.received", "t3.received_all"),
           _p(r"(?:收到|受理|新收|接收|接到)" + _WHO + r"?(?:的)?(?:政府信息)?"
              r"(?:依申请公开|申请公开政府信息|公开政府信息)(?:政府信息)?(?:的)?(?:申请|要求|办件|件)?(?:共计|合计|总计|共|为|达)?$"),
           None, frozenset({"件", "个", "份"}), applications=False),
    # the outcomes first: 因无法提供相关信息答复2件 ends in 答复 as 办结's phrasings do
    Phrase("予以公开数", ("t3.granted",), _p(r"(?:予以公开|(?<!不)同意公开|全部公开)(?:答复)?(?:的)?$"), None, frozenset({"件", "个", "份", "宗"}),
           total=False),
    Phrase("部分公开数", ("t3.partial",), _p(r"部分公开(?:答复)?(?:的)?$"), None, frozenset({"件", "个", "份", "宗"}), total=False),
    # (不同意公开的6件: 深圳市罗湖区市场监管局 2023 — read as 同意公开 before)
    Phrase("不予公开数", ("t3.denied",), _p(r"(?:不予公开|不同意公开)(?:答复)?(?:的)?$"), None, frozenset({"件", "个", "份", "宗"}), total=False),
    Phrase("无法提供数", ("t3.unable",), _p(r"无法提供(?:相关|所申请的?)?(?:政府)?(?:信息)?(?:答复|告知)?(?:的)?$"), None,
           frozenset({"件", "个", "份", "宗"}), total=False),
    Phrase("不予处理数", ("t3.not_processed",), _p(r"不予处理(?:答复)?(?:的)?$"), None, frozenset({"件", "个", "份", "宗"}), total=False),
    Phrase("其他处理数", ("t3.other_handling",), _p(r"其他处理(?:答复)?(?:的)?$"), None, frozenset({"件", "个", "份", "宗"}),
           total=False),
    Phrase("办结申请数", ("t3.handled",),
           # (办件0件 alone between 上年结转 and 结转下年度: 儋州市白马井镇 2023, 第一百四十二批 — only the bare
           # word, not 网上办件/政务服务办件)
           # (办结的82件中予以公开的11件: 的 before the figure — 昆山市政府办 2025, 第一百五十八批)
           _p(r"(?:办结|办理完毕|(?<!公开)(?<!提供)(?<!处理)答复|处理完毕|办复)(?:了|的)?(?:依申请公开|依申请|政府信息公开|信息公开)?(?:申请|件)?(?:共计|共)?$"
              # (申请办结数8件: the count named as a number — 嘉兴市市场监管局 2022, 第二百六十批)
              r"|^办件$|^申请办结数$"),
           None, frozenset(APP_UNITS)),
    # 本年度完成451件依申请件答复 (滨江区 2024, 第四百九十四批): the verb before the figure, what was done after it
    Phrase("办结申请数", ("t3.handled",), _p(r"完成$"),
           _p(r"^(?:的)?(?:依申请公开|依申请|政府信息公开|信息公开)?(?:申请件|申请|件)?(?:的)?(?:答复|办结|办理)"),
           frozenset(APP_UNITS), both=True),
    # 自然人/法人 name applicants by themselves: no 申请 needed in the sentence
    Phrase("自然人申请数", ("t3.natural_person", "t3.natural_person_all"), _p(r"自然人(?:申请|提出)?(?:的申请)?$"), None,
           frozenset(APP_UNITS), total=False, applications=False),
    Phrase("法人或其他组织申请数", ("t3.legal_person", "t3.legal_person_all"),
           _p(r"(?:法人或其他组织|法人和其他组织|法人)(?:申请|提出)?(?:的申请)?$"), None, frozenset(APP_UNITS), total=False,
           applications=False),
    Phrase("行政复议和行政诉讼案件数", ("t4.cases_total",),
           _p(r"(?:行政复议(?:和|及|与|或|、)行政诉讼|复议(?:和|及|与|或|、)诉讼)(?:案件)?(?:共计|共|合计)?(?:为)?$"), None,
           frozenset(CASE_UNITS), applications=False),
    Phrase("行政复议案件数", ("t4.review_total",),
           _p(r"(?:(?:被)?(?:申请|提起)(?:了)?)?(?:行政)?复议(?:案件)?(?:共|合计)?$"), None, frozenset(CASE_UNITS),
           applications=False),
    Phrase("行政诉讼案件数", ("t4.litigation_total",),
           _p(r"(?:(?:被)?(?:提起|起诉)(?:了)?)?(?:行政)?诉讼(?:案件)?(?:共|合计)?$|被(?:提起)?起诉$"), None,
           frozenset(CASE_UNITS), applications=False),
    Phrase("本年制发的行政规范性文件数", ("t2.normative_documents.made", "t2.normative_documents.new_made"),
           _p(r"(?:制发|出台|印发|制定|发布)(?:了)?(?:行政)?规范性文件(?:共计|共)?$"), None,
           frozenset({"件", "份", "个"}), applications=False),
    Phrase("本年制发的行政规范性文件数", ("t2.normative_documents.made", "t2.normative_documents.new_made"),
           _p(r"(?:制发|出台|印发|制定)(?:了)?$"), _p(r"^(?:行政)?规范性文件"),
           frozenset({"件", "份", "个"}), applications=False, both=True),
    # 表二's own row and column named together (规章对外公开总数量1件, the 2019 form's column): the
    # figure of that one cell
    Phrase("规章对外公开总数量", ("t2.regulations.total_published",), _p(r"规章(?:的)?对外公开总数量(?:为|共|共计|达)?$"),
           None, frozenset({"件", "部", "个", "项"}), applications=False),
    Phrase("规范性文件对外公开总数量", ("t2.normative_documents.total_published",),
           _p(r"规范性文件(?:的)?对外公开总数量(?:为|共|共计|达)?$"), None, frozenset({"件", "份", "个", "项"}),
           applications=False),
    # 表二's 处理决定数量 of 行政许可/行政处罚 named in prose (行政处罚处理决定数量31宗): that cell
    Phrase("行政许可处理决定数量", ("t2.licensing.decisions",),
           _p(r"行政许可(?:事项)?(?:的)?(?:本年)?处理决定(?:数量|数)?(?:为|共|共计|达)?$"), None,
           frozenset(DECISION_UNITS), applications=False),
    # 行政许可:共处理600件 — the row's name, then its 处理 figure, as a report walks through 表二's rows
    # (兴化市大营镇 2025, 第九十八批: 600 against the table's 0)
    Phrase("行政许可处理决定数量", ("t2.licensing.decisions",),
           _p(r"行政许可(?:事项)?\s*[:：]\s*(?:全年|本年度?)?(?:共|共计)?处理(?:了)?$"), None,
           frozenset(DECISION_UNITS), applications=False),
    Phrase("行政处罚处理决定数量", ("t2.punishment.decisions",),
           _p(r"行政处罚(?:事项)?(?:的)?(?:本年)?处理决定(?:数量|数)?(?:为|共|共计|达)?$"), None,
           frozenset(DECISION_UNITS), applications=False),
    # 作出行政处罚决定753起: the decisions 表二 counts, but the prose may count them otherwise
    # (cases closed, decisions of the whole 系统), so only a warning
    Phrase("作出的行政处罚决定数", ("t2.punishment.decisions",),
           _p(r"(?:作出|做出)(?:了)?(?:各类)?(?:行政)?处罚决定(?:书)?(?:共计|共)?$"), None,
           frozenset(DECISION_UNITS), applications=False, hedge="正文所说的处罚决定数可能与表二的统计口径不同"),
    Phrase("作出的行政许可决定数", ("t2.licensing.decisions",),
           _p(r"(?:作出|做出)(?:了)?(?:各类)?(?:行政)?许可决定(?:书)?(?:共计|共)?$"), None,
           frozenset(DECISION_UNITS), applications=False, hedge="正文所说的许可决定数可能与表二的统计口径不同"),
    Phrase("办结率", ("t3.completion_rate",), _p(r"(?:办结率|办复率|答复率)(?:为|达到?)?$"), None, frozenset({"%"})),
)

# Words that leave open whether prose and table count the same set of applications or cases.
SCOPE_RE = re.compile(r"全市|全区|全县|全省|全州|全盟|全旗|全镇|全乡|全街道|各单位|各部门|各乡镇|各街道|全系统|"
                      r"系统内|本级|市本级|区本级|县本级|下属|所属|各县|各区")
# Ways an application arrives: a figure said of one of them (通过门户网站…3件、纸质申请36件) may be
# only that channel's share of what the table counts.
CHANNEL_RE = re.compile(r"网上|在线|网络|网站|平台|信函|邮寄|快递|当面|现场|窗口|纸质|传真|电子邮件|邮件|电话|来信|来访")
OUTCOME_RE = re.compile(r"维持|纠正|审结|败诉|胜诉|撤回|驳回|其他结果|确认违法")
# Words right after a count of cases that make it the count of one outcome (诉讼1件尚未审结).
_OUTCOME_AFTER = re.compile(r"(?:尚未|未|正在|仍在|已|均|被)?(?:审结|审理|维持|纠正|败诉|胜诉|撤回|撤诉|驳回|在审)")
# 依申请公开 as an attribute of published items (依申请公开274条) is not an application.
_ATTRIBUTE = re.compile(r"依申请公开")


@dataclass(frozen=True)
class Tie:
    quantity: Quantity
    phrase: Phrase
    certain: bool
    doubt: str = ""            # why it is not certain (Chinese, for the warning)
    part: str = ""             # why the figure may be a part of the table's (a doubt only when it is less)

    @property
    def keys(self) -> tuple[str, ...]:
        return self.phrase.keys

    @property
    def name(self) -> str:
        return self.phrase.name


def about_applications(sentence: str) -> bool:
    return "申请" in _ATTRIBUTE.sub("", sentence)


# Outcomes only applications have (a document's 公开属性 is 主动公开/依申请公开/不予公开, never these):
# a sentence listing two of them is about applications though it does not say 申请
# (全年办结61件，其中予以公开14件，部分公开10件，…无法提供16件，不予处理3件).
_APPLICATION_OUTCOMES = re.compile(r"部分公开|无法提供|不予处理|其他处理")


def _outcome_list(sentence: str) -> bool:
    return len(set(_APPLICATION_OUTCOMES.findall(sentence))) >= 2


# An application's course through the year told in one sentence without the word 申请 (新受理161件,
# 2021年结转7件,共办结168件,4件结转至2023年继续办理: 泰安市自然资源和规划局 2022): answered and
# carried forward together are said of applications; cases of review say 复议/诉讼.
_ANSWERED = re.compile(r"办结|答复")
_CARRIED_ON = re.compile(r"结转(?:至|到)?(?:下一?年度?|次年|\d{4}年)")
_CASES = re.compile(r"复议|诉讼|案件")


def _course_of_applications(sentence: str) -> bool:
    return bool(_ANSWERED.search(sentence) and _CARRIED_ON.search(sentence) and not _CASES.search(sentence))


# The phrasings per unit, in the lexicon's order: a quantity is compared only with those.
_BY_UNIT: dict[str, tuple[Phrase, ...]] = {}
for _ph in LEXICON:
    for _u in _ph.units:
        _BY_UNIT[_u] = _BY_UNIT.get(_u, ()) + (_ph,)


def _union(patterns) -> re.Pattern | None:
    patterns = [p.pattern for p in patterns if p is not None]
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


# Per unit, one pattern for all the phrasings' words before a quantity and one for the words after
# it: most quantities match none, which two searches tell instead of one per phrasing.
_ANY_BEFORE = {u: _union(ph.before for ph in phs) for u, phs in _BY_UNIT.items()}
_ANY_AFTER = {u: _union(ph.after for ph in phs) for u, phs in _BY_UNIT.items()}


def _last_chars(pattern: re.Pattern | None) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can end with, when every match ends at the end of
    the text (each branch ends in ``$``) and is not empty; None when that cannot be told."""
    if pattern is None:
        return None
    from re import _constants as c, _parser as sp

    class Unknown(Exception):
        pass

    def ends(items) -> bool:            # every way through the sequence ends at $
        if not items:
            return False
        op, av = items[-1]
        if op is c.AT:
            return av in (c.AT_END, c.AT_END_STRING)
        if op is c.BRANCH:
            return all(ends(list(alt)) for alt in av[1])
        if op is c.SUBPATTERN:
            return ends(list(av[3]))
        return False

    def lasts(items, out: set[str]) -> bool:     # add the last characters; whether it may be empty
        for op, av in reversed(list(items)):
            if op is c.LITERAL:
                out.add(chr(av))
                return False
            if op is c.IN:
                if any(kind is not c.LITERAL for kind, _ in av):
                    raise Unknown
                out.update(chr(x) for _, x in av)
                return False
            if op is c.BRANCH:
                if not any([lasts(alt, out) for alt in av[1]]):
                    return False
            elif op is c.SUBPATTERN:
                if not lasts(av[3], out):
                    return False
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                if not lasts(av[2], out) and av[0] > 0:
                    return False
            elif op not in (c.AT, c.ASSERT, c.ASSERT_NOT):
                raise Unknown
        return True

    try:
        tree = list(sp.parse(pattern.pattern, pattern.flags))
        out: set[str] = set()
        if pattern.flags & re.IGNORECASE or not ends(tree) or lasts(tree, out):
            return None
    except (Unknown, re.error):
        return None
    return frozenset(out)


# Per unit, the characters the words before a tied quantity can end with: every phrasing's words
# before end where its phrase ends ($), so a phrase ending in another character (most: 公开政府信息)
# matches none of them, which one set lookup tells instead of a search of the phrase.
_BEFORE_LAST = {u: _last_chars(p) for u, p in _ANY_BEFORE.items()}


# Words before a figure that say nothing of what it counts (另有1件结转下年度): the words after it
# do. Only for the count carried forward (另有2件申请… may be anything).
_LEAD_ONLY = re.compile(r"另有|还有|尚有|剩余|余下|其余|另")


def _bare_phrase(phrase: str) -> bool:
    return not phrase or _LEAD_ONLY.fullmatch(phrase) is not None


def _may_tie(q: Quantity) -> bool:
    """False when no phrasing of the quantity's unit can match its words (see ties())."""
    before, after = _ANY_BEFORE.get(q.unit), _ANY_AFTER.get(q.unit)
    if before is not None:
        last, phrase = _BEFORE_LAST[q.unit], q.phrase
        # $ matches before a final line break too: such a phrase is searched
        if (last is None or phrase[-1:] in last or phrase[-1:] == "\n") and search(before, phrase) is not None:
            return True
    return after is not None and _bare_phrase(q.phrase) and search(after, q.after) is not None


def _channel(q: Quantity, beside: dict[tuple[int, int], list[Quantity]], parts: set[int]) -> str | None:
    """The channel a figure is said of: in its own words, or in those of the item listed beside it
    (3件、纸质申请36件 — not a part listed after 其中, which divides the figure rather than
    standing beside it). ``beside``: the quantities by (sentence, item)."""
    m = CHANNEL_RE.search(q.phrase)
    if m:
        return m.group()
    for item in (q.item - 1, q.item + 1):
        for o in beside.get((q.sentence, item), ()):
            if o.unit == q.unit and id(o) not in parts:
                m = CHANNEL_RE.search(o.phrase)
                if m:
                    return m.group()
    return None


def _by_item(reading: Reading) -> dict[tuple[int, int], list[Quantity]]:
    out: dict[tuple[int, int], list[Quantity]] = {}
    for o in reading.quantities:
        out.setdefault((o.sentence, o.item), []).append(o)
    return out


# Words that put a figure in another period than the report's year: another year (上年度, 2022年 —
# checked against the report's year), a span of years (近三年, 自2019年以来, 累计, 历年), a part of
# the year (第一季度, 上半年, 3月份) or an average (年均). In the figure's own words the figure is
# not the table's; earlier in its sentence (2022年，收到申请3件) it may not be.
_PERIOD_RE = re.compile(r"上一?年度?|去年|前年|往年|以前年度|近[一二三四五两\d]+年|以来|累计|历年|季度|上半年|下半年|"
                        r"[一二三四五六七八九十\d]+月份|年均|平均|月均|每年|同期")
YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)年")     # a year written in prose (2022年)
_THIS_YEAR = re.compile(r"本年|今年|全年|当年")
# a bracket right after a figure saying what it includes: （含咨询类2件）
_INCLUDES = re.compile(r"\s*[（(](?:其中)?(?:含|包括|包含)([^）)]{1,30})[）)]")
_NOT_APPLICATIONS = re.compile(r"咨询|转办|信访|来电|来访|投诉|举报|建议|留言|热线")
_NEW_CASES = re.compile(r"新发生|新增|新收|新提起|新受理|新立案")
_CARRIED = re.compile(r"结转|遗留|跨年")
_CLAUSE_SEPS = "，、；：,;:"
_SENTENCE_ENDS = "。！？!?\n"


# 截至2023年12月31日，我街道累计受理…2件 (福州市鼓楼区水部街道 2023, 第四百四十三批): the year is the
# cut-off date of a total over every year, not the year the total runs over
_CUTOFF_YEAR = re.compile(r"(?:截至|截止)(?:到|至)?\s*\d{4}年")


def _year_running(before: str, year: int | None) -> bool:
    """累计 in a clause whose words name the report's year (本年度累计, 2023年累计): the year's own
    running total — unless that year is only the cut-off of a total since the start (截至2023年底累计)."""
    if _THIS_YEAR.search(before):
        return True
    return bool(year) and f"{year}年" in _CUTOFF_YEAR.sub("", before)


# 上年结转1件 in an earlier clause counts this year's table, it does not date the sentence
_CARRY_WORDS = re.compile(r"(?:上一?年度?|去年)(?:结转|转结|遗留)")
_REACH = 160      # how far back a figure's period words are looked for


_BARE_HANDLED = frozenset({"处理", "共处理", "共计处理", "处理了", "共处理了"})
_ROW_COLON = re.compile(r"行政许可(?:事项)?\s*[:：]\s*(?:全年|本年度?)?(?:共|共计)?处理(?:了)?\s*$")


def _before_in_sentence(text: str, at: int) -> str:
    """The words of ``text`` before offset ``at`` back to the start of its sentence, at most _REACH
    characters (a search to the text's start for each mark a text lacks made long texts quadratic)."""
    lo = max(0, at - _REACH)
    start = max(max(text.rfind(c, lo, at) for c in _SENTENCE_ENDS) + 1, lo)
    return text[start:at]


def _other_period(text: str, year: int | None) -> str | None:
    m = _PERIOD_RE.search(text)
    if m:
        return m.group()
    return next((y + "年" for y in YEAR_RE.findall(text) if year and int(y) != year), None)


def ties(reading: Reading, year: int | None = None) -> list[Tie]:
    """The quantities of ``reading`` the lexicon ties to a metric; ``year``: the report's year (a
    figure dated to another year is not tied)."""
    parts = {id(p) for e in reading.enumerations for p in e.parts}
    beside: dict[tuple[int, int], list[Quantity]] | None = None
    out: list[Tie] = []
    for q in reading.quantities:
        if q.kind not in ("count", "percent") or not (_may_tie(q) or q.phrase in _BARE_HANDLED):
            continue
        sentence = reading.sentence_text(q.sentence)
        phrase = q.phrase
        if phrase in _BARE_HANDLED:
            # 行政许可:共处理600件 — the colon parts the row's name from the figure's item
            row = _ROW_COLON.search(_before_in_sentence(reading.original, q.start))
            if row is not None:
                phrase = row.group()
        for ph in _BY_UNIT.get(q.unit, ()):
            if ph.both:
                hit = ph.before.search(phrase) and ph.after.search(q.after)       # 出台了2份规范性文件
            else:
                hit = (ph.before is not None and ph.before.search(phrase)) or \
                      (ph.after is not None and (not phrase or (ph.keys == ("t3.carry_forward",) and _bare_phrase(phrase)))
                       and ph.after.search(q.after))
            if not hit:
                continue
            if not ph.applications and (OUTCOME_RE.search(phrase) or _OUTCOME_AFTER.match(q.after)):
                break                  # 维持2件, 诉讼1件尚未审结: an outcome of the cases, not their number
            if ph.applications and not about_applications(sentence) and not (q.unit == "件" and "依申请" in sentence) \
                    and not _outcome_list(sentence) and not _course_of_applications(sentence) \
                    and not (ph.keys == ("t3.carry_forward",) and "继续办理" in phrase):
                # (结转下年度继续办理0件 is the form's own row, said of applications only: 大营镇 2025)
                break                  # (收到依申请公开176件，予以公开60件: 件 of 依申请公开 are applications)
            if ph.total and id(q) in parts:
                break                  # 其中公开答复1件: a listed part never states the total
            before = _before_in_sentence(reading.original, q.start)
            cut = max(map(before.rfind, _CLAUSE_SEPS)) + 1
            own = before[cut:]
            said = ph.before.search(phrase) if ph.before is not None and phrase else None
            if ph.dated:
                # 2021年结转7件 in a 2022 report is 上年结转; 2020年结转 or a bare 结转 is not tied
                if not (year and (own.endswith(f"{year - 1}年" + phrase) or own.endswith(f"{year - 1}年度" + phrase))):
                    continue
                own = own[:len(own) - len(phrase)].rstrip("度")[:-5]
                said = None
            if said is not None and said.start() < len(phrase) and own.endswith(phrase[said.start():]):
                # the phrasing's own words date nothing (上年结转4件 is this year's table's 二)
                own = own[:len(own) - len(phrase) + said.start()]
            other = _other_period(own, year)
            if other == "累计" and _year_running(before, year):
                other = None           # 本年度累计主动公开…，累计发布规范性文件0件: the year's running total
            if other:
                break                  # 上年度收到申请3件, 累计受理12件, 第一季度收到3件: another period's figure
            doubts = []
            own = before[cut:]
            earlier = _CARRY_WORDS.sub("", before[:cut])
            if year:
                earlier = earlier.replace(f"{year - 1}年结转", "")     # 2021年结转7件 in a 2022 report
            period = _other_period(earlier, year) \
                if cut and not (_THIS_YEAR.search(own) or (year and f"{year}年" in own)) else None
            if period == "累计" and _year_running(before, year):
                period = None          # 本年度累计…: the year's own running total
            if period:
                doubts.append(f"正文的数字可能说的是另一时期（{period}）")
            if q.approx:
                doubts.append(f"「{q.text}」是约数")
            scope = SCOPE_RE.search(sentence)
            if scope:
                doubts.append(f"正文的统计范围（{scope.group()}）可能与统计表不同")
            if ph.applications and beside is None:
                beside = _by_item(reading)      # once, and only for a reading with such a tie
            channel = _channel(q, beside, parts) if ph.applications else None
            if channel:
                doubts.append(f"正文的数字可能只计一种申请渠道（{channel}），统计表计全部渠道")
            if ph.hedge:
                doubts.append(ph.hedge)
            if "%" in ph.units:
                doubts.append("办结率的算法各地不一")
            incl = _INCLUDES.match(reading.original, q.end)
            if incl and _NOT_APPLICATIONS.search(incl.group(1)):
                # 共受理申请3件（含咨询类2件）: the figure counts what the table does not
                doubts.append(f"正文的数字包括「{incl.group(1)}」，统计表只计政府信息公开申请")
            part = ""
            if ph.keys[0].startswith("t4.") and (_NEW_CASES.search(before[cut:]) or _CARRIED.search(sentence)):
                # 本年度新发生行政诉讼3件，上年结转2件: 表四 may count the cases carried over too
                # (a doubt only where the prose counts fewer than the table)
                part = "正文只计新发生的案件，表四可能还包括上年结转的案件"
            out.append(Tie(q, ph, not doubts, "；".join(doubts), part))
            break
    return out
