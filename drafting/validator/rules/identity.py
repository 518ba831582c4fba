"""Identity: whose report this is, and which year it covers."""
from __future__ import annotations

import re

from ... import agencies
from ...numbers import DATE_RE, clause_bounds, normalise, split_sentences
from ..core import Context, rule

# Verbs that make the name before them the one doing the year's work.
_WORK_VERBS = (r"通过|认真|积极|坚持|严格|进一步|不断|切实|全面|持续|共|累计|主动|依法|扎实|高度重视|"
               r"围绕|紧扣|聚焦|始终|着力|大力|深入|全力|落实|加强|推进|完善|做好|及时|全年|本年|今年|"
               r"以|按照|结合|对照|把|将|在")


def _clause_starts(text: str):
    yield 0
    for m in re.finditer(r"[，。；：！？\n]", text):
        yield m.end()


def _own_names(ctx: Context) -> set[str]:
    meta = ctx.report.meta
    return {meta.agency, *meta.short_names}


@rule("I001", "other-agency", "error", "identity",
      "正文中开展本机关工作的主体是本机关，没有误贴其他机关或地区的名称", "科技局报告中写“兴庆区人社局通过多种形式……”")
def other_agency(ctx: Context):
    """Another agency or region named as the one doing this report's work, typically text pasted
    from another unit's report. A name is taken as the doer when it opens a clause and a work verb
    follows it (兴庆区人社局通过…); names in other positions (按照财政局要求) are not reported.
    """
    meta = ctx.report.meta
    own_dept = agencies.department_of(meta.agency)
    for s in meta.short_names:
        own_dept = own_dept or agencies.expand_short(s)
    own_region = meta.region or agencies.region_of(meta.agency)
    own_names = _own_names(ctx)
    is_gov = meta.level.value != "部门"
    pat = agencies.mention_re()
    for section, text in ctx.texts:
        seen: set[int] = set()
        for start in _clause_starts(text):
            lead = re.match(r"\s*(?:\d{4}\s*年度?\s*[，,]?\s*)?", text[start:])
            pos = start + (lead.end() if lead else 0)
            if pos in seen:
                continue
            seen.add(pos)
            m = pat.match(text, pos)
            if not m:
                continue
            after = text[m.end():m.end() + 6]
            if not re.match(rf"\s*(?:{_WORK_VERBS})", after):
                continue
            name = m.group()
            if name in own_names or any(name.endswith(n) for n in own_names if len(n) >= 3):
                continue
            region = m.group("region") or ""
            if m.group("dept"):
                d = agencies.expand_short(m.group("dept"))
                if is_gov:
                    # A 人民政府 report summarises its departments' work: only another region is wrong.
                    if region and not agencies.region_matches(region, own_region):
                        pass
                    else:
                        continue
                elif d == own_dept and agencies.region_matches(region, own_region):
                    continue
            else:
                if agencies.region_matches(region, own_region) and region:
                    continue
                if not region:
                    continue
            yield ctx.finding(
                f"「{name}」被写成开展本报告工作的主体，而本报告的机关是「{meta.agency}」，疑为误贴其他机关的文字。",
                section=section, quote=text[m.start():m.end() + len(after)].strip(),
                fix=f"改为「{meta.short_names[0] if meta.short_names else meta.agency}」或核实这段文字的来源。")


_FUTURE = r"将|拟|计划|要|准备|力争|继续|进一步"


@rule("I002", "plan-dated-report-year", "error", "identity",
      "下一年度的工作打算没有写成报告年度", "2019年度报告写“2019年，我局将……”")
def plan_dated_report_year(ctx: Context):
    """Plans for next year dated with the report year (copied from last year's report, or a slip)."""
    year = ctx.report.meta.year
    for section, text in ctx.texts:
        if section not in ("problems", "other"):
            continue
        for start, sentence in split_sentences(normalise(text)):
            m = re.match(rf"\s*(?:在|于)?\s*{year}\s*年?度?\s*[，,]?\s*(?:[我本][\u4e00-\u9fff]{{0,3}}?)?\s*(?:{_FUTURE})", sentence)
            if m:
                yield ctx.finding(
                    f"改进打算写成了报告年度「{year}」，应为下一年度（{year + 1}年）。",
                    section=section, quote=text[start:start + len(m.group()) + 8].strip(),
                    fix=f"改为「{year + 1}年」或「下一步」。")


@rule("I003", "date-outside-year", "warning", "identity",
      "「一、总体情况」中开展工作的日期在报告年度内", "2019年度报告写“2018年5月10日参加培训”")
def date_outside_year(ctx: Context):
    """Work of the year dated outside the report year: often left over from last year's report.
    Dates inside 《》 (document titles) are not work dates and are not reported.
    """
    year = ctx.report.meta.year
    for section, text in ctx.texts:
        if section not in ("overall",):
            continue
        norm = normalise(text)
        titles = [(m.start(), m.end()) for m in re.finditer(r"《[^》]*》|“[^”]*”", norm)]
        for m in DATE_RE.finditer(norm):
            if not m.group("m"):
                continue
            y = int(m.group("y"))
            if y == year or any(a <= m.start() < b for a, b in titles):
                continue
            lo, hi = clause_bounds(norm, m.start())
            if re.search(r"截至|截止|自|以来|起", norm[lo:m.start()]):
                continue
            yield ctx.finding(f"「{ctx.section_title('overall')}」中出现报告年度以外的日期「{text[m.start():m.end()]}」。",
                              section=section, quote=text[lo:hi].strip(),
                              fix=f"核实是否为{year}年的工作，或删去上年度的内容。")


@rule("I004", "statistics-period", "error", "identity",
      "统计期限的年份与报告年度一致", "2021年度报告写“统计期限自2020年1月1日起至2020年12月31日止”")
def statistics_period(ctx: Context):
    """The stated statistics period must be the report year (1月1日 to 12月31日)."""
    year = ctx.report.meta.year
    for section, text in ctx.texts:
        for start, sentence in split_sentences(normalise(text)):
            if not re.search(r"统计(?:期限|时间|时段|区间|周期|口径)", sentence):
                continue
            years = {int(m.group("y")) for m in DATE_RE.finditer(sentence) if m.group("m")}
            wrong = sorted(y for y in years if y != year)
            if wrong:
                yield ctx.finding(f"统计期限写的是{'、'.join(map(str, wrong))}年，报告年度为{year}年。",
                                  section=section, quote=text[start:start + len(sentence)].strip()[:80],
                                  fix=f"统计期限应为{year}年1月1日至{year}年12月31日。")
