"""Structure: the six sections, their order and headings, the template version."""
from __future__ import annotations

import re
from functools import lru_cache

from ...formats import VERSIONS, all_section_titles, get_template, part_title_wordings, strip_part_number
from ..core import Context, Finding, rule

_SPACE = re.compile(r"\s+")


_NUMBER_MARKS = re.compile(r"^([一二三四五六七八九十])[，、．。]{2,}")


def _norm_heading(h: str) -> str:
    h = _SPACE.sub("", h)
    h = h.replace("(", "（").replace(")", "）").replace(",", "，").replace(".", "、")
    # (二,、主动公开政府信息情况: a stray mark between the number and its 、 — 天津东疆保税港区 2020, 第四百零二批)
    h = _NUMBER_MARKS.sub(r"\1、", h)
    # (…被申请行政复议、提起行政诉讼情况 is the variant …行政复议提起行政诉讼情况 with a 、: 抚远市海青镇 2025,
    # 第三百七十一批 — a 、 inside the words changes no wording)
    i = h.find("、") + 1
    return h[:i] + h[i:].replace("、", "")


@lru_cache(maxsize=None)
def _known_headings(version: str) -> dict[str, tuple[str, frozenset[str]]]:
    """Per section key: the template's title and the known variants (of both versions), each as
    _norm_heading gives it — made once, not for every report."""
    variants = all_section_titles()
    return {s.key: (_norm_heading(s.title), frozenset(_norm_heading(v) for v in variants.get(s.key, ())))
            for s in get_template(version).sections}


def _present(ctx: Context, spec) -> bool:
    """The section of ``spec`` (a SectionSpec of the report's template) is in the report."""
    if spec.key in ctx.report.sections:
        return True
    return spec.kind == "table" and ctx.report.tables.get(spec.table) is not None


@rule("S001", "section-missing", "error", "structure",
      "六个部分齐全", "报告缺少「四、政府信息公开行政复议、行政诉讼情况」")
def section_missing(ctx: Context):
    """Every section of the national template must be present (条例第五十条 lists the content).

    A report without section 四 hides whether the agency faced 行政复议 or 行政诉讼. A part whose
    content is there but printed without its heading (a published copy that lost it) is a warning:
    the part exists, its heading is what to check. A missing part names any part the report prints
    under its own number that the template does not have (「五、信息处理费收取情况」), where the
    missing part's content may be.
    """
    # a stray part's line begins with its number and 、: a text with neither has none (nearly all)
    strays = [ln.strip() for _, text in ctx.texts if _stray_start(text)
              for ln in text.split("\n") if _STRAY.fullmatch(ln.strip())]
    if strays:
        known = _known_titles()
        strays = [x for x in strays if _title_key(x) not in known]
    for s in ctx.template.sections:
        sec = ctx.report.sections.get(s.key)
        if sec is not None and sec.heading == "":
            first = next((ln for ln in sec.text.split("\n") if ln.strip()), "")
            yield Finding(code="S001", severity="warning", section=s.key, quote=first[:30] or None,
                          message=f"第{s.no}部分「{s.title}」没有标题" + (f"（内容从「{first[:30]}」起）" if first else "")
                          + "，疑为标题漏印或原件转换时丢失。", fix=f"在该部分前加上标题「{s.title}」。")
            continue
        if not _present(ctx, s):
            near = next((x for x in strays if x.startswith(s.no)), "") or _unread_heading(ctx, s)
            if near and _cut_heading(ctx, near, s.title):
                continue            # 「二、主动公开政府信」 where the copy ends: the heading cut, nothing to judge
            if near:
                # the part's number with words of its title: most likely the part under a heading
                # worded otherwise (五、政府信息公开存在的问题及改进措施), not a missing part
                f = ctx.finding(f"未识别出第{s.no}部分「{s.title}」的标题；正文中的「{near}」疑即该部分，"
                                "标题与模板不同，请核对。", section=s.key, quote=near,
                                fix=f"把该部分的标题改为「{s.title}」。")
                f.severity = "warning"
                yield f
                continue
            extra = ""
            if strays:
                extra = f"报告中另有「{'」「'.join(strays)}」，不是模板规定的部分。"
            yield ctx.finding(f"缺少第{s.no}部分「{s.title}」。{extra}", section=s.key,
                              quote="、".join(strays) or None,
                              fix=f"按模板补充「{s.title}」" + ("及其统计表" if s.kind == "table" else "") + "。")


