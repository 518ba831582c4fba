"""Identity: whose report this is, and which year it covers."""
from __future__ import annotations

import re

from ... import identity
from ... import agencies
from ...agencies import HAN
from ...scan import holds_any, matches, matches_at, needles, places
from ...claims.text import clause_bounds as _clause
from ..core import Context, rule


# a count right after a year's report named in a list of what was published (…年度报告1条)
_COUNTED_AFTER = re.compile(r"\s*\d+\s*[条件篇份个]")


@rule("I001", "other-agency", "error", "identity",
      "正文中开展本机关工作的主体是本机关，没有误贴其他机关或地区的名称", "科技局报告中写“兴庆区人社局通过多种形式……”")
def other_agency(ctx: Context):
    """Another agency or region named as the one doing this report's work, or named as the agency
    whose report this is (现公布XX局2025年度……报告 in a 镇's report): text pasted from another
    unit's report. A name is the doer only as the subject of a work clause (兴庆区人社局通过…);
    objects (按照财政局要求, 维护了市政府网站) are not read, and the agency's own abbreviations
    (区市场监管局, 市政府办公厅) are the agency. An error only when the own agency is known from the
    title, the 落款 or the user and the name is certainly another one (another organ of the same
    place, another place of the same kind); otherwise a warning that says what to check
    (drafting/identity.py, shared with the drafting check G003). A name that opens a clause as the
    owner of its 政务公开 work (X政府信息公开工作在…领导下) says whose work the report tells: there a
    superior of the own kind is reported too. A report that calls itself by another kind of body
    (我局 in a 镇's report) is a warning.
    """
    # the detector normalises what it reads itself and quotes the text as written
    own = identity.identity_of(ctx.report, ctx.original_texts, [n for _, _, n in ctx.norms])
    # an agency read from the prose that names it in full more than once (现公布X…报告 and X将…)
    confirmed = bool(own.agency) and len(own.agency) >= 6 and \
        sum(t.count(own.agency) for _, t, _ in ctx.norms) >= 2
    for section, text, norm in ctx.norms:
        found = list(identity.doers(text, own, norm=norm))
        if section in ("preamble", "overall"):
            found += identity.foreign_self_references(text, own, norm, confirmed)
            found += identity.foreign_sites(text, own, norm)
            found += identity.foreign_platforms(text, own, norm)
            found += identity.topic_owners(text, own, confirmed, norm)
            found += identity.foreign_contacts(text, own, norm, confirmed)
        found += identity.addressed_elsewhere(text, own, norm)
        done: set[int] = set()
        for d in sorted(found, key=lambda d: d.start):
            if d.start in done:
                continue
            done.add(d.start)
            if d.kind == "self":
                msg = f"正文称本报告是「{d.name.text}」的年度报告，而本报告的机关是「{own.shown}」"
                fix = "改为本机关名称，并核实这段文字是否沿用了其他机关的报告。"
            elif d.kind == "addressed":
                msg = f"正文所计的申请是向「{d.name.text}」提出的，而本报告的机关是「{own.shown}」"
                fix = "只计向本机关提出的申请，并核实这段文字是否沿用了其他机关的报告。"
            elif d.kind == "platform":
                msg = f"正文称本机关通过「{d.quote}」公开政府信息，而{d.reason}" if d.certain else \
                    f"正文称本机关通过「{d.quote}」公开政府信息，这是{d.name.text}的平台"
                fix = "改为本机关实际使用的平台，并核实这段文字是否沿用了其他地区的报告。"
            elif d.kind == "portal":
                msg = f"正文称本机关通过「{d.name.text}」的网站公开信息，而本报告的机关是「{own.shown}」"
                fix = "改为本机关或本地政府的网站，并核实这段文字是否沿用了其他地区的报告。"
            elif d.kind == "contact":
                msg = f"正文请读者就本报告与「{d.name.text}」联系，而本报告的机关是「{own.shown}」"
                fix = "改为本机关（或本地政务公开工作机构）的联系方式，并核实这段文字是否沿用了其他地区的报告。"
            elif d.kind == "site":
                msg = f"正文称本报告在「{d.name.text}」的网站发布，而本报告的机关是「{own.shown}」"
                fix = "改为本机关或本地政府的网站，并核实这段文字是否沿用了其他地区的报告。"
            else:
                msg = f"「{d.name.text}」被写成开展本报告工作的主体，而本报告的机关是「{own.shown}」"
                short = next(iter(sorted(ctx.report.meta.short_names, key=len)), None) or "本机关"
                fix = f"改为「{short}」「本局」等本机关的称呼，或核实这段文字的来源。"
            slip = _one_slip(d.name.text, own.agency or "")
            if d.certain and not slip:
                f = ctx.finding(msg + "，疑为误贴其他机关的文字。", section=section, quote=d.quote, fix=fix)
            elif slip:
                # 南区统计局 in 南明区统计局's report: its own name with one character dropped or
                # changed — a slip of the pen, not another body's text
                f = ctx.finding(f"「{d.name.text}」与本机关名称「{own.shown}」只差{'两个字，疑为本机关名称的笔误或简称' if abs(len(d.name.text) - len(own.agency or '')) == 2 else '一个字，疑为本机关名称的笔误'}，请核对。",
                                section=section, quote=d.quote, fix=f"改为「{own.shown}」。")
                f.severity = "warning"
            else:
                f = ctx.finding(msg + f"；{d.reason}，请核实这段文字是否出自本机关。", section=section,
                                quote=d.quote, fix=fix + "如确为本机关的名称或简称，可在基本信息中补充简称。")
                f.severity = "warning"
            yield f
        for a, b, word in identity.foreign_self_words(text, own, norm):
            f = ctx.finding(f"正文称结合「{word}」的工作或实际，而本报告的机关是「{own.shown}」，"
                            "疑为沿用了上级机关报告的文字，请核实。", section=section, quote=text[a:b + 12].strip(),
                            fix="改为本机关的称呼（本镇、本乡、本局等）。")
            f.severity = "warning"
            yield f
        for a, b, scope, figure in identity.foreign_scopes(text, own, norm):
            what = f"以「{scope}」为范围陈述本年度的工作数字" if figure else f"写本机关组织或推动「{scope}」的工作"
            f = ctx.finding(f"正文{what}，而本报告的机关是「{own.shown}」，疑为沿用了其他机关报告的文字，请核实。",
                            section=section, quote=text[a:b].strip(), fix="改为本机关职责范围内的表述。")
            f.severity = "warning"
            yield f

    yield from _wrong_self_word(ctx, own.certain or confirmed)

    signed = ctx.report.meta.signed
    if signed and own.name is not None:
        n = identity.parse_name(signed, strict=False)
        kind = identity.relation(n, own)[0] if n is not None else "doubt"
        if kind in ("foreign", "doubt"):
            # never an error: a body with two names (挂牌) or renamed this year signs either way
            f = ctx.finding(f"落款的机关「{signed}」与本报告的机关「{own.shown}」不一致，疑为沿用了其他机关或以前年度的文字；"
                            "如两者是同一机关（挂牌、更名），可忽略此提示。", section="other", quote=signed,
                            fix="落款改为本机关名称。")
            f.severity = "warning"
            yield f


