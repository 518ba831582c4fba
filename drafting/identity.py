"""Whose report this is, and who its prose says did the work: the one detector behind the
validator's I001 and the drafting check G003.

The report's own agency comes from its meta (the title or the 落款 as ingest read them, or what the
user typed); when neither names it, from the opening of the prose (本报告由XX编制, 现公布XX2023年
政府信息公开工作年度报告, the first clause whose subject is a name: XX坚持以…) — and then it is a
guess, and nothing that rests on it is an error.

A name counts as the doer only as the subject of a work clause: it opens the clause (after a year
or an ordinal) and a work verb follows it (兴庆区人社局通过…). A name after a verb or a preposition
(维护了市政府网站, 向县政府报告, 由区政府统一部署) is an object and is never read. A subject is
compared with the own agency by its places and its organ (drafting/agencies.py): the agency's own
abbreviations (区市场监管局, 市政府办公厅, 上海市科委) are the agency; the government of its
place, a superior or a subordinate place are context; another organ of the same place, or another
place of the same kind (two districts, two provinces), is another agency — an error only when the
own agency is certain, a warning that says what to check otherwise. A place whose relation to the
own one cannot be told from the names alone is a warning, never a pass.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from . import agencies
from .claims.text import Norm, normalise
from .agencies import HAN, Name, holds, is_division, parse_name, share_upper, province_of, region_level, region_levels, region_stem
from .model import Report
from .scan import holds_any, matches_at, places

UNKNOWN_AGENCY = "未识别的机关"
# Ingest's P003 read problems about the agency begin with this: the meta's agency is then a guess.
NO_AGENCY = "未能从标题或落款中识别出机关名称"

# 本局、我委、我街道 …: the report speaking of itself.
SELF_RE = re.compile(r"(?:本|我)(?:局|委|办|厅|署|府|机关|单位|部门|中心|馆|街道办|街道|街|镇|乡|苏木|地区|区|县|市|省|州|盟|旗|院|所|站|处|室)")

_SEPS = "，。；：！？,;:!?\n"
_CLAUSE_START = re.compile(r"[，。；：！？,;:!?\n]")
# What may stand between a clause start and its subject: an ordinal, a time.
_LEAD = re.compile(
    r"\s*(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,2}\s*[、.．]"
    r"|[一二三四五六七八九十]是|首先|其次|同时|此外|另外|最后)?\s*"
    r"(?:(?:截至|截止|自)?\s*(?:\{year\}|(?:19|20)\d{2})\s*年度?(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
    r"(?:以来|底|末|内|全年|上半年|下半年|期间)?|本年度|本年|今年|全年|年内|一年来|近年来)?\s*[，,]?\s*")
# Words that follow the doer of a work clause.
_WORK = re.compile(
    r"坚持|认真|积极|严格|进一步|不断|切实|全面|持续|共|累计|主动|依法|扎实|高度重视|十分重视|始终|围绕|紧扣|紧紧|"
    r"紧密|聚焦|立足|着力|大力|深入|全力|坚决|落实|加强|推进|完善|做好|及时|全年|本年|今年|以|按照|结合|对照|"
    r"把|将|在|通过|根据|依据|针对|注重|强化|规范|重视|贯彻|秉承|遵循|成立|建立|健全|开展|召开|制定|印发|狠抓|"
    r"抓好|加大|优化|提升|深化|从严|精心|统筹|牢固|全力")
_WINDOW = 34            # a subject is short: look this far for its verb
# The verbs' first characters are tested before the verbs themselves: most organ characters are
# followed by none of them, which one class test tells instead of one test per verb.
_WORK_FIRST = "".join(sorted({w[0] for w in _WORK.pattern.split("|")}))
_END_BEFORE_VERB = re.compile(rf"[局委办厅府室会心馆署处所站院部道镇乡区县市省州盟旗](?=[{_WORK_FIRST}])(?={_WORK.pattern})")
# The last clause start before a place: the text up to the last separator.
_TO_LAST_SEP = re.compile(r"(?s:.*)[，。；：！？,;:!?\n]")
_SEP_WINDOW = 64


@dataclass(frozen=True)
class Own:
    """The report's own agency as far as it is known."""
    agency: str | None              # full name
    certain: bool                   # from the title, the 落款 or the user; False when read from prose
    name: Name | None
    regions: tuple[str, ...]        # its places, the widest first
    names: frozenset[str]           # literal forms known to be this agency
    basis: str = ""                 # where a guessed name was read, for messages

    @property
    def shown(self) -> str:
        return self.agency or UNKNOWN_AGENCY


@dataclass(frozen=True)
class Claim:
    """A name the prose gives for the agency whose report this is."""
    name: Name
    quote: str
    kind: str                   # self (本报告由…/现公布…报告) | subject (…坚持以) | contact (请与…联系) | pooled (由XX综合…编制而成)
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Doer:
    """A name written as doing this report's work that is not (certainly) the own agency."""
    name: Name
    start: int
    end: int
    quote: str
    certain: bool               # True: an error; False: a warning
    reason: str                 # for a warning: what is in doubt (Chinese)
    kind: str = "subject"       # subject | self | site | portal | addressed | platform


# -- the own agency ------------------------------------------------------------------
_NAME = r"[" + HAN + r"（）()]{2,40}?"
# A year's report (2023年政府信息公开工作年度报告), matched from its year so that the regex engine can
# skip ahead to a 1 or 2; _year_reports adds back the spaces the prose puts before it.
_YEAR_REPORT = re.compile(r"(?:19|20)\d{2}\s*年?度?\s*(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:工作)?报告")
_SELF_BY = re.compile(rf"本(?:年度)?(?:报告|年报)由(?P<n>{_NAME})(?=按照|根据|依据|依照|结合|负责|编制|汇总|制作|组织)")
# 本年度报告根据《条例》要求，由XX编制而成: the compiler named after the basis (quoted from 由)
# (本年度报告是根据…规定,由XX综合各县(市、区)人民政府…编制而成: 永春县仙夹镇 2019, 第八十九批)
_SELF_BY_AFTER = re.compile(rf"本(?:年度)?(?:报告|年报)是?(?:根据|依据|按照|依照)[^。；;\n]{{0,120}}?[，,]\s*由(?P<n>{_NAME})"
                            r"(?=编制|汇总|制作|综合[^。；;\n]{0,60}?编制)")
# (根据《条例》…等信息公开相关文件要求,由福州市长乐区人民政府吴航街道办事处编制而成。 — the first sentence
# of the page, its 本报告 left out: 吴航街道 2022, 第三百八十一批)
_SELF_BY_OPENING = re.compile(rf"(?:^|(?<=\n))\s*(?:根据|依据|按照|依照)[^。；;\n]{{0,160}}?[，,]\s*由(?P<n>{_NAME})(?=编制而成)")
# …要求，嵩县市场监督管理局编制了本报告 / 由闽清县人民政府办公室编制本报告: the compiler named before
# the report it made (the name after a 要求/规定 clause, or after 由)
_SELF_MADE = re.compile(rf"(?:(?<=要求|规定|精神|部署)[，,]\s*(?!由)|由)(?P<n>{_NAME})(?:负责)?(?:编制|制作|撰写)了?本(?:年度)?(?:报告|年报)")
_MADE_TAIL = re.compile(r"(?:编制|制作|撰写)了?本(?:年度)?(?:报告|年报)$")
_COMPILED_BY = re.compile(r"\s*(?:本(?:年度)?(?:报告|年报))?由")
_SELF_COVERS = re.compile(rf"涵盖(?P<n>{_NAME})(?=\s*(?:19|20)\d{{2}}\s*年)")
# (…组成,涵盖了2022年麒麟区自然资源局政府信息公开工作 — 第二百二十二批: the year before the name)
_SELF_COVERS_YEAR = re.compile(rf"涵盖了?(?:19|20)\d{{2}}\s*年度?(?P<n>{_NAME})(?=(?<!人民)(?:政府信息公开|政务公开)工作)")
# (总结厦门市思明区人民政府办公室2021年政府信息公开工作情况 in 思明区统计局's preamble, 第二百零三批: the
# opening names whose year's work the report sums up)
_SELF_SUMS = re.compile(rf"总结(?P<n>{_NAME})(?=\s*(?:19|20)\d{{2}}\s*年度?(?:政府信息公开|政务公开))")
# 结合杭州市滨江区人民政府2022年度政府信息公开工作编制而成 in 浦沿街道's preamble, 结合2021年度吉林市丰满区人民
# 政府信息公开工作实际 in 丰满区民政局's (第一百九十批起的漏报): the body whose year's work the report is made from
# (the work the report is made from: 工作(实际)编制而成, not 工作要点 or 工作规定 that guide it)
_SELF_JOINED = re.compile(rf"结合(?:(?:19|20)\d{{2}}\s*年度?)?(?P<n>{_NAME})(?=(?:\s*(?:19|20)\d{{2}}\s*年度?(?:政府信息公开|政务公开)"
                          r"|(?<!人民)(?:政府信息公开|政务公开)|(?<=人民政府)信息公开)工作(?:实际|情况)?[，,]?(?:编制|撰写|编写|形成))")
_LEADING_VERB = re.compile(r"(?:按时|及时|依法|如期|准时|主动|按要求|认真)(?:编制|制作|撰写|公布|发布|公开|报送|上传)了?")
# 现向社会公布钦州市钦北区审计局2023年度政府信息公开工作情况 (钦北区审计局 2023, 第三百五十四批): the work's
# year told, no 报告 after it (a year's 报告 is read from its run, _year_reports)
_SELF_PUBLISHED_WORK = re.compile(rf"现向社会(?:公布|发布)(?P<n>{_NAME})(?=\s*(?:19|20)\d{{2}}\s*年度?(?:政府信息公开|政务公开)工作(?:的有关)?情况)")
# 北京市东城区人民政府外事办公室政府信息公开工作领导小组由我办主要领导担任组长 (东城区外事办 2021, 第三百八十三批):
# a line opening with the body's own leading group, which the body's own leaders (我办/本局…) head
_SELF_GROUP = re.compile(rf"(?:^|(?<=\n))\s*(?P<n>{_NAME})(?=(?:政府信息公开|政务公开)(?:工作)?领导小组由[我本][局委办厅镇乡]|"
                         r"(?:政府信息公开|政务公开)(?:工作)?领导小组由[我本]街道)")
_VERB_IN_RUN = re.compile(r"(?:编制|制作|撰写|公布|发布)了?")
_RUN_BEFORE = re.compile(r"[" + HAN + r"（）()]{2,48}$")
# a government and its zone's committee named as one body (广州市黄埔区人民政府 广州开发区管委会): the
# first name's shape, used here and by ingest's title reading
JOINT_NAME = r"[" + HAN + r"]{2,20}?(?:人民政府|管理委员会|管委会)"
_JOINT_BEFORE = re.compile(rf"(?P<n>{JOINT_NAME}) $")
# (请与常州市钟楼区南大街街道党政和人大办公室联系, 第二百二十一批: an office serving two bodies; 如对本报告有
# 疑问,可与广元市市场监督管理局办公室联系, 第二百二十三批)
# (可向房县政务公开工作领导小组办公室联系, 第二百五十九批: the office of a place's 政务公开 leading group)
_CONTACT = re.compile(
    rf"(?:请|可)(?:与|联系|向)(?P<e>{_NAME})(?:的)?(?P<o>(?:党政|人大|综合|[和与])*办公室|办公厅|"
    rf"(?:政务公开|政府信息公开)(?:工作)?领导小组办公室)?(?:联系|[，。,（(])")