def _cut_heading(ctx: Context, near: str, title: str) -> bool:
    """``near`` is the last line of the text and the start of the part's title: the copy ends
    inside the heading (阳新县自然资源和规划局 2022, 第一百三十九批)."""
    if len(near) < 4 or not _norm_heading(title).startswith(_norm_heading(near)):
        return False
    last = next((t for _, t in reversed(ctx.texts) if t.strip()), "")
    return last.rstrip().endswith(near)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _unread_heading(ctx: Context, s) -> str:
    """Words in the prose that open with the part's number (五、/五．/五.) and share pairs of
    characters with its title (two where a heading stands, else three): the part under a heading
    the reading did not know."""
    title = _bigrams(_title_key(s.title))
    for _, text in ctx.texts:
        for sep in "、.．":
            k = text.find(s.no + sep)
            while k >= 0:
                words = text[k:k + 2 + 24]
                cut = next((i for i, ch in enumerate(words) if ch in "。；：:\n（(" and i > 2), len(words))
                if k and text[k - 1] in ";；:：":
                    # an item of a list of the parts (报告主要包括:一、总体情况;二、…;五、存在的主要问题
                    # 及改进情况;六、…): the preamble naming the part, not its heading (枞阳县 2023,
                    # 第一百六十三批 — a missing part would be only warned of)
                    k = text.find(s.no + sep, k + 1)
                    continue
                # where a heading stands (a line's start, after 。) two pairs do, elsewhere three
                heading_place = k == 0 or text[k - 1] in "\n。 \u3000"
                if len(title & _bigrams(words[2:cut])) >= (2 if heading_place else 3):
                    return words[:cut].strip()
                k = text.find(s.no + sep, k + 1)
    return ""


_STRAY = re.compile(r"[一二三四五六七八九十][、.．][\u4e00-\u9fff（）()]{2,24}?(?:情况|事项|问题|措施)")
_STRAY_START = re.compile(r"[一二三四五六七八九十][、.．]")


def _stray_start(text: str) -> bool:
    """``bool(_STRAY_START.search(text))``, found back from each 、 . ．(str.find, in C): a search
    of the pattern tests every character of the text against its class."""
    for sep in "、.．":
        k = text.find(sep, 1)
        while k >= 0:
            if text[k - 1] in "一二三四五六七八九十":
                return True
            k = text.find(sep, k + 1)
    return False


def _title_key(title: str) -> str:
    """A title as compared: normalised, without its number."""
    return strip_part_number(_norm_heading(title))


@lru_cache(maxsize=1)
def _known_titles() -> frozenset[str]:
    """The compared form of every wording of a part's title the format data knows, made once."""
    return frozenset(map(_title_key, part_title_wordings()))


@rule("S002", "section-order", "error", "structure",
      "各部分按一至六的顺序排列", "「五、存在的主要问题及改进情况」排在「三、…」之前")
def section_order(ctx: Context):
    """Sections must follow the template's order 一 … 六; readers and checkers rely on it."""
    order = {k: i for i, k in enumerate(ctx.template.section_keys)}
    keys = [k for k in ctx.report.sections if k in order]
    last = -1
    for k in keys:
        if order[k] < last:
            yield ctx.finding(f"「{ctx.template.section(k).title}」的位置不符合模板顺序（应按一至六排列）。",
                              section=k, fix="按模板顺序调整各部分。")
        last = max(last, order[k])


def _headings(ctx: Context) -> list[tuple[str, str, str]]:
    """(section key, heading as written, heading as compared) of every section with a known
    heading, made once per validation for S003 and S004."""
    if not hasattr(ctx, "_headings"):
        known = _known_headings(ctx.template.version)
        ctx._headings = [(key, sec.heading, _norm_heading(sec.heading)) for key, sec in ctx.report.sections.items()
                         if sec.heading and key in known]
    return ctx._headings


@rule("S003", "heading-variant", "warning", "structure",
      "标题使用了已知的地方变体写法", "五、政府信息公开工作存在的主要问题及改进情况")