# 我局 in a 镇's report, 我镇 in a 局's: the report calls itself by another kind of body, a sentence
# carried over from another unit's report (龙游县横山镇 2023: …我局积极配合调整，并结合我镇…)
_SELF_BUREAU = re.compile(r"[我本]局")
_SELF_TOWNSHIP = re.compile(r"[我本](?:镇|乡|街道)(?![" + HAN + r"]{0,2}(?:干部|群众|居民|辖区))")
# …and 我办 in a 局's (天水市乡村振兴局 2021: 2021年我办以…, the former 扶贫办's words; not 本办法)
# (改善…基本办学条件: 本 ending a word — 民和县教育局 2023, 第三百一十九批)
# …and 我厅 in a 市/县 局's (台州市农业农村局 2019, 第三百八十二批: 2019年,我厅认真贯彻落实… — the province's
# 厅's text; a 厅 is a province's department, which no 市 or 县 body is)
_SELF_NOT_BUREAU = re.compile(_SELF_TOWNSHIP.pattern + r"|(?:我|(?<![基根资成版样文剧课日账范标书脚原读])本)办(?![公理结件事法学])"
                              r"|[我本]厅(?![级长])")
_QUOTES = re.compile(r"《[^《》]*》|“[^“”]*”")
# …and, within 乡镇街道, a town that calls itself 我街道 or a 街道 that calls itself 我镇/我乡
_TOWN_NAME = re.compile(r"(?:镇|乡|苏木)(?:人民政府)?$")
_STREET_NAME = re.compile(r"街道(?:办事处)?$")
_SELF_NOT_TOWN = re.compile(r"[我本]局|[我本]街道(?![" + HAN + r"]{0,2}(?:干部|群众|居民|辖区))")
_SELF_NOT_STREET = re.compile(r"[我本]局|[我本](?:镇|乡)(?![" + HAN + r"]{0,2}(?:干部|群众|居民|辖区))")
# …and a 乡 that calls itself 我镇, a 镇 我乡 (呼兰区杨林乡 2021, 第三百六十八批: 在总结我镇2021年…的基础上)
_NOT_SELF_AFTER = r"(?![" + HAN + r"]{0,2}(?:干部|群众|居民|辖区))"
_XIANG_NAME = re.compile(r"乡(?:人民政府)?$")
_ZHEN_NAME = re.compile(r"镇(?:人民政府)?$")
_SELF_NOT_XIANG = re.compile(_SELF_NOT_TOWN.pattern + r"|[我本]镇" + _NOT_SELF_AFTER)
_SELF_NOT_ZHEN = re.compile(_SELF_NOT_TOWN.pattern + r"|[我本]乡(?!本土|镇)" + _NOT_SELF_AFTER)   # (本乡镇: either)
# What every match of each holds (a few finds instead of masking every text first).
_SELF_WORDS = {_SELF_NOT_XIANG: ("我局", "本局", "我街道", "本街道", "我镇", "本镇"),
               _SELF_NOT_ZHEN: ("我局", "本局", "我街道", "本街道", "我乡", "本乡"),
               _SELF_BUREAU: ("我局", "本局"),
               _SELF_NOT_BUREAU: ("我镇", "本镇", "我乡", "本乡", "我街道", "本街道", "我办", "本办", "我厅", "本厅"),
               _SELF_NOT_TOWN: ("我局", "本局", "我街道", "本街道"),
               _SELF_NOT_STREET: ("我局", "本局", "我镇", "本镇", "我乡", "本乡")}


def _below_province(agency: str) -> bool:
    """The agency is a 市's or a 县's body by its own name (台州市农业农村局), not a province's."""
    n = agencies.parse_name(agency, strict=False)
    return bool(n and n.regions) and agencies.region_level(n.regions[-1]) >= 2


# The report named as the self word's (特向社会公布2019年本镇政府信息公开工作年度报告 in a 审计局's report):
# the words before the self word publish or compile it, the words after end in the report.
_PUBLISHES_BEFORE = re.compile(r"(?:公布|发布|现将|编制|形成)了?(?:(?:19|20)\d{2}年度?)?$")
_REPORT_AFTER = re.compile(r"^[^。；;，,]{0,24}?(?:年度报告|年报)")


def _wrong_self_word(ctx: Context, sure: bool = False):
    """A warning: the name tells the agency's kind (乡镇街道 or a 局), the prose calls itself by the other.
    An error where the own agency is sure (``sure``: title, 落款, user, or its full name twice in the
    prose) and the self word names whose report this is (公布…本镇…年度报告 in a 局's report:
    福州市晋安区审计局 2019, 第一百七十七批)."""
    from ...model import Level
    agency = ctx.report.meta.agency or ""
    if ctx.report.meta.level == Level.township and _TOWN_NAME.search(agency):
        # a 镇/乡 calling itself 我街道 (洪江区桂花园乡 2022, 第一百五十四批: 我街道严格落实三级签审制), or a 局
        rx, kind, own_word = _SELF_NOT_TOWN, "乡镇", "本镇（本乡）"
        if _XIANG_NAME.search(agency):
            rx, kind, own_word = _SELF_NOT_XIANG, "乡", "本乡"
        elif _ZHEN_NAME.search(agency):
            rx, kind, own_word = _SELF_NOT_ZHEN, "镇", "本镇"
    elif ctx.report.meta.level == Level.township and _STREET_NAME.search(agency):
        rx, kind, own_word = _SELF_NOT_STREET, "街道", "本街道"
    elif ctx.report.meta.level == Level.township:
        rx, kind, own_word = _SELF_BUREAU, "乡镇、街道", "本镇（本乡、本街道）"
    elif ctx.report.meta.level == Level.department and agency.endswith("局"):
        rx, kind, own_word = _SELF_NOT_BUREAU, "部门（局）", "本局"
    else:
        return
    words = _SELF_WORDS[rx]
    for section, text, _ in ctx.norms:
        if not holds_any(text, words):
            continue            # nearly every text: none of the words, nothing to mask for
        masked = _QUOTES.sub(lambda m: "#" * len(m.group()), text)
        m = rx.search(masked)
        if m is None:
            continue
        if m.group().endswith("办") and "办" in agency:
            continue            # a 局 whose name holds 办 too (挂牌): 我办 may be its own
        a, b = _clause(text, m.start())
        names_report = bool(_PUBLISHES_BEFORE.search(masked, max(0, m.start() - 12), m.start())
                            and _REPORT_AFTER.match(masked[m.end():m.end() + 40]))
        if sure and m.group().endswith("厅") and _below_province(agency):
            # a 市/县 body, its name sure, calling itself a 厅: certainly a province department's words
            yield ctx.finding(f"本报告的机关「{agency}」是市县的部门，正文却自称「{m.group()}」（省级部门的称呼），疑为误贴上级部门报告的文字。",
                              section=section, quote=text[a:b].strip(), fix=f"改为「{own_word}」，并核实这段文字是否出自本机关。")
            continue
        if sure and names_report:
            yield ctx.finding(f"本报告的机关「{agency}」是{kind}，正文却称本报告是「{m.group()}」的年度报告，疑为误贴其他单位报告的文字。",
                              section=section, quote=text[a:b].strip(), fix=f"改为「{own_word}」等本机关的称呼。")
            continue
        f = ctx.finding(f"本报告的机关「{agency}」是{kind}，正文却自称「{m.group()}」，疑为沿用了其他单位报告的文字，请核实。",
                        section=section, quote=text[a:b].strip(), fix=f"改为「{own_word}」等本机关的称呼。")
        f.severity = "warning"
        yield f