# the own organ's office for open government named in a contact line (请联系梅河口市应急管理局政务公开办公室)
_OWN_OFFICE_CONTACT = re.compile(rf"(?:请|可)(?:与|联系|向)(?P<e>{_NAME})(?:政务公开|政府信息公开|信息公开)办公室")
_OPENING = 1200         # a report says whose it is in its opening
_OF_YEAR = r"\d{2}\s*年?度?\s*(?:政府信息公开|政务公开|信息公开)"
# 现将XX2024年度政府信息公开工作的有关情况向社会公众发布: the opening names whose year it reports
# (现把长治市信访局2019年度…报告如下: 长治市信访局 2019, 第二百四十三批)
# (现将金台区审计局政府信息公开工作2024年度工作情况报告如下: the work named before its year — 金台区审计局
# 2024, 第三百一十一批)
_SELF_NOW = re.compile(rf"现[将把](?P<n>{_NAME})(?=\s*(?:19|20){_OF_YEAR}|(?:政府信息公开|政务公开)工作\s*(?:19|20)\d{{2}}\s*年)")
# 特公布2022年度萧山区城厢街道办事处政府信息公开工作年度报告 (第一百二十六批): the year before the name
# (…工作情况 for the report: 现公布2022年阳新县自然资源和规划局政府信息公开工作情况, 第一百三十九批)
# (or opening a line: 2024年柳北区人民政府办公室政府信息公开工作年度报告,坚持以… — 第一百四十二批)
# (信息公开 alone after the name: 现公布2022年汨罗市交通运输局信息公开工作年度报告, 第二百一十五批; not 人民 + 政府信息公开)
_SELF_YEAR_FIRST = re.compile(rf"(?:公布|发布|编制|公开|(?m:^))(?:19|20)\d{{2}}\s*年度?(?P<n>{_NAME})"
                              r"(?=(?:(?<!人民)(?:政府信息公开|政务公开)|(?:(?<!府)|(?<=人民政府))(?<!务)信息公开)(?:工作)?的?(?:(?:年?度)?报告|情况))")
# every alternative begins with a plain character (not a group: the engine then tries the whole
# pattern at every position), so the engine skips ahead to 报, 年, 涵, 1 or 2
_SELF_HINT = re.compile(rf"报告由|年报由|涵盖|结合|报告是?(?:根据|依据|按照|依照)|年报是?(?:根据|依据|按照|依照)|19{_OF_YEAR}|20{_OF_YEAR}"
                        r"|编制了?本|制作了?本|撰写了?本|公布(?:19|20)|发布(?:19|20)|编制(?:19|20)|公开(?:19|20)"
                        r"|公开工作(?:19|20)"      # (现将X政府信息公开工作2024年度…: _SELF_NOW's second way)
                        r"|编制而成"                # (…要求,由X编制而成: _SELF_BY_OPENING)
                        r"|领导小组由[我本]")       # (X政府信息公开工作领导小组由我办…: _SELF_GROUP)
_TITLE_SPAN = re.compile(r"《[^《》\n]*》|<[^<>\n]*>")
_BOOK_TITLE = re.compile(r"《[^《》\n]*》")


def _mask_titles(text: str) -> str:
    """``_TITLE_SPAN.sub(_masked_title, text)``: without a < only its 《》 half can match, whose
    search skips ahead to a 《 (the pattern's own stops at every 《 and <)."""
    rx = _TITLE_SPAN if "<" in text else _BOOK_TITLE if "《" in text else None
    return rx.sub(_masked_title, text) if rx is not None else text


def _masked_title(m: re.Match) -> str:
    """A title masked: a year's report keeps its words (only its brackets go), any other is hidden."""
    t = m.group()
    if t.endswith("报告》") and _YEAR_REPORT.search(t) and not _CITED_BY.search(m.string, max(0, m.start() - 4), m.start()):
        return "#" + t[1:-1] + "#"
    return "#" * len(t)


# 参照《平潭综合实验区2022年政府信息公开工作年度报告》的格式…: another report cited, not this one's title
_CITED_BY = re.compile(r"(?:参照|按照|依据|根据|对照|借鉴|学习|参考|依照|比照|沿用)[了]?$")


def _year_reports(text: str) -> list[tuple[int, int]]:
    """(start, end) of every year's report in ``text`` with the whitespace right before it: the
    matches of \\s* followed by _YEAR_REPORT (a year begins with a digit, so the spaces before one
    belong to it, back to the end of the one before)."""
    out: list[tuple[int, int]] = []
    prev = 0
    for m in _YEAR_REPORT.finditer(text):
        start = m.start()
        while start > prev and text[start - 1].isspace():
            start -= 1
        out.append((start, m.end()))
        prev = m.end()
    return out


# (淮安工业园区党政办公室 compiles 淮安工业园区's report: a zone's office is inside the zone too —
# 淮安工业园区 2020, 第四百七十七批)
_INNER_OFFICE = re.compile(r"(?:(?<=人民政府)|(?<=办事处)|(?<=街道)|(?<=苏木)|(?<=[镇乡])|(?<=园区)|(?<=开发区)|(?<=新区)|(?<=管委会)|(?<=管理委员会))(?:党政综合办公室|党政办公室|综合办公室|党政综合办|党政办)$")


def clean_claim(s: str) -> str:
    # 制定/制作/撰写/起草 as well (…安排部署，制定和平街道2020年政府信息公开工作年度报告: the verb, not the name)
    # (特编制并向社会公布安溪县人民政府2021年…报告, 第五十四批: two verbs joined by 并)
    s = re.sub(r"^(?:(?:现|特|特此|了|将|把|对|并|就)+|向社会|(?:公布|发布|编制完成|编制|公开|报送|印发|制定|制作|撰写|起草)了?)*", "", s.strip())
    # 依法按时完成长通街道2024年…报告: the verb before the name, not part of it
    s = re.sub(r"^(?:依法|依规)?(?:按时|如期|及时|认真)?(?:编制)?完成了?", "", s)
    # (武威市人民政府关于报送武威市2020年度…报告的函: the sender, 第一百四十批)
    s = re.sub(r"关于(?:(?:报送|印发|公布)[" + HAN + r"]*)?$", "", s)
    # 盐田区水务局编制了2024年度…年度报告: the verb after the name, before the report it made
    # 浦江县卫生健康局撰写了2022年度…报告; 交通运输部编制了本级行政机关2019年…报告
    s = re.sub(r"(?:向社会)?(?:编制|制作|形成|发布|公布|撰写)了?(?:本级行政机关|本机关|本单位|本部门)?$", "", s)
    # 由两城镇人民政府党政办公室编制: the town's report, compiled by an office inside it (no agency
    # of its own; a 人民政府办公室 is one, and is kept)
    return _INNER_OFFICE.sub("", s)


_SELF_MEMO: dict[tuple[str, bool], tuple[Claim, ...]] = {}


def self_references(text: str, norm: Norm | None = None) -> Iterator[Claim]:
    """Where the prose says whose report it is (see _self_references). One validation asks this of the
    same opening several times (the agency's inference, I001's own-report check): the claims of
    the last few texts are kept."""
    key = (text, norm is None)
    found = _SELF_MEMO.get(key)
    if found is None:
        if len(_SELF_MEMO) >= 32:
            _SELF_MEMO.clear()
        found = _SELF_MEMO[key] = tuple(_self_references(text, norm))
    return iter(found)


def _self_references(text: str, norm: Norm | None = None) -> Iterator[Claim]:
    """Where the prose says whose report it is: 本报告由XX编制, 现公布XX2023年度…报告, 涵盖XX2021年…,
    a title line XX2023年政府信息公开工作年度报告 — in the opening of a text. Names inside 《》
    (other documents) are not read. ``norm``: the text's normalisation, when the caller has it."""
    # 興慶區 reads as 兴庆区
    norm = norm.head(_OPENING) if norm is not None else normalise(text[:_OPENING])
    if not _SELF_HINT.search(norm.text) and not (norm.text[:2] in ("19", "20") or "\n20" in norm.text or "\n19" in norm.text):
        return          # (a line that opens with a year: _SELF_YEAR_FIRST's second way)
    # other documents' titles are masked; a 《…2024年政府信息公开工作年度报告》 in the opening is
    # this report's own title (现发布《西夏区人民政府办公室2024年…报告》): only its brackets go
    masked = _mask_titles(norm.text)
    # (name start, name end, quote start, quote end)
    spans = [(*m.span("n"), m.start(), m.end("n") + 2)
             for rx in (_SELF_BY, _SELF_COVERS, _SELF_COVERS_YEAR, _SELF_SUMS, _SELF_NOW, _SELF_YEAR_FIRST, _SELF_JOINED,
                        _SELF_PUBLISHED_WORK, _SELF_GROUP)
             for m in rx.finditer(masked)]
    spans += [(*m.span("n"), m.start("n") - 1, m.end("n") + 2) for m in _SELF_BY_AFTER.finditer(masked)]
    spans += [(*m.span("n"), m.start("n") - 1, m.end("n") + 2) for m in _SELF_BY_OPENING.finditer(masked)]
    spans += [(*m.span("n"), m.start() if masked[m.start()] == "由" else m.start("n"), m.end())
              for m in _SELF_MADE.finditer(masked)]
    for start, end in _year_reports(masked):
        run = _RUN_BEFORE.search(masked, max(0, start - 48), start)
        if run and run.start() and masked[run.start() - 1].isdigit():
            continue    # 38家市直部门及市政府2022年…报告已全部…拟写: bodies counted, not this report's own
            #             (毕节市 2022, 第二百三十九批)
        if run:
            a = qa = run.start()
            verb = None
            for verb in _VERB_IN_RUN.finditer(masked, a, run.end()):
                pass
            if verb is not None and verb.start() - a >= 4 and verb.end() < run.end():
                a = verb.end()      # 桦甸市统计局编制了桦甸市桦甸市统计局2020年…报告: a name, its verb, then the
                #                     name of the report (桦甸市统计局 2020, 第二百四十三批)
            lead = _LEADING_VERB.match(masked, a, run.end())
            if lead is not None and lead.end() < run.end():
                a = lead.end()      # 按时发布吴淞街道2024年…报告 (第三百四十八批): the deed, then the name
            # 现公布广州市黄埔区人民政府 广州开发区管委会2022年…报告 (第五十三批): a government and its
            # zone's committee, one body, printed with a space between
            joint = _JOINT_BEFORE.search(masked, max(0, a - 30), a)
            spans.append((joint.start("n") if joint else a, run.end(), joint.start("n") if joint else qa, end))
    for a, b, qa, qb in sorted(spans):
        raw = masked[a:b]
        s = clean_claim(raw)
        if len(s) < 2 or SELF_RE.fullmatch(s) or s[0] == "各":
            # (由烟台市人民政府综合市本级、各区市政府2020年…报告编制而成: the reports of every body of
            # a kind, pooled into this one, not another body's report — 烟台市 2020, 第四百四十二批)
            continue
        n = parse_name(s.replace(" ", ""), strict=False)
        off = a + raw.find(s)
        alias = _BRACKET_ALIAS.fullmatch(s) if n is None else None
        if alias is not None:
            # 南通外向型农业综合开发区(苴镇街道) (第一百三十八批): a zone the data does not know, with the
            # 街道 it is one body with in brackets — that name says which body it is
            n = parse_name(alias.group("n"), strict=False)
            off, s = off + alias.start("n"), alias.group("n")
        if n is None or not (n.regions or n.dept or n.gov):
            continue
        yield Claim(n, norm.quote(qa, qb).strip(), "self", *norm.span(off, off + len(s)))