def heading_variant(ctx: Context):
    """A heading written in a known local variant (seen in real reports) instead of the template's."""
    known = _known_headings(ctx.template.version)
    for key, heading, h in _headings(ctx):
        if h == known[key][0]:
            continue
        if h in known[key][1]:
            title = ctx.template.section(key).title
            yield ctx.finding(f"标题「{heading}」是地方变体写法，模板标题为「{title}」。",
                              section=key, quote=heading, fix=f"改为「{title}」。")


@rule("S004", "heading-nonstandard", "warning", "structure",
      "标题与模板不一致", "四、复议诉讼情况")
def heading_nonstandard(ctx: Context):
    """A heading that is neither the template's title nor a known variant; a preamble announcing
    parts only the pre-2019 form had (收费及减免情况, 申诉), or a closed list of parts without the
    last one (…存在的主要问题及改进情况五部分组成: no 其他需要报告的事项)."""
    known = _known_headings(ctx.template.version)
    for key, heading, h in _headings(ctx):
        if h == known[key][0] or h in known[key][1]:
            continue
        title = ctx.template.section(key).title
        if not ctx.report.sections[key].text.strip() and len(h) >= 4 and known[key][0].startswith(h):
            continue        # 「二、主动公开政府信息情」 and nothing after it: the copy ends inside the heading
        yield ctx.finding(f"标题「{heading}」与模板标题「{title}」不一致。",
                          section=key, quote=heading, fix=f"改为「{title}」。")
    yield from _announced_parts(ctx)


# The preamble announcing the report's parts (本报告由概述、…、政府信息公开的收费及减免情况、…组成):
# parts only the form before 2019 had (fees and their waivers, 申诉) tell its text was carried over.
# (本报告根据…要求编制,由总体情况、…等六部分组成: the parts after the basis — 滨江区公安分局 2022;
# 本报告是根据…要求编制的,包括…等三方面 — 长春市迎宾街道 2025, 第四百四十批)
# (…其他需要报告的事项七个部分组成,现将主要情况报告如下: 大田县梅山镇 2025, 第三百八十一批)
# (本年报根据《条例》…编制,由概述、…七部分组成: 年报 for 报告 — 泉州开发区社会事业局 2020, 第三百七十九批)
# (报告分总体情况、…六部分: 分 with the parts' count after the list — 鄂伦春自治旗 2020, 第三百二十二批)
# (…编制报告。\n内容包括总体情况、…五个方面。: a sentence opening with 内容, the report's — 忻州市生态环境局
# 2020, 第二百八十四批; …规定要求组织编制,主要内容包括:… — a clause, 宁化县文体和旅游局 2024, 第三百零八批)
# (本报告内容涵盖总体情况、…以及其他需要报告的事项等方面 — no count, but the form's last part named: 蛟河市河南
# 街道 2024, 第四百六十批; the last part's name is the form's, read from its data)
_LAST_PART = "|".join(sorted({re.escape(get_template(v).sections[-1].title.split("、", 1)[-1]) for v in VERSIONS}))
# (本文包括总体情况、…、存在的主要问题及改进情况等六部分: 本文 for 本报告 — 长寿区卫健委 2020, 第四百八十七批)
_ANNOUNCED_PARTS = re.compile(r"(?:本(?:年度)?(?:报告|年报)[^。；]{0,60}?编制[，,](?=由)|本(?:年度)?报告是[^。；]{0,60}?编制的[，,](?=包括)|本(?:年度)?报告|本文|全文|报告(?:全文|内容)?|年报|(?<![^。\n，,])(?=(?:主要)?内容))(?:主要)?(?:内容)?(?:由|包括|包含|涵盖(?=[^。；]{8,220}?(?:[一二三四五六七八九十\d]个?大?(?:部分|板块)|" + _LAST_PART + r"))|分为|共分为|分(?=[^。；]{8,220}?[一二三四五六七八九十\d]个?部分))[：:]?"
                              r"(?P<l>[^。；]{8,220}?)(?:等|以及)?(?:[一二三四五六七八九十\d]+个?(?:大)?(?:部分|方面|项内容|板块))?(?:组成|构成)?"
                              r"(?=[。；]|[，,]?\s*(?:本报告|报告中|所列)|(?<=组成)[，,]\s*(?:现将|本年报))")
_OLD_PARTS = re.compile(r"收费|费用|减免|申诉|回应解读|投诉")   # (回应解读、…投诉: 山东 before 2019 — 寿光市 2020)