# Words that put what follows in the future: 2024年，我局将… in a 2024 report is a plan for a year
# that is over. 继续/进一步 are not among them: 2024年，本局进一步规范… reports the year's work.
_FUTURE = r"将|拟|计划|要|准备|力争|争取"
_PLAN = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,2}[）)]\s*)?(?:在|于)?\s*(?P<y>(?:19|20)\d{2})\s*年?度?\s*[，,]?\s*"
                   r"(?:[我本][" + HAN + r"]{0,3}?|[" + HAN + r"]{2,20}?(?:局|委|办|厅|政府|街道|镇|乡))?\s*"
                   rf"(?:还|仍|也|亦)?(?:{_FUTURE})")


# 将 meaning 把 (将政务公开工作纳入考核) or a plan spoken of as past (计划开展的培训未能完成): the
# sentence may report the year's work, so the finding is a warning.
_NOT_A_PLAN = re.compile(r"[^，。；]{1,16}?(?:纳入|列入|作为|交由|移交|改为|确定为|列为)|[^，。；]{0,3}?的")


@rule("I002", "plan-dated-report-year", "error", "identity",
      "下一年度的工作打算没有写成报告年度", "2019年度报告写“2019年，我局将……”")
def plan_dated_report_year(ctx: Context):
    """Plans for next year dated with the report year (copied from last year's report, or a slip):
    in 五 or 六, a sentence that opens with the report year and goes on with 将/拟/计划 …. A year
    that is over cannot be planned for, so this is an error — except where 将 means 把
    (2024年，本局将政务公开纳入考核) or the plan is spoken of as past (计划开展的培训未能完成): then the
    sentence may report the year's work, and it is a warning."""
    year = ctx.report.meta.year
    for section, r in ctx.readings.items():
        if section not in ("problems", "other"):
            continue
        t = r.norm.text
        for a, b in r.sentences:
            m = _PLAN.match(t, a, b)
            if m and int(m.group("y")) == year:
                f = ctx.finding(
                    f"改进打算写成了报告年度「{year}」，应为下一年度（{year + 1}年）。",
                    section=section, quote=r.norm.quote(a, min(b, m.end() + 8)).strip(),
                    fix=f"改为「{year + 1}年」或「下一步」。")
                if _NOT_A_PLAN.match(t, m.end(), b):
                    # 2024年，本局将政务公开纳入考核 (将 = 把), 2024年计划开展的培训未能完成: the year's work
                    f.severity = "warning"
                    f.message += "（若这句说的是本年度已做的工作，可忽略。）"
                yield f


# (编制2021年度墨脱县德兴乡人民政府信息公开年度报告 in a 2020 report — 德兴乡 2020, 第三百三十七批: a
# body's name between the year and the report)
_YEAR_REPORT = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年度?(?:的)?\s*"
                          r"(?:[\u4e00-\u9fff]{2,24}?(?:人民政府|政府|局|委员会|办公室|街道办事处|街道|镇|乡)(?=政府信息公开|信息公开|政务公开))?"
                          r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:工作)?报告")
_AFTER_YEAR_DOC = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年度\s*(?:[\u4e00-\u9fff]{0,6}?(?:财政|部门|政府|单位))?决算|"
                             r"(?P<y2>(?:19|20)\d{2})\s*年度\s*法治政府建设(?:工作)?(?:情况)?(?:的)?报告")
# 主动公开了2019年部门预算和2018年部门决算 in a 2020 report: a year publishes its own budget and last
# year's final accounts, so both one year early is last year's sentence kept (抚州市自然资源局 2020,
# 第四百五十六批; 浮梁县 2023 — both keyed)
_BUDGET_ACCOUNTS = re.compile(r"(?P<b>(?:19|20)\d{2})\s*年度?(?:部门|本级|单位|财政)?预算[^。；;，,]{0,12}?"
                              r"(?P<a>(?:19|20)\d{2})\s*年度?(?:部门|本级|单位|财政)?决算|"
                              r"(?P<a2>(?:19|20)\d{2})\s*年度?(?:部门|本级|单位|财政)?决算[^。；;，,]{0,12}?"
                              r"(?P<b2>(?:19|20)\d{2})\s*年度?(?:部门|本级|单位|财政)?预算")
_SUMMED_UP = re.compile(r"(?:经对|通过对|在对|对|总结)[\u4e00-\u9fff]{0,8}?(?P<y>(?:19|20)\d{2})\s*年度?(?:的)?\s*[\u4e00-\u9fff]{0,10}?"
                        r"(?:政府信息公开|政务公开|信息公开)工作(?:情况)?(?:进行)?(?:了)?(?:全面)?(?:分析|总结|梳理|回顾)")
# 公开发布《某局2023年政府信息公开工作年度报告》 in the 2024 report: last year's report, published this year
# (more titles may come between: 更新发布了…领导信息、机构职能及内设科室、《…基本目录》《禄丰市审计局2021年…年度报告》
# — 禄丰市审计局 2022, 第三百九十八批)
_PUBLISHED_BEFORE = re.compile(r"(?:主动公开|发布|公布|刊发|上网|报送|上报)[^。；;《》]{0,40}(?:《[^《》。]{1,60}》[、，,\s]*)*$")
# last year's report as the object of this year's work, the verb after its title (…》等文件进行图文解读)
# (解读 or 宣传 only: 现将《…2020年…年度报告》公布如下 in a 2021 report is the stale self-reference I003 looks for)
_HANDLED_AFTER = re.compile(r"[^。；;《》]{0,8}?(?:进行|开展)?(?:图文|政策|图片|视频|动漫)?(?:解读|宣传)")
# 及时编制完成《…2020年…年度报告》,向…提交 among a 2021 report's work (not its preamble): last year's
# report, made this year (鄂尔多斯市行政审批和政务服务局 2021, 第四百八十一批)
_MADE_BEFORE = re.compile(r"(?:编制完成|编制|撰写|起草)了?\s*$")
_PUBLISH_WORDS = r"发布|公布|公开|刊发|刊登|上网|报送|上报"     # (报送《2021年度…年度报告》 in 2022: 武昌区行政审批局)
_PUBLISHED_IN_CLAUSE = re.compile(_PUBLISH_WORDS)
_PUBLISHED = re.compile(rf"(?:{_PUBLISH_WORDS})了?\s*$")
_ISSUED = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发|印发(?:日期|时间)\s*[:：]?\s*(?P<y2>(?:19|20)\d{2})\s*年")
# A clause that opens with a year alone (2023年，…) and speaks of the year's figures.
_STOPS = "。；！？!?\n"
# 2023年，… or, with no comma, 2023年我单位…/2023年本局… (the year, then the one doing the work)
_YEAR_COMMA = r"(?P<y>(?:19|20)\d{2})\s*年度?\s*(?:[，,]|(?=[我本][" + HAN + r"]))"
_YEAR_CLAUSE = re.compile(rf"(?:^|(?<=[{_STOPS}]))[^{_STOPS}，,]{{0,12}}?(?<![\d较比与同自至到]){_YEAR_COMMA}")
_YEAR_CLAUSE_END = re.compile(_YEAR_COMMA)
_STOP = re.compile(f"[{_STOPS}]")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
# a body named as the doer of a work verb right after a year's comma (于洪区教育局认真贯彻…, 我局坚持…)
_DOER_OPENS = re.compile(r"\s*(?![在自从对经据按])[\u4e00-\u9fff（）()]{1,30}?(?:局|委|办|厅|政府|中心|街道|镇|乡|管委会)"
                         r"(?:认真|坚持|严格|深入|全面|扎实|持续|紧紧|始终|高度重视|积极)")