# a placed organ's full name (桃源县水利局): counted where a compiler named once competes with it
# (a place of two characters and its level: the common shape, found from the left without a
# preceding word run into it — 可在青禾县水利局 gives 青禾县水利局)
_PLACED_ORGAN = re.compile(r"[" + HAN + r"]{2}[省市县区旗州盟][" + HAN + r"]{1,12}?(?:局|委员会|办公室|街道办事处)")
_BRACKET_ALIAS = re.compile(r"[" + HAN + r"]{2,30}[（(](?P<n>[" + HAN + r"]{2,12}(?:街道|镇|乡|办事处))[）)]")


# 结合舒城县人民政府办公室政府信息公开工作有关统计数据撰写 (舒城县政府办 2024, 第一百六十三批): the office's
# own 政府信息公开 work named — the report is the office's
_OFFICE_OWN_WORK = re.compile(r"政府办公(?:室|厅)(?:\d{4}年度?)?政府信息公开工作")
_SELF_OFFICE = re.compile(r"[我本]办(?![理公事法])|[我本]厅")


def _contacts(norm: Norm, office: bool = False) -> Iterator[Claim]:
    """Names in 请与…联系 / 请联系… lines; ``office``: the report calls itself 我办 somewhere."""
    for m in _CONTACT.finditer(norm.text):
        s = clean_claim(m.group("e"))
        if s and m.group("o") in ("办公室", "办公厅") and s.endswith("人民政府") and office:
            # 请联系南京市溧水区人民政府办公室 in a report that calls itself 我办: the office's own
            # report, not the government's (溧水区政府办 2025, 第八十五批; 办公厅 likewise, 我厅)
            s += m.group("o")
        # (请与我镇人民政府办公室联系: the pronoun's body, named by no name — 水江镇 2024, 第九十二批;
        # 请与局办公室联系: the own bureau's office, named by its kind alone — 厦门市人社局 2024, 第二百九十二批)
        n = parse_name(s, strict=False) if s and not SELF_RE.match(s) and s[0] not in "局委厅办" else None
        if n is not None:
            yield Claim(n, norm.quote(*m.span()).rstrip("，。,（("), "contact", *norm.span(*m.span("e")))


def _subjects(text: str, strict: bool = True) -> Iterator[tuple[Name, int, int]]:
    """Names that open a clause and are followed by a work verb: the clause's doer.

    One scan finds every place where a name could end (an organ's or a place's last character
    right before a work verb); each is read back to its clause's start. Linear in the text."""
    hits = [m.start() for m in _END_BEFORE_VERB.finditer(text)]
    if not hits:
        return
    openers = agencies.not_subject_openers()
    done: set[int] = set()
    for h in hits:
        end = h + 1
        p = _clause_start(text, h)
        lead = _LEAD.match(text, p, end)
        q = lead.end() if lead else p
        if q in done or end - q < 2 or end - q > _WINDOW:
            continue
        cand = text[q:end]
        verb = _WORK.match(text, end)
        if verb is not None and text.startswith("的", verb.end()):
            continue            # 县政府办公室印发的《…通知》: who issued a thing named, not a doer (霍邱县住建局 2020)
        lead_adverb = next((w for w in _ADVERBS if cand.startswith(w)), "")
        if _WORK.search(cand) or SELF_RE.fullmatch(cand) or cand.startswith(openers) or \
                (lead_adverb and cand[len(lead_adverb):].startswith(openers)):
            continue            # (主要依托盐田区政府在线网站: the opener after an adverb)
        if lead_adverb and _VERB_OPEN.match(cand, len(lead_adverb)):
            continue            # 主要公开镇政府贯彻落实…: an adverb and a verb, not a place 主要公开镇 (鸿山镇 2021)
        n = parse_name(cand, strict=strict)
        if n is not None and n.regions and _verb_before_place(n.regions[0]):
            continue            # 安排专人负责兴安盟卫生健康委员会在线留言平台工作: the name is the verb's
            #                     object, not the clause's subject (兴安盟卫健委 2022, 第一百七十批)
        if n is not None:
            done.add(q)
            yield n, q, end


def _verb_before_place(region: str) -> bool:
    """A first place read with words before it (安排专人负责兴安盟): it is no division of the codes,
    but its end is one, of three characters at least, after two or more others."""
    if is_division(region):
        return False
    # (绍兴滨海新区: a place's stem, 绍兴 of 绍兴市, before the division 滨海新区 — kept)
    return any(is_division(region[k:]) and not any(is_division(region[:k] + x) for x in ("省", "市", "县", "区", "盟", "州"))
               for k in range(2, len(region) - 2))


_VERB_OPEN = re.compile(r"公开|发布|开展|推进|做好|加强|落实|完善|建立|健全|通过|依托|利用|围绕")
_ADVERBS = ("主要", "均", "都", "并", "还", "也", "同时", "则", "已",
            # 定期对街道开展重点工作…进行公示 (荣成市东山街道 2025): when, then the opener
            "定期", "及时", "按时", "每月", "每年", "每季度", "随时")


def _clause_start(text: str, h: int) -> int:
    """Where the clause holding ``h`` begins: after the last separator before it (0 if none),
    looked for in the few characters before ``h`` first, as clauses are short."""
    lo = max(0, h - _SEP_WINDOW)
    m = _TO_LAST_SEP.match(text, lo, h)
    if m is None and lo:
        m = _TO_LAST_SEP.match(text, 0, h)
    return m.end() if m is not None else 0


def bare_name(n: Name) -> bool:
    """街道, 区行政审批局: a name that does not say which place it is."""
    return all(r in region_levels() for r in n.regions)


_COMPILER_OFFICE = re.compile(r"(?:(?<=政府)|(?<=[局委厅]))办公室$")


def _compiled_for(c: Claim, office: bool) -> Claim:
    """本报告由XX人民政府办公室编制 / 由XX局办公室编制: the office compiled its body's report — the
    government's, unless the report calls itself 我办 (then the office's own: 溧水区政府办 2025); a
    bureau's office is never a body of its own (盐城市 2023, 浦口区教育局 2024, 第一百零二、一百零五批)."""
    if not (_COMPILED_BY.match(c.quote) or _MADE_TAIL.search(c.quote)):
        return c
    text = c.name.text
    if not _COMPILER_OFFICE.search(text) or (office and text.endswith("人民政府办公室")):
        return c
    body = text[:-3]
    if body.endswith("政府") and not body.endswith("人民政府"):
        body = body[:-2] + "人民政府"     # 由城中区政府办公室编制 (西宁市城中区 2020, 第一百四十五批)
    n = parse_name(body, strict=False)
    return c if n is None else Claim(n, c.quote, c.kind, c.start, c.end)


# a document the text says it follows (按照《…》《…》要求, 根据…和《…》), its titles chained before this one
# (按照省政府有关工作部署和《保定市人民政府办公室关于…》: a few more words before the first — 保定市司法局 2021)
_FOLLOWED = re.compile(r"(?:按照|根据|依据|依照|落实|贯彻|执行)(?:[^《》。；\n]{0,14}《[^《》\n]*》[^《》。；\n]{0,12}?)*[^《》。；\n]{0,14}$")


def _placed_organs(texts: list[tuple[str, str]]) -> dict[str, tuple[Name, int, tuple[int, int, int]]]:
    """Each placed organ's full name the texts write (_PLACED_ORGAN, read by parse_name as itself):
    its Name, how many times it is written and where first (text index, start, end)."""
    found: dict[str, tuple[Name, int, tuple[int, int, int]]] = {}
    for i, (_, t) in enumerate(texts):
        # (not the body that issued a document the text cites: 《福州市长乐区人民政府办公室关于印发…的通知》
        # twice in 长乐区民政局's preamble — 第三百批)
        cited = [m.span() for m in _BOOK_TITLE.finditer(t) if _FOLLOWED.search(t, max(0, m.start() - 160), m.start())] \
            if "《" in t else []
        for m in _PLACED_ORGAN.finditer(t):
            if t.startswith("关于", m.end()) and any(a <= m.start() < b for a, b in cited):
                continue        # (《X关于…》: X issued it; 《X2021年…年度报告》 is X's own report)
            name = m.group()
            if name in found:
                n, k, at = found[name]
                found[name] = (n, k + 1, at)
                continue
            n = parse_name(name, strict=False)
            if n is not None and n.regions and n.text == name:
                found[name] = (n, 1, (i, m.start(), m.end()))
    return found


def _organ_claim(texts: list[tuple[str, str]], n: Name, at: tuple[int, int, int]) -> Claim:
    i, a, b = at
    return Claim(n, texts[i][1][a:b], "subject", a, b)


def _repeated_organ(texts: list[tuple[str, str]]) -> Claim | None:
    """The one placed organ's full name written at least twice in the texts, as a claim; None
    when there is none or more than one."""
    # (the place one the division codes know: not 公开区科信局 from 「…公开区科信局…」)
    # (温州市龙湾区永兴街道办事处: a 街道 under a county the codes know — 第一百六十二批)
    found = [(n, at) for n, k, at in _placed_organs(texts).values()
             if k >= 2 and (n.org or n.gov) and any(map(is_division, n.regions))]
    return _organ_claim(texts, *found[0]) if len(found) == 1 else None


def _placed_form(c: Claim, texts: list[tuple[str, str]]) -> Claim:
    """A bare name (州政务服务和数字化建设管理局, from 请与…联系) that the prose also writes with its
    place (延边州政务服务和数字化建设管理局…): the placed form, when only one place is written so
    (延边州政务服务局 2021, 第三百六十一批: inferred without 延边, its own site read as another's)."""
    name = c.name.text
    found: set[str] = set()
    for _, text in texts:
        i = text.find(name, 1)
        while i > 0:
            for k in (2, 3, 4, 5):
                full = text[max(i - k, 0):i] + name
                if i - k < 0 or not re.fullmatch("[" + HAN + "]+", full[:k]):
                    break
                n = parse_name(full, strict=False)
                if n is not None and n.regions and is_division(n.regions[0]):
                    found.add(full)
                    break
            i = text.find(name, i + 1)
    if len(found) != 1:
        return c
    n = parse_name(found.pop(), strict=False)
    return replace(c, name=n) if n is not None else c