def _announced_parts(ctx: Context):
    # (a copy headed 「总体情况」 above its preamble, 兴化市昌荣镇 2025, or 「一、概述」 over it, 疏勒县
    # 2020 — 第一百二十三、一百二十五批: the preamble's sentences open part 一; or the paragraph under
    # 一's heading, 黄石市住建局 2020, 第三百六十七批)
    for pre, where in ((ctx.report.preamble or "", "preamble"),
                       ("\n".join(ctx.report.section_text("overall").split("\n", 2)[:2]), "overall")):
        found = next(_parts_announced(ctx, pre, where), None)
        if found is not None:
            yield found
            return


def _parts_announced(ctx: Context, pre: str, where: str):
    if "部分" not in pre and "组成" not in pre and "方面" not in pre and "全文" not in pre and "包括" not in pre \
            and "板块" not in pre:
        return          # (…政府信息公开收费及减免的情况,…等方面: 绥宁县 2019)
    for m in _ANNOUNCED_PARTS.finditer(pre):
        listed = m.group("l")
        items = [x for x in _PART_SEP.split(listed) if x.strip()]
        parts_like = len(items) >= 4 and sum(bool(_PART_WORD.search(x)) for x in items) >= 3
        first = ctx.template.sections[0].title.split("、", 1)[-1]         # 总体情况
        if len(items) >= 4 and any(x.startswith("主动公开") for x in items) and \
                not any(first[:2] in x or "复议" in x or "诉讼" in x for x in items) and \
                sum(bool(_OVERALL_ITEM.search(x)) for x in items) >= (1 if parts_like else 2):
            # 本报告包括主动公开情况、依申请公开情况、平台建设管理情况、存在的主要问题、改进情况等 (萧山区城厢街道
            # 2022, 第一百二十六批; 广河县 2024, 郧阳区城关镇 2020): the items of 一 named as the report's parts
            yield ctx.finding(f"导语所列报告的组成部分是「{first}」之下的几个方面（如平台建设、监督保障），"
                              "不是模板的六个部分。", section=where, quote=listed,
                              fix="按模板的六个部分改写导语中对报告组成的说明。")
            return
        counted = _PART_COUNT.match(pre, m.end("l"))      # (…等三方面, …六部分组成: the parts counted)
        if where == "preamble" and counted is not None and \
                2 <= len(items) == _count_value(counted.group("n")) < len(ctx.template.sections) and \
                not any(w in listed for w in _ANY_PART_WORDS) and \
                all(_SUMMARY_ITEM.search(x) for x in items):
            # 包括2025年政务公开工作完成情况及成效、工作中存在的困难和问题、2026年工作思路等三方面 (长春市迎宾
            # 街道 2025, 第四百四十批): a year-end work summary's outline, none of the form's parts named
            yield ctx.finding(f"导语称报告由{counted.group('n')}个方面组成，所列是工作总结的提纲，"
                              "不是模板的六个部分。", section=where, quote=listed,
                              fix="按模板的六个部分改写导语中对报告组成的说明。")
            return
        if not parts_like and not (len(items) >= 3 and "减免" in listed and "依申请公开" in listed
                                   and any(x.strip().startswith("主动公开") for x in items)):
            # (…主动公开、依申请公开(含不予公开、收费及减免)、行政复议、行政诉讼等…: the old form's parts
            # named bare — 西城区发改委 2021, 第三百八十三批)
            continue    # a list of parts names them (…情况, …措施), not 政策文件、收费标准…等栏目
        old = list(dict.fromkeys(_OLD_PARTS.findall(listed)))
        # (…存在的主要问题及改进情况概述: part 五 summed up, not the old part — 拱墅区 2023, 第二百三十六批)
        if any(x.strip().endswith("概述") and first[:2] not in x and "问题" not in x and "改进" not in x
               for x in items) and any(first in x for x in items):
            old.append("概述")     # 由概述、总体情况、主动公开…组成 (疏勒县 2020, 第一百二十五批): the old part 一 kept
        if old:
            yield ctx.finding(f"导语所列报告的组成部分含有旧版格式的「{'」「'.join(old)}」部分，与现行模板的六个部分不同，"
                              "疑为沿用了旧版报告的文字。", section=where, quote=listed,
                              fix="按模板的六个部分改写导语中对报告组成的说明。")
            return
        # (…主动公开政府信息情况、主动公开政府信息的情况、…等六个部分组成: one part named twice, the second
        # time with 的 — 武汉市东西湖区司法局 2019, 第四百批)
        folded = [x.strip().replace("的", "") for x in items]
        twice = next((items[k].strip() for k in range(1, len(items)) if len(folded[k]) >= 4 and folded[k] in folded[:k]), None)
        if parts_like and twice is not None:
            yield ctx.finding(f"导语所列报告的组成部分把「{twice}」列了两次，与模板的六个部分不符。", section=where,
                              quote=listed, fix="删去重复的部分，按模板的六个部分改写导语中对报告组成的说明。")
            return
        last = ctx.template.sections[-1].title.split("、", 1)[-1]          # 其他需要报告的事项
        # (…等六部分组成 counts its parts, a closed list; …等内容, 等方面 leaves it open: `counted` above)
        closed = not _OPEN_LIST.search(listed) and (counted is not None or not _LEAD_ETC.match(pre, m.end("l")))
        # (其进他需要报告的事项, a misprint of the part's name: 东风路街道 2024 — named all the same)
        # (…、收到和处理政府信息公开申请情况等六个部分组成: an open list counting the form's six — 安化县 2022,
        # 第一百六十三批; it names some, the count says all six are there)
        # (five named and 等六个部分 still leaves the last part out: 萧山区北干街道 2021, keyed so)
        six_etc = counted is not None and pre[m.end("l"):m.end("l") + 1] == "等" and \
            _count_value(counted.group("n")) == len(ctx.template.sections) and \
            len(items) < len(ctx.template.sections) - 1
        if closed and parts_like and not six_etc and not any(last[:2] in x or last[2:6] in x for x in items):
            # 由总体情况、主动公开…、存在的主要问题及改进情况五部分组成 (全州县 2022, 东莞市应急局 2019,
            # 水江镇 2024 …): the list stops short of the last part
            yield ctx.finding(f"导语所列报告的组成部分没有「{last}」，与模板的六个部分不符。", section=where,
                              quote=listed, fix=f"在导语的组成部分中补上「{last}」。")
            return
        has_first = any(first[:2] in x or x.strip().endswith("概述") for x in items)
        has_last = any(last[:2] in x or last[2:6] in x for x in items)
        # (every item one of the other five: 基本情况、主动公开… names part 一 in words of its own — 驻马店
        # 开发区 2020, 柳北区教育局 2025)
        if counted is not None and not has_first and has_last and \
                all(any(w in listed for w in _MIDDLE_PARTS[t.key]) for t in ctx.template.sections[1:-1]) and \
                all(len(x.strip()) <= 3 or last[:2] in x or last[2:6] in x
                    or any(w in x for ws in _MIDDLE_PARTS.values() for w in ws) for x in items):
            # 主要由主动公开…、收到和处理…、…和其他需要报告的事项等六部分组成 (柞水县凤凰镇 2021, 第二百二十三批):
            # the other five named, part 一 left out
            yield ctx.finding(f"导语所列报告的组成部分没有「{first}」，与模板的六个部分不符。", section=where,
                              quote=listed, fix=f"在导语的组成部分中补上「{first}」。")
            return
        if counted is not None and has_first and has_last and \
                _count_value(counted.group("n")) < len(ctx.template.sections) and \
                all(any(w in listed for w in _MIDDLE_PARTS[t.key]) for t in ctx.template.sections[1:-1]):
            # 由概述、主动公开…、…、其他需要报告的事项等五个部分组成 (朝天区朝天镇 2019, 第一百三十二批): all six
            # named, a smaller count stated
            yield ctx.finding(f"导语称报告由{counted.group('n')}个部分组成，所列却是模板的"
                              f"{'一二三四五六七八九十'[len(ctx.template.sections) - 1]}个部分，数目不符。", section=where, quote=listed,
                              fix="改正导语中报告组成部分的数目。")
            return
        if counted is not None and has_first and has_last and parts_like and \
                _count_value(counted.group("n")) > len(ctx.template.sections) and \
                all(any(w in listed for w in _MIDDLE_PARTS[t.key]) for t in ctx.template.sections[1:-1]) and \
                (extra := [x.strip() for x in items if len(x.strip()) >= 4 and not _names_a_part(x, first, last)
                           and not x.strip().endswith("收到")]):
            # (行政机关收到: 行政机关收到和处理…申请情况 cut at its 和 — 长兴县 2020)
            # …存在的主要问题及改进情况、2022年工作思路、其他需要报告的事项等七个部分组成 (路桥区螺洋街道 2021,
            # 第一百三十八批): a part of its own among the form's six (not 7个部分 for the six, 复议、诉讼
            # counted as two: 和平县合水镇 2024)
            yield ctx.finding(f"导语称报告由{counted.group('n')}个部分组成，其中「{'」「'.join(extra)}」"
                              f"不是模板规定的部分。",
                              section=where, quote=listed,
                              fix="按模板的六个部分改写导语中对报告组成的说明，自拟的内容并入相应部分。")
            return
        if counted is not None and has_first and has_last and parts_like and \
                _count_value(counted.group("n")) > len(ctx.template.sections) and \
                all(any(w in listed for w in _MIDDLE_PARTS[t.key]) for t in ctx.template.sections[1:-1]):
            # …政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况及其他需要报告的事项等七个部分 (北岙街道
            # 2021, 第四百一十六批; 海沧区 2019, 长兴县 2020): the six named, a larger count — 复议 and 诉讼 counted
            # as two, or a slip; the keys warn (和平县合水镇 2024's notes it only)
            yield ctx.finding(f"导语称报告由{counted.group('n')}个部分组成，所列却是模板的"
                              f"{'一二三四五六七八九十'[len(ctx.template.sections) - 1]}个部分"
                              "（行政复议、行政诉讼是同一部分），数目不符。", section=where, quote=listed,
                              fix="改正导语中报告组成部分的数目。")
            return
        if closed and parts_like and not has_first and \
                (counted is not None and _count_value(counted.group("n")) < len(ctx.template.sections) or
                 counted is None and has_last and
                 all(any(w in listed for w in _MIDDLE_PARTS[t.key]) for t in ctx.template.sections[1:-1]) and
                 all(len(x.strip()) <= 3 or last[:2] in x or last[2:6] in x
                     or any(w in x for ws in _MIDDLE_PARTS.values() for w in ws) for x in items)):
            # 由主动公开…情况、…、其他需要报告的事项五个部分组成 (安居区住建局 2024, 第一百一十六批): the
            # list names its count and leaves out the first part; 报告内容包括主动公开政府信息情况,…和其他需要
            # 报告的事项 (黄石市住建局 2020, 第三百六十七批): the other five, from the second to the last, no 等
            yield ctx.finding(f"导语所列报告的组成部分没有「{first}」，与模板的六个部分不符。", section=where,
                              quote=listed, fix=f"在导语的组成部分中补上「{first}」。")
            return
        if any(first[:2] in x for x in items) and any(last[:2] in x or last[2:6] in x for x in items):
            # a list from the first part to the last names the whole report, 等内容 or not: parts of
            # the form it leaves out were put in words of its own (…总体情况、制度建设情况、工作开展
            # 情况、…行政诉讼情况、…、其他需要报告的事项等内容: 吴川市海滨街道 2024, 第一百二十一批)
            missing = [t.title.split("、", 1)[-1] for t in ctx.template.sections[1:-1]
                       if not any(w in listed for w in _MIDDLE_PARTS[t.key])
                       and not (t.key == "active_disclosure" and any(_LOOSE_ACTIVE.search(x) for x in items))]
            if missing:
                yield ctx.finding(f"导语所列报告的组成部分没有「{'」「'.join(missing)}」，与模板的六个部分不符。",
                                  section=where, quote=listed,
                                  fix="按模板的六个部分改写导语中对报告组成的说明。")
                return