_COMPARE = re.compile(r"较|比|同比|相比|以来|至今|截至|截止")
_SINCE = re.compile(r"截至|截止|自|以来|起")
_UPTO = re.compile(r"截至|截止")
# 对截至2023年12月31日制定的…规范性文件进行了全面清理 (青阳县政府办 2024, 第一百九十批): the date bounds the
# documents the work reviewed, it does not date a figure
_MADE_BY_THEN = re.compile(r"\s*(?:前|以前|之前)?(?:制定|出台|印发|发布|制发)")
# …现行有效的文件进行清理: the documents reviewed; 现行有效行政规范性文件143件 alone is a figure as of that day
# (大田县政府办 2025, 第三百零八批: 截至2024年12月31日现行有效… in a 2025 report, a missed warning)
_IN_FORCE_THEN = re.compile(r"\s*现行有效")
_REVIEWED = re.compile(r"清理|梳理|审查|评估|修订|废止")
# (…官方网站于2019年11月21日正式上线 in a 2020 report: when a thing began, the body's history — 沈阳市
# 大数据局 2020, 第二百四十三批)
_SINCE_AFTER = re.compile(r"\s*(?:起|以来|(?:正式)?(?:上线|开通|启用|成立|挂牌|组建)(?:运行)?(?:[，,。；;]|$))")
# 预计2024年1月中旬上线, 计划于2024年3月完成: a later date foreseen, not a slip of the year
_EXPECTED = re.compile(r"预计|计划|拟|将于|有望")
# 从2019年6月份重新上线: 从 right before the date is "since" (从严、从事 elsewhere in the clause are not)
_FROM = re.compile(r"从\s*$")
_LAST_YEAR = re.compile(r"上一?年度?|去年|往年|历年")
_QUOTED = re.compile(r"《[^》]*》|“[^”]*”")
# 《…2020年政务公开工作要点…》, 《2021年乌尔禾区政务公开工作要点》: a year's 工作要点 named in a title
_POINTS = re.compile(r"《[^《》]{0,40}?(?P<y>(?:19|20)\d{2})\s*年度?[^《》]{0,12}?(?:政务公开|政府信息公开)[^《》]{0,12}?工作(?:要点|安排|主要任务)[^《》]{0,30}》")
# a date, then (within the clause) the report's publication: 于2024年1月15日之前在…网站…向社会公布
# (not the start of a period, 2020年1月1日至…期间, and not the noun 政府信息公开 / 政务公开)
_PUBLISH_DATE = re.compile(r"(?P<date>(?P<y>(?:19|20)\d{2})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)"
                           r"[^。；;，,\n至到止]{0,40}?(?<!信息)(?<!政务)(?:公布|发布|公开|上网|挂网)")
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:条|件|篇|次|个|项|期|场|份|人次|万)")
_LATER_SELF = re.compile(rf"(?:^|(?<=[{_STOPS}]))\s*(?P<y>(?:19|20)\d{{2}})\s*年度?\s*[，,]?\s*[我本][局委办镇乡厅](?:街道)?")
_PLAN_WORD = re.compile(r"\s*(?:还|仍|也|亦)?(?:将|拟|计划|要|准备|力争|争取|继续|预计)")
_NONE_YEAR = re.compile(rf"(?:^|(?<=[{_STOPS}]))\s*(?P<y>(?:19|20)\d{{2}})\s*年度?\s*[，,]?\s*[\u4e00-\u9fff]{{0,12}}?"
                        r"(?:未收到|没有收到|未发生|没有发生|未产生|没有产生)[^。；;\n]{0,30}?(?:申请|复议|诉讼)")
_LATER_RUN = re.compile(r"(?<!\d)(?P<y>20\d{2})\s*年度?(?:以来|累计|全年|年内)")
_CLAUSE_STOP = re.compile(r"[，,。；;\n]")


_SIGNED_YEAR = re.compile(r"\s*((?:19|20)\d{2})\s*年")
# 2024年1月1日起施行的《行政复议法》, 2019年4月15日国务院发布的《条例》: the date of a law or a
# document named right after it, not of the year's work
_DOCUMENT_DATE = re.compile(r"\s*(?:起(?:正式)?)?(?:施行|实施|生效)|[^，。；,;]{0,8}?(?:发布|印发|公布|颁布|修订|通过|出台)的?《")
# 《信访工作条例》(国务院2022年5月1日颁布): the date in brackets right after a title, saying when that
# document was issued (安化县信访局 2024, 第四百六十九批 — a wrong I003 warning)
_TITLE_DATE_BEFORE = re.compile(r"》\s*[（(][\u4e00-\u9fff]{0,12}$")
_TITLE_DATE_AFTER = re.compile(r"\s*(?:发布|印发|公布|颁布|修订|通过|出台|施行|实施|起施行|起实施)[^（()）]{0,4}[)）]")


# (…全年办理1875件,结转2025年344件 in a 2025 report: the year then the count carried — 天津市住建委 2025,
# 第四百三十七批)
_CARRIED_INTO = re.compile(r"(?:结转|转结|转入|顺延)(?:至|到)?(?P<y>(?:19|20)\d{2})\s*年度?(?:(?:继续)?(?:办理|答复|处理|办结)|\d+\s*件)")
# where they came from, just before: 2023年结转至2024年, 上年度结转到本年度…
_CARRIED_FROM = re.compile(r"(?:(?:19|20)\d{2}\s*年度?|上一?年度?|去年)[^，。；,;]{0,4}$")


@rule("I003", "date-outside-year", "warning", "identity",
      "正文中本年度工作的日期、年份和所称的年度报告都在报告年度内", "2019年度报告写“2018年5月10日参加培训”")