# (可与党政办联系: 南昌县东新乡 2023, 第三百四十一批)
_INNER_ONLY = re.compile(r"(?:综合|党政|行政)?办(?:公室)?|综合科|政务公开办(?:公室)?")


def infer_agency(texts: Iterable[tuple[str, str]], norms: list[Norm] | None = None) -> Claim | None:
    """The agency as the prose names it, when neither the title nor the 落款 does: what it says of
    itself (本报告由…编制), else the first subject of a work clause, else the contact (请与…联系);
    a name that says which place it is before one that does not (区行政审批局). ``norms``: the
    texts' normalisations, in their order, when the caller has them."""
    claims: list[Claim] = []
    texts = list(texts)
    selves: list[Claim] = []
    subjects: list[Claim] = []
    nrm = []
    for i, (_, text) in enumerate(texts):
        norm = norms[i] if norms is not None else normalise(text)
        nrm.append(norm)
        selves.extend(self_references(text, norm))
        subjects.extend(Claim(n, norm.quote(a, b + 8), "subject", *norm.span(a, b)) for n, a, b in _subjects(norm.text))
    # the report speaks as an office: 我办, or the office doing a clause's work (市政府办公室深入贯彻…:
    # 广汉市、临夏市政府办 2025)
    office = any(_SELF_OFFICE.search(t) for _, t in texts) or \
        any(c.name.text.endswith(("政府办公室", "政府办", "政府办公厅")) for c in subjects) or \
        any(_OFFICE_OWN_WORK.search(t) for _, t in texts)
    # (由益阳市政务公开办综合市人民政府工作部门的…报告编制而成 in a bureau's report: the city's pooled
    # report's sentence names its compiler, not this report's agency — 益阳市司法局 2023, 第一百三十一批)
    pooled = [c for c in selves if c.name.text + "综合" in c.quote]
    # (结合X…工作编制: a 街道's report may be made from its district's work — 浦沿街道 2022 — not X's own)
    selves = [c for c in selves if not c.quote.startswith("结合")]
    claims.extend(_compiled_for(c, office) for c in selves if c not in pooled)
    claims.extend(subjects)
    for norm in nrm:
        claims.extend(_contacts(norm, office))
    if not claims:
        # no name of a known organ: a placed name of an organ the data does not know (五原县农牧和
        # 科技局坚持…, 第四十一批), read loosely as the subject of the first work clause
        for i, (_, text) in enumerate(texts):
            norm = norms[i] if norms is not None else normalise(text)
            claims.extend(Claim(n, norm.quote(a, b + 8), "subject", *norm.span(a, b))
                          for n, a, b in _subjects(norm.text, strict=False) if n.org and not bare_name(n))
    if not claims:
        claims.extend(replace(_compiled_for(c, office), kind="pooled") for c in pooled)   # (the last resort)
    rank = {"self": 0, "subject": 1, "contact": 2, "pooled": 3}
    named = [c for c in claims if not bare_name(c.name)]
    # (请联系办公室 in 景德镇市公路事业发展中心's copy, 第一百九十二批: an office of the body, not the body)
    pool = named or [c for c in claims if c.name.org and not _INNER_ONLY.fullmatch(c.name.text)]
    best = min(pool, key=lambda c: rank[c.kind], default=None)
    if best is not None:
        # 城区街道办事处坚持… first, 乳山市城区街道办事处 in other clauses (乳山市城区街道 2025, 第四百三十六批):
        # the same body with its place written before it — the fuller name is the one to show
        longer = [c for c in pool if len(c.name.text) > len(best.name.text) and c.name.text.endswith(best.name.text)]
        if longer:
            best = min(longer, key=lambda c: (rank[c.kind], len(c.name.text)))
    if best is not None and bare_name(best.name):
        best = _placed_form(best, texts)
    if best is None:
        # no name said whose report it is, none doing the work: a placed organ the prose writes in full
        # at least twice, the only one (…的姚安县农业农村局政府信息公开工作领导小组 and again: 姚安县农业农村局
        # 2021, 第一百五十三批 — 「未识别的机关」)
        return _repeated_organ(texts)
    if best.kind == "self" and _COMPILED_BY.match(best.quote):
        # 由常德市水利局编制 in a report that writes 桃源县水利局 in full four times (桃源县水利局 2019,
        # 第一百五十一批): the compiler named once is not whose report it is when another placed name
        # of an organ is written in full at least twice and it only once
        if sum(t.count(best.name.text) for _, t in texts) == 1:
            repeated = [(n, at) for name, (n, k, at) in _placed_organs(texts).items()
                        if k >= 2 and name != best.name.text and n.org == best.name.org]
            if len(repeated) == 1:
                return _organ_claim(texts, *repeated[0])
    return best


def _texts(report: Report) -> list[tuple[str, str]]:
    out = []
    if report.preamble:
        out.append(("preamble", report.preamble))
    for key, sec in report.sections.items():
        if sec.text:
            out.append((key, sec.text))
    return out


def agency_is_guess(report: Report) -> bool:
    return report.meta.agency == UNKNOWN_AGENCY or any(
        p.code == "P003" and p.message.startswith(NO_AGENCY) for p in report.problems)


# 随县经济开发区（以下简称县开发区）, XX局（以下简称“某局”，下文类同): a short name the report gives itself
_ALIAS = re.compile(r"\s*[（(]\s*(?:以下)?简称\s*[“\"「]?(?P<s>[" + HAN + r"]{2,16}?)[”\"」]?\s*[，,、)）]")


def _declared_aliases(agency: str, texts: list[tuple[str, str]]) -> set[str]:
    """The short names declared right after the own agency's full name in the prose."""
    out: set[str] = set()
    for _, text in texts:
        i = text.find(agency)
        while i >= 0:
            m = _ALIAS.match(text, i + len(agency))
            if m:
                out.add(m.group("s"))
            i = text.find(agency, i + len(agency))
    return out


def _short_after_jiancheng(text: str, short: str) -> bool:
    """Some 简称 in ``text`` is followed by ``short`` (after spaces or an opening quote): the cheap
    test before the declaration's pattern is compiled (its class of every Han character costs
    milliseconds to compile, and most texts that hold both words never declare this short)."""
    i = text.find("简称")
    while i >= 0:
        j = i + 2
        while j < len(text) and text[j] in " \t\u3000\n“\"「":
            j += 1
        if text.startswith(short, j):
            return True
        i = text.find("简称", i + 2)
    return False


def _declared_full(short: str, texts: list[tuple[str, str]]) -> str | None:
    """The full name the prose declares ``short`` stands for: XX(以下简称short)."""
    rx = None      # compiled only when a text could hold the declaration: most never do
    for _, text in texts[:3]:
        if "简称" not in text or short not in text or not _short_after_jiancheng(text, short):
            continue
        rx = rx or re.compile(r"(?:由|是|为)?(?P<f>[" + HAN + r"]{4,40}?)\s*[（(]\s*(?:以下)?简称\s*[“\"「]?"
                              + re.escape(short) + r"[”\"」]?\s*[，,、)）]")
        m = rx.search(text)
        if m:
            return clean_claim(m.group("f"))
    return None


def identity_of(report: Report, texts: list[tuple[str, str]] | None = None,
                norms: list[Norm] | None = None) -> Own:
    """The report's own agency; ``texts`` (section, text) and their ``norms`` when the caller has them."""
    meta = report.meta
    agency: str | None = None if meta.agency == UNKNOWN_AGENCY else meta.agency
    basis = ""
    if agency is None:
        claim = infer_agency(texts if texts is not None else _texts(report), norms if texts is not None else None)
        if claim is not None:
            agency, basis = claim.name.text, claim.quote
    name = parse_name(agency, strict=False) if agency else None
    if name is None and agency and agency.endswith("街"):
        # 西青区西营门街: 天津's short name of a 街道办事处 (the report says 西营门街道办事处 too)
        name = parse_name(agency + "道办事处", strict=False)
    bureau = None
    if agency and agency.endswith("部门") and (name is None or name.dept is None):
        # 云浮市气象部门2024年…年度报告 (第一百二十一批): the 气象 service calls itself so in a title;
        # the prose names its bureau (云浮市气象局), which is the body
        alt = parse_name(agency[:-2] + "局", strict=False)
        if alt is not None and alt.dept is not None:
            name, bureau = alt, alt.text
    regions: tuple[str, ...] = name.regions if name else ()
    if meta.region:
        r = parse_name(meta.region)
        if r is not None and r.regions:
            regions = r.regions
    if len(regions) == 1:
        regions = _address_places(regions, texts if texts is not None else _texts(report))
    names = {n for n in (agency, bureau, *meta.short_names) if n}
    if agency:
        prose = texts if texts is not None else _texts(report)
        names.update(_declared_aliases(agency, prose))
        # the title's short name declared for a full one (由广西壮族自治区北部湾经济区规划建设管理办公室
        # (以下简称自治区北部湾办)编制, 第六十三批): the full name is ours too
        full = _declared_full(agency, prose)
        if full is not None:
            names.add(full)
            if not regions:
                n = parse_name(full, strict=False)
                regions = n.regions if n is not None else regions
    if name is not None and (name.org or name.gov) and all(r in region_levels() for r in regions):
        # 区退役军人事务局2022年…报告 as the page's title and 广州市越秀区退役军人事务局2022年…报告 in the
        # opening (越秀区退役军人事务局 2022, 第二百六十七批): the title shortened the name the prose
        # gives in full; the full name's places are the own ones
        fuller = _fuller_own(name, regions[-1] if regions else "", texts if texts is not None else _texts(report))
        if fuller is not None:
            regions = fuller.regions
            names.add(fuller.text)
    return Own(agency, agency is not None and not agency_is_guess(report), name, regions, frozenset(names), basis)


def _fuller_own(name: Name, bare: str, texts: list[tuple[str, str]]) -> Name | None:
    """The own agency's name in full where the report calls itself by it (现公布/…报告) in its
    opening: the same organ, its last place one of the bare kind the title gave (区, 市, 县), or any
    place when the title gave none (审计局2024年…报告: 金台区审计局 2024)."""
    for _, text in texts[:2]:
        # (the preamble's contact line names the own organ in full too: 请联系梅河口市应急管理局政务公开
        # 办公室 under the title 应急管理局2025年…报告 — 梅河口市应急管理局 2025, 第四百零七批)
        contacts = [parse_name(clean_claim(m.group("e")), strict=False) for m in _OWN_OFFICE_CONTACT.finditer(text[:_OPENING])]
        for n in (*(c.name for c in self_references(text[:_OPENING])), *filter(None, contacts)):
            if n.regions and n.regions[-1] not in region_levels() and n.regions[-1].endswith(bare) \
                    and (n.org or n.gov) and n.org == name.org and n.gov == name.gov:
                return n
    return None


