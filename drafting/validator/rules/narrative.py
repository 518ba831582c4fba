"""Narrative vs data: numbers in the prose checked against the tables and against each other."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ...metrics import fmt
from ...numbers import Mention, clause_bounds, split_sentences
from ..core import Context, rule

APP_UNITS = {"件", "个", "条", "起", "宗", "份"}
CASE_UNITS = {"件", "个", "起", "宗", "次"}


@dataclass(frozen=True)
class Tied:
    section: str
    mention: Mention
    keys: tuple[str, ...]     # metrics the wording allows (any one may match)
    name: str                 # what the prose says it counts, in Chinese
    clause: str


_APP_RULES: tuple[tuple[str, str, tuple[str, ...], bool], ...] = (
    # (pattern in clause, Chinese name, metric keys, needs 申请 in clause)
    (r"自然人", "自然人申请数", ("t3.natural_person", "t3.natural_person_all"), False),
    (r"法人或其他组织|法人", "法人或其他组织申请数", ("t3.legal_person", "t3.legal_person_all"), False),
    (r"(?<!上年)(?<!上一年)(?<!上年度)结转(?:至|到)?(?:下一?个?年度?|次年|\d{4}\s*年)|转入下一?年|结转下年", "结转下年度继续办理数", ("t3.carry_forward",), False),
    (r"上一?年度?结转|结转上一?年", "上年结转申请数", ("t3.carried_over",), False),
    (r"部分公开", "部分公开数", ("t3.partial",), False),
    (r"不予公开", "不予公开数", ("t3.denied",), False),
    (r"无法提供", "无法提供数", ("t3.unable",), False),
    (r"不予处理", "不予处理数", ("t3.not_processed",), False),
    (r"予以公开|同意公开", "予以公开数", ("t3.granted",), False),
    (r"办结|办理完毕|答复|共办理|已办理|处理完毕", "办结申请数", ("t3.handled",), False),
    (r"收到|新收|受理|接收|接到|共有", "收到申请数", ("t3.received", "t3.received_all"), True),
)


def _sentence_of(text: str, pos: int) -> str:
    for start, s in split_sentences(text):
        if start <= pos < start + len(s):
            return s
    return text


def tie(ctx: Context) -> list[Tied]:
    """Tie each quantity in the prose to the metric its wording states, where it is clear."""
    out: list[Tied] = []
    for section, text in ctx.texts:
        for m in ctx.mentions.get(section, []):
            lo, hi = clause_bounds(text, m.start)
            clause = text[lo:hi]
            sentence = _sentence_of(text, m.start)
            if m.is_percent:
                if "办结率" in clause:
                    out.append(Tied(section, m, ("t3.completion_rate",), "办结率", clause))
                continue
            review = "复议" in clause
            litig = "诉讼" in clause or "起诉" in clause
            if review or litig:
                if m.unit not in CASE_UNITS or re.search(r"维持|纠正|尚未审结|未审结|其他结果|败诉|胜诉", clause):
                    continue
                if review and litig:
                    out.append(Tied(section, m, ("t4.cases_total",), "行政复议和行政诉讼案件数", clause))
                elif review:
                    out.append(Tied(section, m, ("t4.review_total",), "行政复议案件数", clause))
                else:
                    out.append(Tied(section, m, ("t4.litigation_total",), "行政诉讼案件数", clause))
                continue
            if m.unit not in APP_UNITS:
                continue
            in_clause = "申请" in clause
            if not in_clause and not ("申请" in sentence and not re.search("复议|诉讼", sentence)):
                continue
            for pattern, name, keys, need in _APP_RULES:
                if need and not in_clause:
                    continue
                if re.search(pattern, clause):
                    out.append(Tied(section, m, keys, name, clause))
                    break
    return out


def _accepted(ctx: Context, keys: tuple[str, ...]) -> list[Decimal]:
    return [v for v in (ctx.metric(k) for k in keys) if v is not None]


def _matches(value: Decimal, accepted: list[Decimal], percent: bool) -> bool:
    tol = Decimal("0.5") if percent else Decimal(0)
    return any(abs(value - a) <= tol for a in accepted)


@rule("N001", "breakdown-sum", "error", "narrative",
      "「共……其中……」的分项之和与总数一致", "共公开信息26条，其中文件9条、动态18条")
def breakdown_sum(ctx: Context):
    """A total followed by 其中… : the listed parts (same unit) must add up to the total.

    One part larger than the total is always wrong; two or more parts that do not add up to the
    total are reported too, since a breakdown that leaves items out should say 等 or 其他.
    """
    for section, text in ctx.texts:
        ms = ctx.mentions.get(section, [])
        for k in re.finditer(r"其中", text):
            pos = k.start()
            before = [m for m in ms if m.end <= pos and pos - m.end <= 12 and not m.is_percent]
            if not before:
                continue
            total = before[-1]
            gap = text[total.end:pos]
            if "。" in gap and not re.match(r"^[\s。]*$", gap):
                continue
            # Parts: clauses after 其中 up to 。 that name one quantity of the same unit.
            end = text.find("。", pos)
            end = len(text) if end < 0 else end
            seg_start = pos
            parts: list[Mention] = []
            seps = ""
            for cl in re.finditer(r"[^；，、;,]+([；，、;,]?)", text[pos:end]):
                c_lo, c_hi = pos + cl.start(), pos + cl.end()
                cms = [m for m in ms if c_lo <= m.start < c_hi]
                if not cms:
                    if parts:
                        break
                    continue
                if re.search(r"共|合计|累计|总计|办结|结转|另有|此外", cl.group()) and c_lo > seg_start:
                    break
                same = [m for m in cms if m.unit == total.unit]
                if len(same) != 1 or len(cms) != 1:
                    break
                parts.append(same[0])
                sep = cl.group(1)
                if not seps:
                    seps = sep
                # A list joined by 、 or ， ends at the first ； (a new statement begins).
                if sep in "；;" and seps not in "；;":
                    break
            if not parts:
                continue
            s = sum(p.value for p in parts)
            if s > total.value or (len(parts) >= 2 and s != total.value and not
                                   re.search(r"等|其他|其余", text[pos:end])):
                quote = text[total.start:parts[-1].end]
                yield ctx.finding(
                    f"总数为 {fmt(total.value)}{total.unit}，但「其中」所列分项之和为 {fmt(s)}{total.unit}。",
                    section=section, quote=quote, fix="核对总数与各分项，使分项之和等于总数。")


@rule("N002", "metric-restated", "error", "narrative",
      "同一数据在正文中多次出现时数值一致", "前文「收到申请12件」，后文「共收到申请15件」")
def metric_restated(ctx: Context):
    """One figure stated twice with different values; checked where the tables cannot settle it."""
    seen: dict[tuple[str, ...], Tied] = {}
    for t in tie(ctx):
        if _accepted(ctx, t.keys):
            continue       # the tables decide (N003)
        prev = seen.get(t.keys)
        if prev is None:
            seen[t.keys] = t
        elif prev.mention.value != t.mention.value:
            yield ctx.finding(
                f"正文两处的「{t.name}」不一致：「{prev.mention.text}」与「{t.mention.text}」。",
                section=t.section, quote=t.clause, fix="统一为与统计表一致的数值。")


@rule("N003", "contradicts-table", "error", "narrative",
      "正文中的申请数、办结数、结转数、复议诉讼数与表三、表四一致", "正文「共收到申请15件」，表三本年新收 12 件")
def contradicts_table(ctx: Context):
    """A count or rate in the prose that the tables contradict: received, carried over, handled,
    each outcome, carried forward, 行政复议 and 行政诉讼 totals, 办结率.
    """
    for t in tie(ctx):
        accepted = _accepted(ctx, t.keys)
        if not accepted or _matches(t.mention.value, accepted, t.mention.is_percent):
            continue
        table = "表四" if t.keys[0].startswith("t4") else "表三"
        shown = "或".join(dict.fromkeys(fmt(a) for a in accepted))
        unit = "%" if t.mention.is_percent else t.mention.unit
        yield ctx.finding(
            f"正文「{t.clause.strip()}」中的{t.name}为 {fmt(t.mention.value)}{unit}，{table}为 {shown}{unit}。",
            section=t.section, quote=t.mention.text, fix=f"以{table}为准修改正文，或核对{table}。")


_NEG = r"(?:没有|未曾|未(?!经)|无(?!法|正当|收取)|均未|从未)"
_NONE_CLAIMS = (
    (rf"{_NEG}[^，。；]{{0,6}}(?:收到|受理|接到|新收|接收)[^，。；]{{0,16}}申请|无依申请公开|申请[^，。；]{{0,8}}(?:为零|为0件)",
     ("t3.received",), "收到政府信息公开申请"),
    (rf"{_NEG}[^，。；]{{0,20}}行政复议|行政复议[^，。；]{{0,8}}(?:为零|为0|0件|0起)",
     ("t4.review_total",), "行政复议"),
    (rf"{_NEG}[^，。；]{{0,24}}行政诉讼|行政诉讼[^，。；]{{0,8}}(?:为零|为0|0件|0起)",
     ("t4.litigation_total",), "行政诉讼"),
)


@rule("N004", "none-claim", "error", "narrative",
      "「没有收到申请」「未发生行政复议、诉讼」等说法与表三、表四相符", "正文称“未发生行政复议”，表四行政复议总计 2")
def none_claim(ctx: Context):
    """A claim that something did not happen while the tables show cases."""
    for section, text in ctx.texts:
        for start, sentence in split_sentences(text):
            for pattern, keys, name in _NONE_CLAIMS:
                m = re.search(pattern, sentence)
                if not m:
                    continue
                lo, hi = clause_bounds(sentence, m.start())
                if re.search(r"[1-9]\d*\s*(?:件|起|宗)", sentence[lo:hi]):
                    continue
                vals = _accepted(ctx, keys)
                if vals and vals[0] > 0:
                    table = "表四" if keys[0].startswith("t4") else "表三"
                    yield ctx.finding(
                        f"正文称没有{name}，但{table}显示 {fmt(vals[0])} 件。",
                        section=section, quote=m.group(), fix=f"按{table}如实表述。")


@rule("N005", "all-maintained", "error", "narrative",
      "「均获维持」等说法与表四结果相符", "正文称“均获维持”，表四有结果纠正 1 件")
def all_maintained(ctx: Context):
    """"均获维持/全部胜诉" while 表四 shows 纠正, 其他结果 or 尚未审结."""
    if ctx.report.tables.get("review_litigation") is None:
        return
    for section, text in ctx.texts:
        for start, sentence in split_sentences(text):
            m = re.search(r"(?:均|全部|都|皆)(?:已|获|被|予以|得到)?(?:维持|胜诉)", sentence)
            if not m:
                continue
            groups = []
            if "复议" in sentence:
                groups.append("review")
            if "诉讼" in sentence or "起诉" in sentence:
                groups += ["litigation_direct", "litigation_after_review"]
            if not groups:
                groups = ["review", "litigation_direct", "litigation_after_review"]
            bad = []
            spec = ctx.template.tables["review_litigation"]
            for g in groups:
                for k in ("correct", "other", "pending"):
                    v = ctx.report.cell("review_litigation", "counts", f"{g}_{k}")
                    if v:
                        c = spec.column("counts", f"{g}_{k}")
                        bad.append(f"{c.group}{c.label} {v} 件")
            if bad:
                yield ctx.finding(f"正文称「{m.group()}」，但表四显示：{'、'.join(bad)}。",
                                  section=section, quote=m.group(), fix="按表四如实表述各类结果。")


@rule("N006", "unsupported-figure", "error", "narrative",
      "记录了工作情况的报告，正文中的数量都能在统计表或工作情况中找到出处",
      "工作情况中没有培训次数，正文写“组织培训8次”")
def unsupported_figure(ctx: Context):
    """A quantity in the prose that no table metric and no recorded figure supports.

    Numbers in a report must come from the data: the drafting engine fills them from the tables
    and the facts, so a figure with no source was typed by someone (or a model) from nowhere.
    Applied only when the report records its facts (工作情况): a report read from a published
    text has none to check against. Figures the tables contradict are N003's business.
    """
    facts = ctx.report.facts
    if not facts.figures and not facts.notes:
        return
    values = {m.value for m in ctx.metrics.values() if m.value is not None and m.unit != "%"}
    rates = [m.value for m in ctx.metrics.values() if m.value is not None and m.unit == "%"]
    tied = {(t.section, t.mention.start) for t in tie(ctx)}
    for section, text in ctx.texts:
        for m in ctx.mentions.get(section, []):
            if (section, m.start) in tied:
                continue
            if m.is_percent:
                if any(abs(m.value - r) <= Decimal("0.5") for r in rates):
                    continue
            elif m.value in values:
                continue
            lo, hi = clause_bounds(text, m.start)
            yield ctx.finding(
                f"正文「{text[lo:hi].strip()}」中的「{m.text}」在统计表和工作情况中都找不到出处。",
                section=section, quote=m.text,
                fix="在工作情况中补记这项数据（名称、数值、单位），或删去、改正该数字。")