def date_outside_year(ctx: Context):
    """A year that does not fit the report year where the report year is meant, left over from
    last year's report or a slip: in 「一、总体情况」 a work date of another year; a sentence of
    一–四 that opens with another year alone and gives the year's figures (2024年度报告：
    “2023年，在主动公开的…中…”); the report calling itself, or the notice it was compiled under,
    another year's 年度报告, or an earlier year's 政务公开工作要点 followed; a figure 截至 last year's end; a year's 年度报告 said to be published before that year is over (完成
    2024年…年度报告，并于2024年1月15日前…公布); a 印发 date or the 落款's date before the report year is over. Each has readings that are
    right (a comparison, a notice really issued for last year), so each is a warning that says what
    to check. Dates inside 《》 are titles, not work dates, except for the year of a 年度报告.
    """
    year = ctx.report.meta.year
    seen: set[tuple[str, int]] = set()
    # the 落款 dated within the report year (平潭 旅游与文化体育局 2021: 「2021年1月25日」): a year's
    # report is written after the year is over, so the year is one short (last year's 落款 kept)
    signed = ctx.report.meta.date or ""
    on = _SIGNED_YEAR.match(signed)
    if on is not None and int(on.group(1)) <= year:
        when = "之内" if int(on.group(1)) == year else "之前"
        yield ctx.finding(f"落款日期「{signed}」在报告年度{year}年{when}，年度报告应在年度结束之后成文。",
                          section="other", quote=signed, fix=f"核实落款日期，应为{year + 1}年。")

    def once(section: str, pos: int) -> bool:
        if (section, pos) in seen:
            return False
        seen.add((section, pos))
        return True

    for section, r in ctx.readings.items():
        t, q = r.norm.text, r.norm.quote
        titles: list[tuple[int, int]] | None = None
        # the matches of _YEAR_REPORT and _YEAR_CLAUSE_END begin with a year, 19xx or 20xx: they are
        # tried at each 19 and 20 (str.find, in C) instead of at every 1 and 2 of the text
        years = _year_starts(t)
        # another year's report and a report published too early are read from the same matches
        reports = matches_at(_YEAR_REPORT, t, years) if section != "problems" else []

        def title_of(pos: int) -> tuple[int, int] | None:
            nonlocal titles
            if titles is None:          # read only when a year asks
                titles = [(m.start(), m.end()) for m in _QUOTED.finditer(t)]
            return next(((a, b) for a, b in titles if a <= pos < b), None)

        # the report, or the notice it follows, about another year's 年度报告
        if section != "problems":
            for m in reports:
                y = int(m.group("y"))
                if y == year or _LAST_YEAR.search(t, max(0, m.start() - 6), m.start()):
                    continue
                span = title_of(m.start())
                if span and y == year - 1 and (_PUBLISHED.search(t, max(0, span[0] - 6), span[0])
                                               or _PUBLISHED_BEFORE.search(t, max(0, span[0] - 200), span[0])
                                               or _HANDLED_AFTER.match(t, span[1])
                                               or (section != "preamble" and _MADE_BEFORE.search(t, max(0, span[0] - 8), span[0]))):
                    continue        # (主动公开政府信息4条,分别是《泉港区审计局2022年…年度报告》…: 泉港区审计局 2023;
                    #                 对《崇明区2020年…年度报告》等文件进行图文解读: 崇明区 2021, 第四百七十二批)
                if not span and y == year - 1 and (t[max(0, m.start() - 1):m.start()] == "、" or t[m.end():m.end() + 1] == "、"):
                    continue        # …法定主动公开内容36条、2022年政府信息公开工作年度报告、…: one of the things published (沙坪坝 2023)
                if not span and y == year - 1 and section != "preamble" and \
                        _PUBLISHED.search(t, max(0, m.start() - 6), m.start()):
                    continue        # 及时准确发布2020年…年度报告 among 2021's work: last year's report, published
                    #                 this year (黄埔区 2021, 第二百七十九批)
                if not span and y == year - 1 and section != "preamble" and \
                        _PUBLISHED_IN_CLAUSE.search(t[max(0, m.start() - 40):m.start()].rsplit("。", 1)[-1].rsplit("；", 1)[-1]):
                    continue        # 按时发布吴淞街道2024年…年度报告, 主动公开…,春华街道2022年度…工作报告 among this
                    #                 year's work: last year's report, its body named (第三百四十八批)
                if not span and y == year - 1 and _COUNTED_AFTER.match(t, m.end()):
                    continue        # …人事任免8条、福州市城乡建设局2021年度…年度报告1条: counted among them (第一百四十八批)
                if not span and y == year - 1:
                    # 完成2023年…年度报告，并于2024年1月15日前…公布: last year's report, published this year
                    e = _SENTENCE_END.search(t, m.end())
                    d = _PUBLISH_DATE.search(t, m.end(), e.start() if e else len(t))
                    if d is not None and int(d.group("y")) == year:
                        continue
                lo, hi = span if span else _clause(t, m.start())
                if once(section, lo):
                    cited = t[lo:hi]
                    # 《田黄镇2020年政府信息公开工作年度报告》 in a 2021 report (第四十七批): the brackets hold
                    # a report itself, not a notice about reports
                    report_itself = span is not None and cited.rstrip("》").endswith("报告") and \
                        not re.search(r"通知|关于|意见|方案", cited)
                    if report_itself:
                        what = f"正文所称的年度报告{q(lo, hi).strip()}是{y}年度的"
                        fix = f"核实年份：本报告是{year}年度报告。"
                    else:
                        what = (f"所依据的通知是关于{y}年度政府信息公开工作年度报告的" if span
                                else f"正文称本报告为{y}年度的政府信息公开工作年度报告")
                        fix = f"核实年份：本报告是{year}年度报告，通知应为关于{year}年度报告的通知。"
                    yield ctx.finding(f"{what}，而本报告的年度为{year}年。", section=section, quote=q(lo, hi).strip(),
                                      fix=fix)
        # 完成2024年…年度报告，并于2024年1月15日之前…公布 (长通街道 2024): a year's report published
        # before that year is over — one of the two years is wrong
        if section != "problems":
            for m in reports:
                y = int(m.group("y"))
                e = _SENTENCE_END.search(t, m.end())
                d = _PUBLISH_DATE.search(t, m.end(), e.start() if e else len(t))
                if d is None or int(d.group("y")) > y or title_of(m.start()) is not None:
                    continue
                if once(section, d.start()):
                    shown = d.group("date")
                    yield ctx.finding(f"称{y}年度的年度报告于「{shown}」公布，而年度报告只能在该年度结束后公布，"
                                      f"两个年份必有一个有误。", section=section, quote=q(m.start(), d.end()).strip(),
                                      fix="核实报告所属年度和公布日期。")
        # the year's 政务公开 work said to follow an earlier year's 工作要点 (《…2020年政务公开工作要点
        # 分工方案的通知》 in a 2021 report): a 要点 is issued for its own year, so last year's text
        # was kept, or the year is wrong
        # (…工作安排: 江西's yearly text — 奉新县高新区 2022 follows 2018's, 第三百一十八批)
        # (福建's yearly 《…政务公开工作主要任务》: 长乐区鹤上镇 2020 cites 2019's, 第四百二十二批)
        if section in ("preamble", "overall") and ("工作要点" in t or "工作安排" in t or "工作主要任务" in t):
            told = -1               # (one finding a sentence: 《2020年…要点》、…制定了《2020年…工作安排》)
            for m in _POINTS.finditer(t):
                y = int(m.group("y"))
                if m.start() < told:
                    continue
                if y < year and not _LAST_YEAR.search(t, max(0, m.start() - 8), m.start()) and once(section, m.start()):
                    e = _SENTENCE_END.search(t, m.end())
                    told = e.end() if e else len(t)
                    kind = "工作安排" if "工作安排" in m.group() else "工作主要任务" if "主要任务" in m.group() else "工作要点"
                    yield ctx.finding(f"正文所贯彻的是{y}年的政务公开{kind}，而本报告的年度为{year}年。",
                                      section=section, quote=q(*m.span()).strip(),
                                      fix=f"核实是否应为{year}年的{kind}，或是否沿用了以前年度报告的文字。")
        # 经对我镇2018年度政府信息公开工作情况进行分析、总结,编制本报告 in a 2019 report (宁强县禅家岩镇 2019,
        # 第三百七十一批): the preamble says which year's work the report sums up — last year's text kept
        if section == "preamble" and "工作" in t:
            for m in _SUMMED_UP.finditer(t):
                y = int(m.group("y"))
                if y != year and once(section, m.start()):
                    yield ctx.finding(f"导语称本报告是对{y}年度政府信息公开工作的分析总结，而本报告的年度为{year}年。",
                                      section=section, quote=q(*m.span()).strip(),
                                      fix=f"核实年份，应为{year}年度；或是否沿用了以前年度报告的文字。")
        # 公开2024年度财政决算报告 / 主动公开2024年度法治政府建设情况报告 in a 2024 report (长寿区双龙镇 2024,
        # 重庆高新区 2024, 第三百七十四批 — both keyed): a year's 决算 and its 法治政府建设 report are made after
        # the year is over, so they cannot be among that year's published items
        if section in ("overall", "active_disclosure") and ("决算" in t or "法治政府建设" in t):
            for m in _AFTER_YEAR_DOC.finditer(t):
                y = int(m.group("y") or m.group("y2"))
                if y >= year and _PUBLISHED_IN_CLAUSE.search(t[max(0, m.start() - 40):m.start()].rsplit("。", 1)[-1]) \
                        and once(section, m.start()):
                    yield ctx.finding(f"正文称本年度公开了「{q(*m.span()).strip()}」，而{y}年度的决算、法治政府建设情况报告"
                                      f"要在{y}年结束后才能形成，报告年度为{year}年。", section=section,
                                      quote=q(*m.span()).strip(),
                                      fix="核实年份：本年度公开的应是上一年度的决算、法治政府建设情况报告。")
        if section in ("overall", "active_disclosure") and "预算" in t and "决算" in t:
            for m in _BUDGET_ACCOUNTS.finditer(t):
                b, a = int(m.group("b") or m.group("b2")), int(m.group("a") or m.group("a2"))
                if b == year - 1 and a == year - 2 and \
                        _PUBLISHED_IN_CLAUSE.search(t[max(0, m.start() - 40):m.start()].rsplit("。", 1)[-1]) and \
                        once(section, m.start()):
                    shown = q(*m.span()).strip()
                    yield ctx.finding(f"正文称本年度公开了「{shown}」，而{year}年公开的应是{year}年的预算和{year - 1}年的决算；"
                                      f"两个年份都早了一年，疑为沿用了上一年度报告的文字。", section=section, quote=shown,
                                      fix=f"核实年份：应为{year}年预算、{year - 1}年决算。")
        # 印发 before the year is over
        for m in matches(_ISSUED, t):
            y = int(m.group("y") or m.group("y2"))
            if y <= year and once(section, m.start()):
                shown = re.sub(r"\s*印发\s*$|^印发(?:日期|时间)\s*[:：]?\s*", "", q(*m.span()))
                yield ctx.finding(f"印发日期「{shown}」在报告年度{year}年之内，年度报告应在年度结束之后印发。",
                                  section=section, quote=q(*m.span()).strip(), fix=f"核实印发日期，应为{year + 1}年。")
        # applications carried forward into the report year itself (结转到2024年办理0件 in a 2024 report —
        # 湘阴县东塘镇 2024, 第四百零一批; 0件转结2024年办结 — 湖口县武山镇 2024): they go into the next year;
        # last year's words kept. (2023年结转至2024年… says where they came from: not read.)
        if "转" in t:
            for m in _CARRIED_INTO.finditer(t):
                if int(m.group("y")) != year or _CARRIED_FROM.search(t, max(0, m.start() - 12), m.start()) \
                        or not once(section, m.start()):
                    continue
                yield ctx.finding(f"正文称申请结转到{year}年办理，而{year}年正是本报告的年度；结转的申请应在下一年度"
                                  f"（{year + 1}年）办理，疑为沿用了上一年度报告的文字。", section=section,
                                  quote=q(*m.span()).strip(), fix=f"核实年份，应为{year + 1}年。")
        if section not in ("overall", "active_disclosure", "applications", "review_litigation"):
            continue
        # work dates of another year in 总体情况 (the claims layer leaves dates in 《》 out)
        if section == "overall":
            text = r.original
            quoted = None
            for d in r.dates:
                if d.month is None or d.year is None or d.year == year:
                    continue
                if quoted is None:
                    quoted = [m.span() for m in _QUOTED.finditer(text)]
                if any(a <= d.start < b for a, b in quoted) or _DOCUMENT_DATE.match(text, d.end):
                    continue
                if _TITLE_DATE_BEFORE.search(text, max(0, d.start - 16), d.start) and _TITLE_DATE_AFTER.match(text, d.end):
                    continue
                lo, hi = _clause(text, d.start)
                if _UPTO.search(text, max(lo, d.start - 3), d.start) and d.year == year - 1 and d.month == 12:
                    # 截至2020年12月31日，我办…公布信息1877条 in a 2021 report (天水 2021): a running
                    # total as of last year's end where the year's is meant — unless the sentence
                    # names the report year too (a comparison) or says 上年
                    stop = _SENTENCE_END.search(text, d.end)
                    sentence = text[lo:stop.end() if stop else len(text)]
                    if _FIGURE.search(sentence) and f"{year}年" not in sentence and \
                            not _LAST_YEAR.search(sentence) and not _MADE_BY_THEN.match(text, d.end) and \
                            not (_IN_FORCE_THEN.match(text, d.end) and _REVIEWED.search(sentence)) and once(section, lo):
                        yield ctx.finding(f"「{ctx.section_title('overall')}」中的数字截至上一年度末「{d.text}」，"
                                          f"而本报告的年度为{year}年。", section=section, quote=text[lo:hi].strip(),
                                          fix=f"核实是否应为截至{year}年12月31日的数字。")
                    continue
                # (2004年5月1日起…开始开展政府信息公开工作: a start that runs on, 自 left out — 长寿路街道
                # 2020, 第一百一十八批)
                if _SINCE.search(text, lo, d.start) or _FROM.search(text, lo, d.start) or \
                        _SINCE_AFTER.match(text, d.end) or not once(section, lo):
                    continue
                if d.year > year and _EXPECTED.search(text, max(lo, d.start - 4), d.start):
                    continue        # 预计2024年1月中旬上线 in a 2023 report: a date still to come (鄂尔多斯市国资委 2023)
                yield ctx.finding(f"「{ctx.section_title('overall')}」中出现报告年度以外的日期「{d.text}」。",
                                  section=section, quote=text[lo:hi].strip(),
                                  fix=f"核实是否为{year}年的工作，或删去上年度的内容。")
        # a later year's running figure (2025年以来收录…1条, 2025年累计发布…2条 in a 2024 report — 蒙城县
        # 工信局 2024: keyed warnings): work the report's year cannot hold
        for m in _LATER_RUN.finditer(t) if str(year + 1) in t or str(year + 2) in t else ():
            y = int(m.group("y"))
            if y <= year or y > year + 2 or title_of(m.start("y")):
                continue
            stop = _CLAUSE_STOP.search(t, m.end())
            end = stop.start() if stop else len(t)
            if not _FIGURE.search(t, m.end(), end) or _EXPECTED.search(t, max(0, m.start() - 6), end):
                continue
            if once(section, m.start("y")):
                yield ctx.finding(f"{year}年度报告中写「{q(m.start('y'), m.end()).strip()}」并给出数字，这是报告年度之后的工作。",
                                  section=section, quote=q(m.start("y"), end).strip()[:80],
                                  fix=f"核实这句说的是不是{year}年的情况，或报告的年度是否写错。")
        # 2024年建宁乡未收到和办理依申请公开信息。 in a 2025 report (高平市建宁乡 2025, 第三百七十八批, keyed): a
        # sentence that opens with another year and says none came — last year's sentence kept
        if section in ("overall", "applications", "review_litigation") and ("未" in t or "没有" in t):
            for m in _NONE_YEAR.finditer(t):
                y = int(m.group("y"))
                if y != year and not _LAST_YEAR.search(t, m.start(), m.end()) and once(section, m.start("y")):
                    stop = _SENTENCE_END.search(t, m.end())
                    yield ctx.finding(f"{year}年度报告中，以「{y}年」开头的一句说没有收到申请或没有发生复议、诉讼，年份不是报告年度。",
                                      section=section, quote=q(m.start("y"), stop.start() if stop else len(t)).strip()[:80],
                                      fix=f"核实这句说的是不是{year}年的情况；如是，年份改为{year}年。")
        # 2023年我局建立健全公開制度 in a 2021 report (兴国县教科体局 2021, 第三百八十四批, keyed): a later year
        # opening a sentence of the body's own work, no plan word — work the report's year cannot hold
        if section in ("overall", "active_disclosure", "applications", "review_litigation") and \
                (str(year + 1) in t or str(year + 2) in t):
            for m in _LATER_SELF.finditer(t):
                y = int(m.group("y"))
                stop = _SENTENCE_END.search(t, m.end())
                end = stop.start() if stop else len(t)
                # (a section's first sentence, or one with figures: the year-sentence check below says it)
                if not year < y <= year + 2 or _PLAN_WORD.match(t, m.end()) or title_of(m.start("y")) or \
                        (r.sentences and m.start("y") < r.sentences[0][1]) or _FIGURE.search(t, m.end(), end) or \
                        not once(section, m.start("y")):
                    continue
                yield ctx.finding(f"{year}年度报告中，以「{y}年」开头的一句叙述本机关的工作，这是报告年度之后的年份。",
                                  section=section, quote=q(m.start("y"), end).strip()[:80],
                                  fix=f"核实这句说的是不是{year}年的工作；如是，年份改为{year}年。")
        # a sentence of the year's figures dated with another year alone; its year is one of the
        # text's year-commas, which cannot overlap (findall sees each): none of another year, no clause
        ends = matches_at(_YEAR_CLAUSE_END, t, years)
        if all(int(m.group("y")) == year for m in ends):
            continue
        for m in _year_clauses(t, ends):
            y = int(m.group("y"))
            if y == year or title_of(m.start("y")):
                continue
            start = m.start()
            stop = _SENTENCE_END.search(t, m.end())
            end = stop.end() if stop else len(t)
            # (the sentence that opens part 一 dates the year's work, figures or not: 「2022年,侯家庄乡
            # 人民政府严格按照…」 in a 2021 report — 内丘县侯家庄乡 2021, 第一百二十二批)
            # (the year after only: the year before may open a fact about it — 2019年,在…组织的政务公开
            # 第三方评估中… in 海关总署 2020)
            opening = section == "overall" and not t[:start].strip() and y == year + 1 and \
                not _EXPECTED.search(t, m.end(), end)
            # …and the year before where a body opens the sentence as its doer (「2022年,于洪区教育局认真贯彻
            # 落实《条例》…」 in a 2023 report — 于洪区教育局 2023, 第二百七十八批): the year's work, told
            opening = opening or (section == "overall" and not t[:start].strip() and y == year - 1
                                  and _DOER_OPENS.match(t, m.end()) is not None)
            if not (opening or _FIGURE.search(t, start, end)) or \
                    _COMPARE.search(t[start:m.start("y")] + t[m.end():m.end() + 6]):
                continue
            if once(section, m.start("y")):
                lead = q(m.start("y"), m.end()).rstrip("，, ")
                what = "给出了工作数字" if _FIGURE.search(t, start, end) else "开始叙述本年度的工作"
                yield ctx.finding(f"{year}年度报告中，以「{lead}」开头的一句{what}，年份不是报告年度。",
                                  section=section, quote=q(start, end).strip()[:80],
                                  fix=f"核实这句说的是不是{year}年的情况；如是，年份改为{year}年。")