_ADDRESS = re.compile(r"地址\s*[:：]\s*([" + HAN + r"]{2,24}?)(?:人民政府|政府|大楼|路|街|大道|号|广场|中心)")


def _address_places(regions: tuple[str, ...], texts: list[tuple[str, str]]) -> tuple[str, ...]:
    """The own place named by its wider places in the report's contact address (郊区统计局 with
    地址:铜陵市郊区政府大楼 is in 铜陵市郊区), when the address's last place is ours."""
    for _, text in texts[:2]:
        for m in _ADDRESS.finditer(text[:3000]):
            n = parse_name(m.group(1), strict=False)
            if n is not None and len(n.regions) > 1 and _comp_match(regions[-1], n.regions[-1]):
                return n.regions
    return regions


# -- comparing a name with the own agency -------------------------------------------
_SPECIAL_ZONE = ("实验区", "示范区", "开发区", "高新区", "新区", "片区")


# Words that name a park by its kind alone (园区管委会 in the report of 百口泉产业园区): like a bare
# 区, any park of ours whose name ends so.
_BARE_PARKS = ("园区", "产业园区", "工业园区")


# Inner Mongolia's banners go by short names made of the first character of each part of the
# long one (科尔沁右翼中旗 = 科右中旗, 土默特左旗 = 土左旗, 察哈尔右翼后旗 = 察右后旗, 达尔罕茂明安联合旗 = 达茂旗).
_BANNER_PARTS = (("达尔罕茂明安联合旗", "达茂旗"), ("科尔沁", "科"), ("察哈尔", "察"), ("土默特", "土"), ("乌拉特", "乌"),
                 ("右翼", "右"), ("左翼", "左"))


def _banner_short(name: str) -> str:
    for long, short in _BANNER_PARTS:
        name = name.replace(long, short)
    return name


# A zone's kind as its short name says it (天津经济技术开发区, 经开区): compared in the short form
_ZONE_SHORT = (("经济技术开发区", "经开区"), ("高新技术产业开发区", "高新区"), ("综合保税区", "综保区"),
               ("经济开发区", "开发区"))    # (明城开发区管委会 for 吉林明城经济开发区: 第一百二十九批)


_BARE_ZONES = frozenset(short for _, short in _ZONE_SHORT)


def _zone_short(a: str) -> str:
    for long, short in _ZONE_SHORT:
        if a.endswith(long):
            return a[:-len(long)] + short
    return a


def _comp_match(a: str, b: str) -> bool:
    if a == b:
        return True
    long_b = b
    if "区" in a and "区" in b:
        a, b = _zone_short(a), _zone_short(b)
        if a == b:
            return True
    if a.endswith("旗") and b.endswith("旗") and _banner_short(a) == _banner_short(b):
        return True
    if (a.endswith("园区") or b.endswith("园区")) and a.endswith("区") and b.endswith("区") and \
            min(len(a), len(b)) >= 4 and a[:2] == b[:2] and not is_division(a) and not is_division(b):
        return True         # 滦河园区 for 滦河文化产业区 (迁安市, 第一百六十批起): a zone called by its kind, 园区
    if a.endswith("盟") and b.endswith("盟") and a[0] == b[0] and min(len(a), len(b)) == 2:
        return True         # 锡盟 for 锡林郭勒盟, 阿盟 for 阿拉善盟: a league's short name
    if a in region_levels() or a in _BARE_PARKS:  # a bare 区 / 市 / 园区: any place of ours of that kind
        return b.endswith(a)
    if a in _BARE_ZONES:        # 经开区 alone in 呼和浩特经济技术开发区's report (第二百三十批): ours, said by its kind
        # (经开区办公室 in 淄博经济开发区管理委员会办公室's report, 第四百四十二批: 经济开发区 is said 经开区 too)
        return _zone_short(b).endswith(a) or _zone_form((long_b,)).endswith(a)
    sa, sb = region_stem(a), region_stem(b)
    if len(a) >= 3 and len(b) >= 3 and len(a) != len(b) and (a.endswith(b) or b.endswith(a)) \
            and abs(len(a) - len(b)) <= 3:
        return True         # 滨海新区 for 绍兴滨海新区: its city's short name before it left out (绍兴滨海新区管委会 2019)
    return len(sa) >= 2 and len(sb) >= 2 and (sa.startswith(sb) or sb.startswith(sa))


def _distinct_kind(comp: str) -> bool:
    """Two different names of this kind are two different places: provinces, plain counties and
    districts, townships. A 市 may be a county-level city inside another 市, a 新区 or 实验区 may
    hold districts: different names of those say nothing certain."""
    lvl = region_level(comp)
    if lvl == 1 or lvl == 4:
        return True
    return lvl == 3 and not comp.endswith(_SPECIAL_ZONE) and comp.endswith(("县", "区", "旗"))


# A development zone's long and short names (景德镇高新技术产业开发区 = 景德镇市高新区, 遂宁经济技术
# 开发区 = 遂宁经开区): compared in one short form, with the city's 市 before the zone dropped.
_ZONE_LONG = re.compile(r"高新技术产业开发区|高新技术开发区|高新技术产业园区|高新技术产业区")
_ECON_LONG = re.compile(r"经济技术开发区|经济开发区")
_ZONE_CITY = re.compile(r"[市县](?=(?:高新区|经开区)$)")


def _zone_form(places: tuple[str, ...]) -> str:
    s = _ECON_LONG.sub("经开区", _ZONE_LONG.sub("高新区", "".join(places)))
    return _ZONE_CITY.sub("", s)


def _same_zone(m: tuple[str, ...], own: tuple[str, ...]) -> bool:
    a, b = _zone_form(m), _zone_form(own)
    if not (a.endswith(("高新区", "经开区")) and b.endswith(("高新区", "经开区"))):
        return False
    return a == b or (len(b) >= 5 and a.endswith(b)) or (len(a) >= 5 and b.endswith(a))


def place_relation(m: tuple[str, ...], own: tuple[str, ...]) -> str:
    """same | above | within | sibling | unknown: where the places ``m`` of a name stand to ours."""
    if not m:
        return "same"
    if not own:
        return "unknown"
    if m[-1].endswith("区") and own[-1].endswith("区") and _same_zone(m, own):
        return "same"
    last = m[-1]
    hits = [i for i, o in enumerate(own) if _comp_match(last, o)]
    if hits:
        return "same" if hits[-1] == len(own) - 1 else "above"
    if is_division(last) and is_division(own[-1]):
        # by the division codes (灵武市 in 贺兰县's report: two counties of 银川市, 第一百七十三批)
        if holds(last, own[-1]):
            return "above"
        if holds(own[-1], last):
            return "within"
        if share_upper(last, own[-1]) and not any(holds(last, o) for o in own):
            return "sibling"
    if last in region_levels():                    # a bare 市 in a district's report: its city
        return "above" if region_level(last) < region_level(own[0]) else "unknown"
    for k in range(len(m) - 2, -1, -1):
        js = [j for j, o in enumerate(own) if _comp_match(m[k], o)]
        if js:
            j = js[-1]
            if j == len(own) - 1:
                return "within"
            nxt, ours = m[k + 1], own[j + 1]
            if region_level(nxt) == region_level(ours) and _distinct_kind(nxt) and _distinct_kind(ours):
                return "sibling"
            return "unknown"
    lm, lo = region_level(last), region_level(own[-1])
    if lm and lo and lm == lo and _distinct_kind(last) and _distinct_kind(own[-1]):
        return "sibling"
    if lm and lo and lo > lm and any(region_level(o) == lm for o in own[:-1]):
        # 宁国市 in 铜陵市郊区's report: of the level of our 铜陵市 but not it, so neither the city
        # that holds our district nor a place inside a district
        return "sibling"
    if region_level(m[0]) == 1 and region_level(own[0]) == 1:
        return "sibling"                           # two different provinces
    if lm and lo and lm > lo:
        return "within"                            # more specific than ours: may lie inside it
    if lm and region_level(own[0]) and lm < region_level(own[0]):
        return "above"                             # more general than all of ours: may hold it
    return "unknown"


def same_org(n: Name, o: Name) -> bool:
    if n.gov and o.gov:
        return True
    if n.dept is not None and n.dept == o.dept:
        return True
    if n.dept is not None and o.dept is not None and (o.org in n.dept.names or n.org in o.dept.names):
        return True                 # 发改局 is short for 发展和改革局 as well as for 发展和改革委员会 (the name
        #                             index keeps one): the title's 薛城区发改局 and the prose's 薛城区发展和改革局
        #                             (第二百九十一批)
    if n.org and o.org and len(n.org) >= 3 and (n.org + "公室" == o.org or o.org + "公室" == n.org):
        return True                 # 政务服务办 is 政务服务办公室 cut short
    return bool(n.org) and (n.org == o.org or (len(n.org) >= 3 and o.org.endswith(n.org)))


_FIELD_END = re.compile(r"(?:委员会|局)$")


def _same_field(n: Name, o: Name) -> bool:
    """卫生健康委员会 and 卫生健康局: a department's committee and bureau forms."""
    if n.dept is None or o.dept is None:
        return False
    a, b = _FIELD_END.sub("", n.dept.full), _FIELD_END.sub("", o.dept.full)
    return len(a) >= 2 and a == b and n.dept.full != o.dept.full


def relation(n: Name, own: Own) -> tuple[str, str]:
    """(own | context | foreign | doubt, reason in Chinese for a doubt)."""
    o = own.name
    if o is None:
        if bare_name(n) and not n.org:
            return "context", ""       # 街道按照…: the report's own 街道, as far as anyone can tell
        return "doubt", "未能识别本报告的机关，无法核对"
    place = place_relation(n.regions, own.regions)
    if place == "sibling" and _abbreviates(n.regions[-1], own.regions[-1]):
        place = "same"      # 文东街道 for 文化东路街道 (第四十二批): its own place, shortened
    if place == "same":
        if same_org(n, o):
            return "own", ""
        if n.gov or o.gov or (o.dept is not None and o.dept.office) or (n.dept is not None and n.dept.office):
            return "context", ""       # its place's government (and its office, which directs the
            #                            departments' 政务公开); a government's (office's) departments
        if not n.regions:
            return "doubt", "未写明所在地"
        if _same_field(n, o):
            # 县卫健委及时公开了… in 河口县卫生健康局's report (第三百一十九批): one place has one
            # department of a field; its 委员会 and 局 names are the same body's old and new names
            return "doubt", f"「{n.text}」与本机关「{o.text}」是同一领域的部门，可能是本机关的旧称"
        return "foreign", ""
    if place in ("above", "within"):
        return "context", ""
    if place == "sibling":
        return "foreign", ""
    if not own.regions:
        if same_org(n, o) and all(r in region_levels() for r in n.regions):
            return "own", ""    # 市商务局 in 商务局's report (义乌市商务局 2023, 第三百二十九批): its own organ, said by its level
        return "doubt", f"本机关所在地未能识别，无法判断「{''.join(n.regions)}」是否为本地"
    return "doubt", f"无法从名称判断「{''.join(n.regions)}」与本机关所在地「{''.join(own.regions)}」的关系"