def _names_a_part(item: str, first: str, last: str) -> bool:
    """A preamble's list item names a part of the form (by the words _parts_announced reads)."""
    return first[:2] in item or item.strip().endswith("概述") or last[:2] in item or last[2:6] in item or \
        any(w in item for ws in _MIDDLE_PARTS.values() for w in ws)


# the items of 一、总体情况 (平台建设, 政府信息管理, 监督保障) that are no parts of the report
_OVERALL_ITEM = re.compile(r"平台建设|信息管理|监督保障")
# what names each middle part of the form in a preamble's list (主动公开…情况, 收到和处理…申请情况 or
# 依申请公开…, 行政复议、行政诉讼情况, 存在的主要问题及改进情况)
_MIDDLE_PARTS = {"active_disclosure": ("主动公开",), "applications": ("申请", "收到和处理"),
                 "review_litigation": ("复议", "诉讼"), "problems": ("问题", "改进")}
# (收到和处理政府信息公开情况, 申请 left out: 鄂温克族自治旗 2025, 第一百八十五批 — the part named all the same)
# (公开政府信息情况 for 主动公开政府信息情况, 主动 left out: 两英镇 2021 — the part named all the same)
_LOOSE_ACTIVE = re.compile(r"^(?!.*申请).*公开政府信息")
# (…依申请公开情况和存在的问题及改进措施: 和 before the part of problems — 浦口区政府办 2024)
_PART_SEP = re.compile(r"[、，,；;]|以及|和(?=[\u4e00-\u9fff]{2,}情况|存在)")
# a part's name (…情况, …问题及改进措施, 概述); a list left open (…等内容, 等方面, 等部分) claims no completeness
_PART_WORD = re.compile(r"情况|问题|措施|概述")
# (…存在问题和改进措施等,内容涵盖…: 泃阳西大街街道 2019 — the list ends at its 等)
# (全文包括总体情况、…申请情况等内容,有关情况及数据统计期限为…: 等内容 and a comma, the list read on past
# it — 永泰县政府办 2024, 第五百批)
_OPEN_LIST = re.compile(r"等[^、，,；;]{0,6}$|等(?:内容|方面|部分|事项)?[，,]")
_LEAD_ETC = re.compile(r"\s*等")
# words any of the form's six parts is named by (old wordings too): a list naming none is not the form's
_ANY_PART_WORDS = ("总体", "概况", "概述", "主动公开", "申请", "复议", "诉讼", "其他需要", "收费")
# an item of a work summary's outline (完成情况及成效, 存在的困难和问题, 工作思路, 下一步打算)
_SUMMARY_ITEM = re.compile(r"情况|成效|问题|困难|不足|思路|打算|计划|举措|措施")
# (…现存问题与改进举措等五项内容: 大冶市 2025, 第三百七十五批)
# (…等五大板块: 东安县大盛镇 2025, 第四百零五批)
_PART_COUNT = re.compile(r"\s*(?:等|共)?\s*(?P<n>[一二三四五六七八九十]|\d)个?(?:大)?(?:部分|方面|项内容|板块)")