def _year_starts(t: str) -> list[int]:
    """Every place a 19 or a 20 begins: where a year of the patterns above can begin."""
    return [*places(t, "19"), *places(t, "20")]


def _year_clauses(t: str, ends: list[re.Match]) -> list[re.Match]:
    """``_YEAR_CLAUSE.finditer(t)``, tried only where a match can begin: at the start (the text's,
    or after a stop) of a clause that holds a year and a comma (_YEAR_CLAUSE_END, which cannot
    overlap itself, so every one is found; ``ends``, its matches in ``t``). The regex engine would
    try every position."""
    out: list[re.Match] = []
    end, tried, start = 0, -1, 0
    stops = _STOP.finditer(t)
    stop = next(stops, None)
    for hit in ends:
        while stop is not None and stop.end() <= hit.start():
            start = stop.end()
            stop = next(stops, None)
        if start < end or start == tried:
            continue
        tried = start
        m = _YEAR_CLAUSE.match(t, start)
        if m:
            out.append(m)
            end = m.end()
    return out


_PERIOD_WORDS = re.compile(r"统计(?:期限|时限|时间|时段|区间|周期|口径)|所列数据|涵盖|期间")
_PERIOD_NEEDLES = needles(_PERIOD_WORDS)
assert _PERIOD_NEEDLES
_LEAD_IN = re.compile(r"[\s自从为是：:]*")
_PERIOD_STRICT = re.compile(r"统计(?:期限|时限|时间|时段|区间|周期)")
_BAD_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{3,4}|\d{1,3})(?=\s*年\s*\d{1,2}\s*月)")
_RANGE = re.compile(r"(?P<y1>(?:19|20)\d{2})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日\s*起?\s*(?:至|到|—|-|～|~)\s*"
                    r"(?:(?P<y2>(?:19|20)\d{2})\s*年\s*)?(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日")