def _abbreviates(short: str, full: str) -> bool:
    """A place's name shortened by leaving characters out (文东街道 for 文化东路街道): the same level's
    word, the same first character, and the short stem's characters, two at least, in the full
    stem's order."""
    suffix = next((x for x in ("街道", "镇", "乡") if short.endswith(x) and full.endswith(x)), None)
    if suffix is None:
        return False
    a, b = short[:-len(suffix)], full[:-len(suffix)]
    if not 2 <= len(a) < len(b) or a[0] != b[0]:
        return False
    it = iter(b)
    return all(ch in it for ch in a)


def _is_own_literal(cand: str, own: Own) -> bool:
    """The name is one the report uses for itself: a form given (区市场监管局), a shorter form of
    one (云溪区市场监管局 → 市场监管局), or a longer one that adds the wider places
    (青禾市云溪区市场监管局 → 云溪区市场监管局, but not 金坪区市场监管局 → 区市场监管局)."""
    if cand in own.names:
        return True
    # 高新区(新市区)政府 for a title's 高新区(新市区) (乌鲁木齐 2020, 第七十三批): the place's government
    if any(cand in (x + "政府", x + "人民政府") for x in own.names if x and not x.endswith(("政府", "局", "委", "办", "室"))):
        return True
    for x in own.names:
        if len(x) < 3:
            continue
        if x.endswith(cand):
            return True
        if cand.endswith(x):
            n = parse_name(x, strict=False)
            if n is not None and n.regions and not bare_name(n):
                return True
    return _shortened(cand, own) or _initials(cand, own)


# 教育和科学技术局 → 教科局, 文化和旅游局 → 文旅局: a joined organ's short name is the first character
# of each of its parts (大竹县教科局 in 大竹县教育和科学技术局's report, 第二百三十五批)
_JOINED_ORGAN = re.compile(r"(?P<a>[" + HAN + r"]{2,6})[和与及](?P<b>[" + HAN + r"]{2,8}?)(?P<s>局|委员会|委|厅|办公室|中心)$")


# 教育体育局 → 教体局: two words of two characters, no 和 between (蜀山区教体局 in 蜀山区教育体育局's report,
# 第二百五十一批 — two I001 errors)
_TWO_WORD_ORGAN = re.compile(r"(?P<a>[" + HAN + r"]{2})(?P<b>[" + HAN + r"]{2})(?P<s>局|委员会|委|厅|办公室|中心)$")


def _initials(cand: str, own: Own) -> bool:
    o = own.name
    if o is None or not o.org or not cand.endswith(("局", "委", "厅", "办", "中心")):
        return False
    m = _JOINED_ORGAN.fullmatch(o.org) or _TWO_WORD_ORGAN.fullmatch(o.org)
    if m is None:
        return False
    suffix = "委" if m.group("s") == "委员会" else "办" if m.group("s") == "办公室" else m.group("s")
    short = m.group("a")[0] + m.group("b")[0]
    n = parse_name(cand, strict=False)
    return n is not None and n.regions == o.regions and n.org in (short + suffix, short + m.group("s"))


def _shortened(cand: str, own: Own) -> bool:
    """The own full name with characters left out, place and organ alike (重庆市秀山县文化旅游委 for
    重庆市秀山土家族苗族自治县文化和旅游发展委员会: 秀山县 for the 自治县, 文化旅游委 for the 委员会 —
    秀山县文旅委 2020, 第一百八十四批): every character of the short form in the full one, in order, the
    same places, each shortened, and the organ's last character kept."""
    full = own.agency or ""
    if len(cand) < 5 or len(full) <= len(cand) or cand[:2] != full[:2] or \
            cand[-1] != full[-1] and not (cand[-1] == "委" and full.endswith("委员会")):
        return False
    it = iter(full)
    if not all(ch in it for ch in cand):
        return False            # (told before the names are parsed: most names fail here)
    n, o = parse_name(cand, strict=False), own.name
    if n is None or o is None or not n.regions or len(n.regions) != len(o.regions):
        return False            # (青禾市市场监督管理局 for 青禾市云溪区市场监督管理局: the city's bureau, a place left out)
    for a, b in zip(n.regions, o.regions):
        it = iter(b)
        if a[:2] != b[:2] or not all(ch in it for ch in a):
            return False
    return n.regions != o.regions   # (the places whole, the organ's name short of characters: a slip, asked about)


# Two levels' words together, naming no place (区镇: a 高新区 and a 镇 run as one body)
_LEVEL_PAIRS = frozenset({"区镇", "镇区", "区街", "园镇", "区乡"})


def _own_level_work_after(text: str, at: int, own: Own) -> bool:
    """The rest of the sentence from ``at`` names the work of the own level's place in its own
    words (区委区政府, 我区, 全区 … in a 区's report), and the place before ``at`` is a wider one."""
    level = own.regions[-1][-1]
    if level not in "区县市旗":
        return False
    stop = text.find("。", at, at + 200)
    rest = text[at:stop if stop >= 0 else at + 200]
    return bool(re.search(rf"{level}委{level}政府|{level}委、{level}政府|[我本全]{level}(?!域)", rest))


def doers(text: str, own: Own, generated: bool = False, norm: Norm | None = None) -> Iterator[Doer]:
    """Names written as the subject of a work clause that are not the own agency (offsets and
    quote in ``text`` as written; the names are read on its normalised form).

    ``generated``: the text is a model's, which knows no agency but the own one. Then a name of
    another place that may be a superior (浙江省公安厅 in a 区's draft) is yielded too, as a doubt:
    a person may write about a superior's work, a model has no source for it. ``norm``: the text's
    normalisation, when the caller has it."""
    if norm is None:
        norm = normalise(text)
    for n, a, b in _subjects(norm.text):
        if _is_own_literal(n.text, own) or _PREP_LEVEL.fullmatch(n.text) or \
                (n.regions and _DEED_IN_PLACE.search(n.regions[0])):
            continue        # (自街道成立以来: 自 "since" and the bare kind, no place — 卢沟桥街道 2021, 第一百四十六批;
            #                 开设专栏公开秀英区规范性文件: a deed and its object read as one place — 秀英区政府办
            #                 2022, 第一百五十六批)
        if not n.org and own.regions and n.text in _LEVEL_PAIRS and n.text[-1] == own.regions[-1][-1:]:
            continue        # 区镇以…为指导 in 塘桥镇's report (高新区 and 镇 run as one, 第二百零二批): the own
            #                 level's word, no place named — the report's own body
        kind, reason = relation(n, own)
        if kind == "context" and generated and n.regions and place_relation(n.regions, own.regions) != "same":
            kind, reason = "doubt", f"「{n.text}」不是本机关"
        if kind == "context" and (n.gov or not n.org) and own.regions and n.regions and \
                place_relation(n.regions, own.regions) == "above" and _own_level_work_after(norm.text, b, own):
            # 2022年,青岛市坚持以…为指导,…紧紧围绕区委区政府中心工作 in 市北区's report (第一百九十一批): the city
            # as the doer of a sentence that says the work is the district's own — the city's text carried over
            # or the district's name lost; another body doing this report's work either way
            kind = "foreign"
        if kind in ("own", "context"):
            continue
        certain = kind == "foreign" and own.certain
        if kind == "foreign" and not own.certain:
            reason = f"本报告的机关「{own.shown}」是按正文推定的，未能从标题或落款中确认"
        yield Doer(n, *norm.span(a, b), norm.quote(a, min(len(norm.text), b + 8)).strip(), certain, reason)


# words of a deed inside what was read as a place's name (开设专栏公开秀英区)
_DEED_IN_PLACE = re.compile(r"公开|专栏|开设|发布|通过|加强|推进|设立|建立|完善|做好|开展|落实|及时|积极|认真")
# a preposition and a level's bare word read as a name (自街道, 从镇, 在区)
_PREP_LEVEL = re.compile(r"[自从在于向对为由将把被][省市县区镇乡]|[自从在于向对为由将把被]街道(?:办事处)?")


_SITE_PUBLISHED = re.compile(r"(?:^|[，,。；;：:])\s*(?:其中|全年|年内|同时|并|还)?\s*(?:通过|在|依托|利用)?\s*(?P<n>[" + HAN + r"]{2,12}?"
                             r"(?:人民政府|政府))(?:门户|入口|信息公开|政务公开)?(?:网站|网)(?:上)?(?:共|累计|全年)?(?:发布|公开)")
_PORTAL_TAIL = re.compile(r"政府(?:门户|入口|信息公开|政务公开)?(?:网站|网)(?:上)?(?:共|累计|全年)?(?:发布|公开)")
# (可在崖州区应急管理局政府信息公开网下载: the bureau's own 政府信息公开网, not a 「…管理局政府」 —
# 第二百六十七批)
_SITE = re.compile(r"可(?:在|于|从|登录)(?P<n>[" + HAN + r"（）()]{2,30}?(?:人民政府|政府|局|委员会|委|办公室|办))"
                   r"(?:政府信息公开|信息公开|门户|政务公开|政务)?(?:网站|网|平台)"
                   r"[^。；;\n]{0,12}?(?:下载|查阅|获取|查询)")


# 受理…向市政府及市政府办公室提出的政府信息公开申请5件: the applications counted were made to the
# body named, not to the own agency (a sentence of that body's report).
_ADDRESSED = re.compile(r"(?:受理|收到|接收|接到|办理)[^。；;，,]{0,16}?向(?P<n>[" + HAN + r"]{2,24}?)提出的?"
                        r"(?:政府信息公开|信息公开)?申请")
_ADDRESSEE_SPLIT = re.compile(r"及|和|与|、")
# (…要求乡政府公开政府信息: a township's government named by its kind alone)
_ASKED_OF = re.compile(r"(?:申请|要求)(?P<n>[乡镇](?:人民)?政府)公开(?:政府)?信息")


def addressed_elsewhere(text: str, own: Own, norm: Norm | None = None) -> Iterator[Doer]:
    """Applications the prose counts as made to another body (向市政府…提出的申请 in a 街道's report).
    A government's office handles those made to its government, and a government those made to its
    office: those are the own agency's. Certain only where the own agency is."""
    if own.name is None or ("向" not in text and "要求" not in text):
        return
    if norm is None:
        norm = normalise(text)
    t = norm.text
    if "要求" in t and own.regions and not own.regions[-1].endswith(("乡", "镇")) and not own.name.gov:
        # (a department only: a county's own report may count what its towns received)
        for m in _ASKED_OF.finditer(t):
            # 我局未收到…要求乡政府公开政府信息的情况 in a county bureau's report (寻乌县文广新旅局 2023, 第四百零六批):
            # applications to a township's government, a 乡's sentence carried over; no place is named, so
            # the kind alone tells it is not the own body
            n = parse_name(m.group("n"), strict=False)
            if n is not None:
                yield Doer(n, *norm.span(*m.span()), norm.quote(*m.span()).strip(), own.certain,
                           f"「{n.text}」不是本机关", "addressed")
                break
    for m in _ADDRESSED.finditer(t):
        if "转" in t[m.end():m.end() + 12]:
            continue            # 向市政府提出的申请中转本局办理的: passed on to the agency
        for part in _ADDRESSEE_SPLIT.split(m.group("n")):
            n = parse_name(part) if len(part) >= 2 else None
            if n is None or _is_own_literal(n.text, own):
                continue
            kind, reason = relation(n, own)
            if kind == "own":
                continue
            place = place_relation(n.regions, own.regions)
            if place == "same" and (own.name.gov or (own.name.dept is not None and own.name.dept.office)):
                continue        # the office and the government of one place take each other's
            a, b = m.span()
            yield Doer(n, *norm.span(a, b), norm.quote(a, b).strip(), own.certain,
                       reason or f"「{n.text}」不是本机关", "addressed")
            break