def _count_value(n: str) -> int:
    return int(n) if n.isdigit() else "一二三四五六七八九十".index(n) + 1


@rule("S005", "template-year", "error", "structure",
      "模板版本与报告年度相符（2019—2020年用2019版，2021年起用2021版）", "2022年度报告使用2019版表格")
def template_year(ctx: Context):
    """The 2019 试行 template applies to report years 2019–2020, the 2021 template from 2021 on.

    Checked on the report's template and, for a published report, on the form each table is
    printed on (ingest records a table whose labels are the other template's: 表二 with 本年新制作数量
    and 政府集中采购, 表三 whose （六）其他处理 is one row), so a 2021 report filled in on the 2019
    tables, or on a mix of both, is found.
    """
    meta = ctx.report.meta
    due = meta.derived_template
    doc = get_template(due).document_no          # (the notice of that form, from the format data)
    printed = [p for p in ctx.report.problems if p.code == "S005" and p.table and _still_on_form(ctx, p)]
    if printed:
        first = printed[0]
        what = "；".join(p.message.rstrip("。") for p in printed)
        yield ctx.finding(f"{what}。", section=first.table, table=first.table, row=first.row,
                          cell=ctx.template.tables[first.table].name,
                          fix=f"按{due}版格式（{doc}）重新填报统计表。")
        return
    if meta.template and meta.template != due:
        yield ctx.finding(
            f"{meta.year}年度报告应使用{due}版模板，当前为{meta.template}版。",
            fix=f"改用{due}版模板（{doc}）。")