# (…至1231日止: the end without its year — 闵行区经委 2022, 第一百六十四批)
_DIGIT_RANGE = re.compile(r"(?<!\d)(?P<y1>(?:19|20)\d{2})\d{2,4}日\s*起?\s*(?:至|到)\s*(?:(?P<y2>(?:19|20)\d{2})\d{2,4}|1231)日")

# (…自20211月1日起至202212月31日止: 年 lost after each year, the months kept — 甘州区卫健局 2021,
# 第三百六十七批; a year is four digits, so the month after it is read without doubt)
_NIAN_LOST_RANGE = re.compile(r"(?<!\d)(?P<y1>(?:19|20)\d{2})\s*年?\s*(?:1[0-2]|[1-9])\s*月\s*\d{1,2}\s*日\s*起?\s*(?:至|到|—|-|～|~)\s*"
                              r"(?:(?P<y2>(?:19|20)\d{2})\s*年?\s*)?(?:1[0-2]|[1-9])\s*月\s*\d{1,2}\s*日")


@rule("I004", "statistics-period", "error", "identity",
      "统计期限是报告年度的1月1日至12月31日", "2021年度报告写“统计期限自2020年1月1日起至2020年12月31日止”")
def statistics_period(ctx: Context):
    """The stated statistics period must be the report year, 1月1日 to 12月31日. A period in
    another year, or one that stops before 12月31日, is certain. One that starts after 1月1日 is a
    warning: an agency set up during the year reports from its start, but the months before are
    then reported nowhere."""
    year = ctx.report.meta.year
    for section, r in ctx.readings.items():
        t, q = r.norm.text, r.norm.quote
        if not holds_any(t, _PERIOD_NEEDLES):
            continue            # nearly every text but the opening: no word of a period
        for i in r.sentences_with(_PERIOD_WORDS):
            a, b = r.sentences[i]
            ranges = list(_RANGE.finditer(t, a, b))
            for m in ranges:
                y1, y2 = int(m.group("y1")), int(m.group("y2") or m.group("y1"))
                kw = list(_PERIOD_WORDS.finditer(t, max(a, m.start() - 20), m.start()))
                if not kw:
                    continue        # 2024年3月1日至5月31日期间开展检查: a range of work, not the period
                # 统计期限 before the range, or 涵盖/所列数据 right before it in the opening paragraph,
                # makes it the period; otherwise (培训内容涵盖…，于6月1日至3日举办) it may be another span
                strict = bool(_PERIOD_STRICT.search(t, max(a, m.start() - 20), m.start())) or \
                    (section == "preamble" and bool(_LEAD_IN.fullmatch(t, kw[-1].end(), m.start())))
                quote = q(kw[-1].start(), m.end()).strip()
                f = None
                if y1 != year or y2 != year:
                    wrong = "、".join(str(y) for y in sorted({y1, y2} - {year}))
                    f = ctx.finding(f"统计期限写的是{wrong}年，报告年度为{year}年。", section=section, quote=quote,
                                    fix=f"统计期限应为{year}年1月1日至{year}年12月31日。")
                elif (int(m.group("m2")), int(m.group("d2"))) != (12, 31):
                    f = ctx.finding(f"统计期限止于{m.group('m2')}月{m.group('d2')}日，没有覆盖报告年度全年（应至12月31日）。",
                                    section=section, quote=quote, fix=f"统计期限应为{year}年1月1日至{year}年12月31日。")
                if f is not None:
                    if not strict:
                        f.severity = "warning"
                        f.message += "（这段日期前没有写明「统计期限」，请核实它是否指统计期限。）"
                    yield f
                elif (int(m.group("m1")), int(m.group("d1"))) != (1, 1):
                    f = ctx.finding(f"统计期限始于{m.group('m1')}月{m.group('d1')}日，没有覆盖报告年度全年。"
                                    "如本机关年中组建，请说明此前各月的工作由哪份报告反映。",
                                    section=section, quote=quote, fix=f"核实统计期限；全年应为{year}年1月1日至12月31日。")
                    f.severity = "warning"
                    yield f
            strict_at = _PERIOD_STRICT.search(t, a, b)
            if strict_at:
                # 至202020年12月31日: a year of more (or fewer) than four digits in the period
                for bad in _BAD_YEAR.finditer(t, strict_at.start(), b):
                    yield ctx.finding(f"统计期限中的年份「{bad.group(1)}」有误，报告年度为{year}年。", section=section,
                                      quote=q(strict_at.start(), bad.end()).strip(),
                                      fix=f"统计期限应为{year}年1月1日至{year}年12月31日。")
            if strict_at and not ranges:
                # 自202111日至20221231日: a copy that lost 年 and 月 keeps the years' four digits; 自20211月1日起至
                # 202212月31日: one that lost 年 only keeps its months too
                for rx, lost in ((_DIGIT_RANGE, "年、月后的字"), (_NIAN_LOST_RANGE, "年份后的「年」字")):
                    for m in rx.finditer(t, strict_at.start(), b):
                        wrong = sorted({int(m.group("y1")), int(m.group("y2") or m.group("y1"))} - {year})
                        if wrong:
                            yield ctx.finding(f"统计期限写的是{'、'.join(map(str, wrong))}年，报告年度为{year}年"
                                              f"（原文{lost}缺失：「{m.group()}」）。", section=section,
                                              quote=q(strict_at.start(), m.end()).strip(),
                                              fix=f"统计期限应为{year}年1月1日至{year}年12月31日。")
                            ranges = [m]
            if ranges or not strict_at:
                continue
            # a period written without a range: every dated year in it must be the report year
            oa, ob = r.norm.span(a, b)
            wrong_years = sorted({d.year for d in r.dates if oa <= d.start < ob and d.month and d.year and d.year != year})
            if wrong_years:
                yield ctx.finding(f"统计期限写的是{'、'.join(map(str, wrong_years))}年，报告年度为{year}年。",
                                  section=section, quote=q(a, b).strip()[:80],
                                  fix=f"统计期限应为{year}年1月1日至{year}年12月31日。")


def _one_slip(name: str, own: str) -> bool:
    """``name`` is ``own`` with one character left out or added (南区统计局 for 南明区统计局), the two
    names at least four characters long, or two together inside a long name. A character changed is not a slip: 泰州市 for 泰兴市 is
    another place."""
    if not own or min(len(name), len(own)) < 4 or not 1 <= abs(len(name) - len(own)) <= 2:
        return False
    short, long_ = sorted((name, own), key=len)
    if len(long_) - len(short) == 2:
        # two characters together, inside a long name (…东湖风景区分局 for …东湖生态风景区分局: 武汉市
        # 东湖生态风景区分局 2021, 第一百三十九批), not its kind at the end
        # (or apart: 巴彦淖尔市业和息化局 for 巴彦淖尔市工业和信息化局, 第二百五十三批 — an I001 error)
        return len(short) >= 8 and any(long_[:i] + long_[i + 1:j] + long_[j + 1:] == short
                                       for i in range(1, len(long_) - 2) for j in range(i + 1, len(long_) - 1)
                                       if j == i + 1 and i < len(long_) - 4 or j > i + 1)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