def foreign_sites(text: str, own: Own, norm: Norm | None = None) -> Iterator[Doer]:
    """The site the report says it is published on, when it is another place's government's
    (本年度报告可在宁国市人民政府信息公开网站下载 in 铜陵市郊区's report): text carried over from
    another region's report. Certain only when the place is certainly another one."""
    if own.name is None or "网" not in text:
        return
    matches = list(_SITE.finditer(text[:_OPENING]))
    if "政府" in text:
        # 其中灵武市政府入口网站发布信息4296条 in 贺兰县's report: another county's portal as the one this
        # agency published on (第一百七十三批); only another place certainly (a superior's portal is
        # where many publish: 通过市政府门户网站发布)
        # (a match opens at a clause's start: no verb or time inside the name). Found from its tail
        # (政府…网站…发布, literal-led: a search skips ahead in C) and read back from the clause's start,
        # not tried at every character
        for tail in _PORTAL_TAIL.finditer(text):
            b = _TO_LAST_SEP.match(text, max(0, tail.start() - 30), tail.start())
            m = _SITE_PUBLISHED.match(text, b.end() - 1 if b else max(0, tail.start() - 30), tail.end())
            if m is None and b is None and tail.start() <= 30:
                m = _SITE_PUBLISHED.match(text, 0, tail.end())
            if m is not None and m.end() == tail.end():
                matches.append(m)
    for m in matches:
        s = clean_claim(m.group("n"))
        if m.re is _SITE_PUBLISHED and "通过" in s:
            continue            # 亭湖区农业农村局通过政府网站公开…: the agency, then the verb — not a site's owner
            #                     (盐城市亭湖区农业农村局 2023, 第四百零三批)
        n = parse_name(s, strict=False)
        if n is None or not n.regions or _is_own_literal(n.text, own):
            continue
        if m.re is _SITE_PUBLISHED and (bare_name(n) or not own.regions or not is_division(n.regions[-1])
                                         or not is_division(own.regions[-1])
                                         or not share_upper(n.regions[-1], own.regions[-1])):
            continue            # (通过区政府网站: the own place's; only a place the division codes put beside
            #                     the own one, under one same city or province, is certainly another)
        kind, reason = relation(n, own)
        if kind != "foreign" and (kind != "doubt" or m.re is _SITE_PUBLISHED):
            continue
        if own.regions and own.regions[-1] in m.group()[m.end("n") - m.start():]:
            continue            # 可在两江新区政府门户网站天宫殿街道办事处页面下载: the own page on the site of the
            #                     area it is administered in (天宫殿街道 2023, 第一百五十九批)
        certain = own.certain and kind == "foreign"
        if not own.certain:
            reason = f"本报告的机关「{own.shown}」是按正文推定的，未能从标题或落款中确认"
        yield Doer(n, m.start(), m.end(), m.group().lstrip("，,。；;：: "), certain, reason,
                   "portal" if m.re is _SITE_PUBLISHED else "site")


def foreign_contacts(text: str, own: Own, norm: Norm | None = None, confirmed: bool = False) -> Iterator[Doer]:
    """The contact for questions on the report in another place of the own place's kind (可向房县政务
    公开工作领导小组办公室联系 in 竹山县's report: two counties of 十堰市, 第二百五十九批): the line carried
    over from that place's report. Only a place the division codes put beside the own one under one
    same city or province counts; certain where the own agency is."""
    if own.name is None or "联系" not in text or not own.regions or not is_division(own.regions[-1]):
        return
    if norm is None:
        norm = normalise(text)
    for c in _contacts(norm):
        n = c.name
        if not n.regions or bare_name(n) and not n.gov or _is_own_literal(n.text, own):
            continue
        last = n.regions[-1]
        if not is_division(last) or not share_upper(last, own.regions[-1]) or \
                place_relation(n.regions, own.regions) != "sibling":
            continue
        sure = own.certain or confirmed
        reason = f"「{n.text}」与本机关「{own.shown}」不在同一地区" if sure else \
            f"本报告的机关「{own.shown}」是按正文推定的，未能从标题或落款中确认"
        yield Doer(n, c.start, c.end, c.quote, sure, reason, "contact")


# 通过…广东省政务服务网…广东省行政执法公示平台等渠道主动公开: a province's platform named as one the
# agency publishes on
_PROVINCE_PLATFORM = re.compile(r"(?P<n>[" + HAN + r"]{2,8}?(?:省|自治区))(?:[" + HAN + r"]{0,12}?)(?:政务服务网|平台|网站|门户网)")
_PUBLISHES_VIA = re.compile(r"(?:通过|依托|利用)[^。；;\n]{0,80}$")
_PUBLISHES_AFTER = re.compile(r"[^。；;\n]{0,60}?(?:主动公开|公开|发布)")


def foreign_platforms(text: str, own: Own, norm: Norm | None = None) -> Iterator[Doer]:
    """A province's platform named as one the agency publishes on (主要通过…广东省政务服务网…等渠道主动
    公开 in a 湖南 county bureau's report: 中方县住建局 2021, 第一百三十九批) when the division codes put the
    agency in another province: text carried over from another region's report. Certain only where
    the own agency is and its province is told unambiguously."""
    if own.name is None or ("省" not in text and "自治区" not in text):
        return
    mine = province_of(own.regions)
    if mine is None:
        return                  # (an own place the codes do not know, or in several provinces)
    said: set[tuple[str, int]] = set()
    for m in _PROVINCE_PLATFORM.finditer(text):
        raw = m.group("n")
        prov = next((raw[k:] for k in range(len(raw) - 2) if province_of((raw[k:],)) == raw[k:]), None)
        if prov is None or prov == mine:
            continue
        if not _PUBLISHES_VIA.search(text, max(0, m.start() - 80), m.start()) or \
                not _PUBLISHES_AFTER.match(text, m.end()):
            continue
        n = parse_name(prov, strict=False)
        sentence = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start()))
        if n is None or (prov, sentence) in said:
            continue            # (one finding a sentence: …广东省政务服务网…广东省行政执法公示平台等渠道)
        said.add((prov, sentence))
        a = m.start() + raw.index(prov)
        reason = f"本报告的机关「{own.shown}」在{mine}" if own.certain else \
            f"本报告的机关「{own.shown}」是按正文推定的，未能从标题或落款中确认"
        yield Doer(n, a, m.end(), text[a:m.end()], own.certain, reason, "platform")


_LEADING_GROUP_OFFICE = re.compile(r"(?:政务公开|政府信息公开|信息公开)(?:工作)?领导小组办公室$")
# an organ's name followed by the name of a unit inside it (省统计局政务公开办公室)
# (由长寿区卫生健康委党政办编制: its 党政办公室, shortened — 长寿区卫健委 2023, 第二百七十五批)
_INNER_UNIT = re.compile(r"(.{2,20}?[局委厅])([" + HAN + r"]{2,10}?(?:办公室|科|室|中心)|党政办|综合办)")
_POOLED = re.compile(r"\s*综合各(?:县|区|市|乡|镇|街道|部门|单位)")


def _own_body(cand: str, own: Own) -> bool:
    """The name is this agency's, as written or in a short form of its place (阿盟民政局 for
    阿拉善盟民政局: 阿盟民政局办公室编制 in its report, 第一百一十九批)."""
    if _is_own_literal(cand, own):
        return True
    n = parse_name(cand, strict=False)
    return n is not None and relation(n, own)[0] == "own"


def _superior_namesake(n: Name, own: Own) -> bool:
    """``n`` is this department's namesake one level up: the same kind of department (not an
    office, not a government) of a place the division codes say holds this agency's place."""
    o = own.name
    if o is None or o.gov or n.gov or o.dept is None or n.dept is None or o.dept.office:
        return False
    if n.dept != o.dept or not n.regions or not own.regions:
        return False
    return holds(n.regions[-1], own.regions[-1])


_NAME_ASIDE = re.compile(r"[（(]([" + HAN + r"]{2,20})[)）]$")


def foreign_self_references(text: str, own: Own, norm: Norm | None = None, confirmed: bool = False) -> Iterator[Doer]:
    """The prose calling this the report of another agency (现公布XX局2025年度…报告 in a 镇's report)."""
    if own.name is None:
        return
    for c in self_references(text, norm):
        n = c.name
        if _is_own_literal(n.text, own):
            continue
        aside = _NAME_ASIDE.search(text, c.start, c.end)      # (the claim's span ends with its brackets)
        if aside is not None and (_is_own_literal(aside.group(1), own)
                                  or any(aside.group(1).endswith(x) for x in own.names if x and len(x) >= 3)):
            continue    # 国家东中西区域合作示范区(连云港徐圩新区)2024年…报告: the own name in brackets, one body
            #             with two names (徐圩新区 2024, 第二百五十四批)
        kind, reason = relation(n, own)
        if kind == "own" or kind == "doubt" and c.quote.startswith("结合"):
            continue            # (结合2024年园区…工作编制: a name too bare to say it is another body)
        place = place_relation(n.regions, own.regions)
        if own.name.gov and place == "same" and (n.gov or (n.dept is not None and n.dept.office)
                                                 or _LEADING_GROUP_OFFICE.search(n.text)):
            continue            # a government's report compiled by its own office (or its place's 政务公开
            #                     领导小组办公室: 东宁市 2019, 第二百八十四批)
        if own.name.dept is not None and own.name.dept.office and place == "same" and n.gov:
            continue            # the office that compiles its government's report names that report
        if _COMPILER_OFFICE.search(n.text) and _own_body(n.text[:-3], own):
            continue            # 由海南省地震局办公室编制 in 海南省地震局's report: its own office compiled it
        inner = _INNER_UNIT.fullmatch(n.text)
        if inner is not None and _own_body(inner.group(1), own):
            continue            # 由省统计局政务公开办公室编制 in 安徽省统计局's report: an office inside it
            #                     (第一百六十批)
        if kind == "doubt" and not n.regions:
            continue
        # 本报告由XX编制: a body of the own place may compile another's report (政务服务数据管理局
        # for its government), a doubt; 现公布XX…年度报告 names whose report it is, and a body that is
        # not this agency (a 县 bureau in a 镇's report) is certainly another one
        # (结合X…工作编制: made from X's work — X may be a superior whose figures it draws on, a doubt)
        joined = c.quote.startswith("结合")
        compiled = bool(_COMPILED_BY.match(c.quote) or _MADE_TAIL.search(c.quote)) or joined
        # 由泉州市人民政府办公室综合各县(市、区)人民政府…编制而成 in a 镇's report: the body compiled its
        # own region's report from its units' — that report's sentence, not one for this agency
        pooled = compiled and bool(_POOLED.match(text, c.end))
        # (an agency read from the prose that writes it in full twice is as sure as a title's — the
        # corpus README's rule; 桃源县水利局 2019, 第一百五十一批: 由常德市水利局编制)
        sure = own.certain or confirmed
        certain = sure and (kind == "foreign" or (kind == "context" and (not compiled or pooled)))
        if kind == "context" and compiled and not pooled:
            reason = f"正文称本报告是结合「{n.text}」的政府信息公开工作编制的，可能沿用了该机关报告的文字" if joined \
                else f"「{n.text}」可能是代为汇总编制本报告的机关"
            if _superior_namesake(n, own):
                # 由常德市水利局编制 in 桃源县水利局's report: the city's bureau of the same kind, over
                # this county by the division codes, compiles its own report, not a county bureau's
                # (第一百五十一批)
                certain = sure
        if not sure:
            reason = f"本报告的机关「{own.shown}」是按正文推定的，未能从标题或落款中确认"
        yield Doer(n, c.start, c.end, c.quote, certain, reason, "self")