def _still_on_form(ctx: Context, p) -> bool:
    """A table recorded as printed on the other form is still so while the report keeps that form,
    or while the rows only the year's form has are unfilled."""
    form = p.candidates[0] if p.candidates else None
    if form is None or form == ctx.report.meta.derived_template:
        return False
    if ctx.report.meta.template_version == form:
        return True
    table = ctx.report.tables.get(p.table) or {}
    gaps = [k for k in p.candidates[1:] if ctx.template.tables[p.table].has_row(k)]
    return any(all(v is None for v in (table.get(k) or {}).values()) for k in gaps)


@rule("S006", "table-missing", "error", "structure",
      "第二、三、四部分附有统计表", "「三、收到和处理政府信息公开申请情况」只有标题没有表格")
def table_missing(ctx: Context):
    """A table section that is present but carries no table (the missing section is S001). A table
    printed but not readable is P002's (ingest records it), not a missing one."""
    unread = {p.table for p in ctx.report.problems if p.code == "P002" and p.row is None}
    for s in ctx.template.sections:
        if s.kind != "table" or s.key not in ctx.report.sections:
            continue
        if ctx.report.tables.get(s.table) is None and s.table not in unread:
            spec = ctx.template.tables[s.table]
            yield ctx.finding(f"「{s.title}」缺少{spec.name}「{spec.title}」。", section=s.key,
                              fix="按模板填报该表。")