# 2021年，泰州市市场监督管理局政府信息公开工作在市委、市政府的领导下… in 泰兴市市场监督管理局's
# report: a name whose 政务公开 work is what a clause is about (the name's last character, right
# before the work it owns)
_TOPIC = re.compile(r"[局委办厅府室会心馆署处所站院部道镇乡区县市省州盟旗](?=的?(?:政府信息公开|政务公开)工作)")
# …and only where the words go on as the work's predicate (在…领导下, 坚持…, 以…为, 稳步推进…), not
# where they name a thing of that body's work that a report may well cite (its 工作要点, 领导小组,
# 考核, 实施细则: 青禾市市场监督管理局政务公开工作要点印发后，本局…)
_NOT_OWNED_WORK = re.compile(r"的?(?:政府信息公开|政务公开)工作(?!在|坚持|以|紧紧|紧密|紧扣|围绕|聚焦|深入|认真|扎实|稳步|"
                         r"持续|不断|按照|严格|始终|全面|进一步|取得|有序|着力|积极|依法|主动)")


def _topics(t: str) -> list[re.Match]:
    """``list(_TOPIC.finditer(t))``: a match is one character 3 to 6 places before a 公开工作
    (政务公开工作, 的政府信息公开工作 …), so it is tried there alone, not at every organ's character."""
    return matches_at(_TOPIC, t, {k - w for k in places(t, "公开工作") for w in (3, 4, 5, 6) if k >= w})


def topic_owners(text: str, own: Own, confirmed: bool = False, norm: Norm | None = None) -> Iterator[Doer]:
    """Names that open a clause as the owner of the 政务公开 work it speaks of (X政府信息公开工作
    在…领导下, X政务公开工作坚持…) and are not the own agency. Such a clause says whose year of
    work the report tells, so a superior is no background here: an organ of the own agency's kind
    in another named place (泰州市市场监督管理局 in 泰兴市市场监督管理局's report) is certainly
    another agency. Certain (an error) when the own agency is known from the title, the 落款 or
    the user, or ``confirmed`` (the prose names it in full more than once); otherwise a doubt."""
    o = own.name
    if o is None or o.dept is None:
        return
    if norm is None:
        norm = normalise(text)
    t = norm.text
    for m in _topics(t):
        end = m.end()
        if _NOT_OWNED_WORK.match(t, end):
            continue
        p = _clause_start(t, m.start())
        lead = _LEAD.match(t, p, end)
        q = lead.end() if lead else p
        if end - q < 4 or end - q > _WINDOW:
            continue
        cand = t[q:end]
        if SELF_RE.fullmatch(cand) or _WORK.search(cand):
            continue
        n = parse_name(cand)
        if n is None or _is_own_literal(n.text, own) or n.dept != o.dept or bare_name(n) or not own.regions:
            continue
        if place_relation(n.regions, own.regions) == "same":
            continue
        certain = own.certain or confirmed
        reason = "" if certain else f"本报告的机关「{own.shown}」是按正文推定的，未能从标题或落款中确认"
        yield Doer(n, *norm.span(q, end), norm.quote(q, min(len(t), end + 8)).strip(), certain, reason)


# 组织推动全省政府信息公开工作 in a 镇's report: the scope of a higher level organised by this agency.
# (Every verb has two characters: foreign_scopes finds a match back from its 全.) 全市场监管系统,
# 全区域, 全县域 are no scopes.
_SCOPE_VERBS = ("组织|推动|统筹|指导|部署|督促|牵头|协调|监督|召开", "推动|推进|开展|做好|指导")
_SCOPE_LEVELS = ("省", "自治区", "市", "州", "盟", "县", "区", "旗", "乡", "镇", "街")
_LVL = rf"(?P<lvl>{'|'.join(_SCOPE_LEVELS)})(?![场域])"
_SCOPE = re.compile(rf"(?:{_SCOPE_VERBS[0]})了?(?:{_SCOPE_VERBS[1]})?全{_LVL}[^，。；,;]{{0,16}}")
# 加大对全市政府信息公开工作的推进、指导、协调 (中阳县 2022): the verbs after the scope
_SCOPE_OF = re.compile(rf"对全{_LVL}[^，。；,;的]{{0,16}}的(?:推进|指导|协调|监督|督促|统筹)[^，。；,;]{{0,8}}")
# 全市通过政府网站发布文字解读6份 in 进贤县's report (2024): a clause that opens with the scope and
# gives a figure of the year's work, the county's figures written as the city's
_CLAUSE_OPEN = "，。；,;：:\n"
# (a year may open the clause first: 2024年全县共收到依申请公开件0件 in a 镇's report — 湘阴县东塘镇 2024, 第四百零一批;
# the bodies counted may follow the scope: 2022年全市各级行政机关共收到…申请208件 in 黄陂区's report, 第四百四十一批)
_SCOPE_FIGURE = re.compile(rf"(?:^|(?<=[{_CLAUSE_OPEN}]))(?:(?:19|20)\d{{2}}年度?[，,]?)?全{_LVL}(?:各级行政机关|各级各部门|各部门|各单位)?(?:共|累计|全年|本年度)?(?:通过|主动|公开|发布|收到|受理|办结|新增)"
                           rf"[^，。；,;]{{0,20}}?\d+(?:条|件|份|篇|次|场)")


_YEAR_OPENING = re.compile(r"(?:19|20)\d{2}年度?[，,]?")
_WIDER: dict[int, tuple[str, ...]] = {}


def _wider(level: int) -> tuple[str, ...]:
    """全省, 全市 … of every level wider than ``level``, and at the level of 乡镇街道 the other kinds
    (全街 in a 乡's report): what a scope foreign_scopes reports holds."""
    out = _WIDER.get(level)
    if out is None:
        out = _WIDER[level] = tuple("全" + w for w in _SCOPE_LEVELS
                                    if 0 < _scope_level(w) < level or (level == 4 and _scope_level(w) == 4))
    return out


def _scope_level(w: str) -> int:
    return 4 if w == "街" else region_level(w)


def _scopes(t: str) -> list[re.Match]:
    """The matches of the three scope patterns: each holds 全 at a fixed distance from its start
    (after one or two verbs of two characters, 召开了…; after 对; at a clause's opening), so each is tried
    there alone, not at every 组, 推, 统, 对 … of the text."""
    at = list(places(t, "全"))
    out = matches_at(_SCOPE, t, {k - w - (t[k - 1] == "了") for k in at for w in (2, 4) if k >= w + 1})
    out += matches_at(_SCOPE_OF, t, {k - 1 for k in at if k >= 1 and t[k - 1] == "对"})
    out += matches_at(_SCOPE_FIGURE, t, {k for k in at if k == 0 or t[k - 1] in _CLAUSE_OPEN} |
                      {j for k in at for j in (k - 5, k - 6, k - 7) if j >= 0 and _YEAR_OPENING.fullmatch(t, j, k)
                       and (j == 0 or t[j - 1] in _CLAUSE_OPEN)})
    return out


# 结合2022年我县政府信息公开工作编制而成 in a 乡's report, 结合我旗实际 in a 镇's: the report says it
# was written from the work of a wider place, its own self-word (我县, 我旗 …) carried over
# (结合我县政府门户网站配备专人…: the county's portal the town publishes on, not the county's work —
# 灵寿县慈峪镇 2020, 第三百七十一批)
_BASED_ON_SELF = re.compile(r"结合[^，。；,;]{0,12}?我(?P<lvl>省|市|州|盟|县|区|旗)"
                            r"(?!(?:人民)?政府(?:门户)?网站|(?:人民)?政府门户|政务(?:服务)?网|[\u4e00-\u9fff]{0,4}平台)")


def foreign_self_words(text: str, own: Own, norm: Norm | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, self-word) where the report says it draws on the work of 我县 (我旗 …), a place
    wider than its own: only a hint, the own places must be known."""
    if not own.regions or "结合" not in text:
        return
    ours = region_level(own.regions[-1])
    if not ours:
        return
    if norm is None:
        norm = normalise(text)
    for m in _BASED_ON_SELF.finditer(norm.text):
        if 0 < region_level(m.group("lvl")) < ours:
            yield *norm.span(*m.span()), "我" + m.group("lvl")


def foreign_scopes(text: str, own: Own, norm: Norm | None = None) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, scope, figure) where the prose has this agency organise the work of a wider place than
    its own (a 镇 organising 全省 work), or of another township's kind (a 乡 organising 全街 work),
    or gives the year's figures as a wider place's (全市…发布…6份 in a 县's report): a sentence
    carried over from another body's report. Only a hint — the own places must be known, and a
    wider place's work may be meant (全市统一部署)."""
    if not own.regions:
        return
    ours = region_level(own.regions[-1])
    if not ours:
        return
    wider = _wider(ours)
    if not wider:
        return
    if norm is None:
        norm = normalise(text)
    t = norm.text
    if not holds_any(t, wider):
        return                  # no 全省 (全市 …) of a wider level: no match can be one
    kind = own.regions[-1][-1]
    seen: set[int] = set()
    for m in sorted(_scopes(t), key=lambda m: m.start()):
        lvl = m.group("lvl")
        w = _scope_level(lvl)
        if not (w < ours or (w == ours == 4 and lvl != kind and not (lvl == "街" and own.regions[-1].endswith("街道")))):
            continue
        if m.start() in seen:
            continue
        if m.re is _SCOPE and t[m.start() - 1:m.start()] == "为":
            continue            # 为推动全市政务公开工作有序发展作出了新贡献: its share in the wider place's work
            #                     (石柱县 2024 in 重庆市, 第一百七十一批)
        seen.add(m.start())
        yield *norm.span(*m.span()), "全" + lvl, m.re is _SCOPE_FIGURE