@rule("S007", "section-empty", "error", "structure",
      "文字部分（一、五、六）有内容", "「六、其他需要报告的事项」下没有任何文字")
def section_empty(ctx: Context):
    """A narrative section that is present but empty tells the reader nothing."""
    for s in ctx.template.sections:
        if s.kind != "text" or s.key not in ctx.report.sections:
            continue
        if not ctx.report.sections[s.key].text.strip():
            yield ctx.finding(f"「{s.title}」没有内容。", section=s.key, fix="补充该部分内容。")


# Words that show a part is covered, in the order of the 2021 template's five parts of 一、总体情况
# (the part names themselves are read from the format data).
# (plain words joined by |, no other regex syntax)
_PART_WORDS = (
    r"主动公开|对外公开|公开政务信息|公开政府信息|发布政府信息|发布政务信息",
    r"依申请|申请公开|公开申请",
    r"信息管理|信息的统筹管理|信息的管理|审核|审查|三审|公文公开属性|清理",
    r"平台|网站|政务新媒体|公开专栏",
    r"监督|保障|考核|培训|评议",
)


@lru_cache(maxsize=None)
def _overall_parts() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(part name, its words): the words are plain, so each is looked for by ``in`` (a substring
    search skips ahead in C; a regex of several words tests every character)."""
    names = [re.sub(r"^（[一二三四五六七八九十]+）", "", x) for x in get_template("2021").section("overall").subsections]
    return tuple(zip(names, (tuple(w.split("|")) for w in _PART_WORDS)))


# (a zone named without its 管委会 is the same body: 葫芦岛高新技术产业开发区 2024, 第一百二十九批)
_ZONE_COMMITTEE = re.compile(r"(?:管理委员会|管委会|开发区|产业园区|工业园区|园区)$")


@rule("S008", "overall-parts", "warning", "structure",
      "（2021版）「一、总体情况」涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障五方面", "总体情况只写了主动公开")
def overall_parts(ctx: Context):
    """The 2021 template asks 一、总体情况 to cover five parts (各级人民政府 also 工作考核、社会评议和责任追究)."""
    text = ctx.report.section_text("overall")
    if not text.strip() or ctx.template.version != "2021":
        return                  # (the 2019 form names no parts of 一: its reports are not held to them)
    for name, words in _overall_parts():
        if not any(w in text for w in words):
            yield ctx.finding(f"「{ctx.section_title('overall')}」未涉及「{name}」方面的内容。", section="overall",
                              fix=f"补充{name}方面的工作情况。")
    # (条例第五十条第四项 asks it of 各级人民政府: a zone's 管委会, a government's agent, is not one —
    # 解放碑中央商务区管委会 2024, 第一百一十八批; 开发区/园区 管委会 in earlier batches)
    if ctx.report.meta.level.value == "人民政府" and ctx.template.version == "2021" and \
            not _ZONE_COMMITTEE.search(ctx.report.meta.agency or ""):
        for name in ("工作考核", "社会评议", "责任追究"):
            if name not in text:
                yield ctx.finding(f"人民政府的年度报告应在监督保障中报告「{name}」结果情况（条例第五十条第四项）。",
                                  section="overall", fix=f"补充{name}结果情况。")
