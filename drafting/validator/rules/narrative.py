"""Narrative vs data: figures in the prose, read as claims (drafting.claims), against the tables
and against each other. Errors only where the claim, its tie and the arithmetic are certain; what
is plausible but uncertain is a warning that says what to check."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from ...claims.lexicon import SCOPE_RE, YEAR_RE, about_applications
from ...claims.read import CARRIED_PART, CATCH_ALL, CHANNEL_PART, DOCUMENT_UNITS
from ...claims.text import clause_bounds
from ...formats import get_template
from ...metrics import fmt, rows_of
from ...readings import MORE_READINGS, is_reading_note, row_readings
from ...scan import needles, search
from ..core import Context, rule

# ｛a referent that is adjacent to its list｝: only separators and a few words between total and marker
_COMMA_ONLY = re.compile(r"^[\s，,]*$")
# (…8775条(…),在已公开信息当中…: 民治街道 2025)
_ADJACENT = re.compile(r"^[\s，,、：:；;（(]*(?:在已?公开的?(?=信息))?(?:信息|条目|文件|内容)?中?[\s，,、：:；;（(]*$")
_ASIDE = re.compile(r"[（(][^（()）]*[)）]")
_SENTENCE_STOP = re.compile(r"[。！？!?\n]")
# 共公开信息162条。其中，…: a 其中 opening the sentence right after the one its total closes. Only
# parts that exceed the total are certain there: a new sentence may list something narrower
# (发布信息160条。其中政策文件13条、工作动态4条…: 13's own breakdown, perhaps), so a shortfall is not.
_SENTENCE_END = re.compile(r"^\s*。\s*$")
_BRACKET_AFTER = re.compile(r"\s*[（(]\s*(?:其中|包括|含)")
# (the rest of the total's sentence may come between: 32条,全文电子化率达100%。主动公开政府信息的类别主要
# 包括:… — 诏安县四都镇 2022, 第二百九十八批)
_KINDS_BACK = re.compile(r"^[^。；;\n]*。\s*[\u4e00-\u9fff]{0,14}?的?(?:主要)?(?:类别|类型)(?:主要)?\s*$")


def _accepted(ctx: Context, keys: tuple[str, ...]) -> list[Decimal]:
    return [v for v in (ctx.metric(k) for k in keys) if v is not None]


_TABLE_OF = {"t2": "active_disclosure", "t3": "applications", "t4": "review_litigation"}


def _broken_tables(ctx: Context) -> set[str]:
    """Tables whose own error-level relations fail (computed once per validation; relations
    across years do not count)."""
    if not hasattr(ctx, "_broken"):
        ctx._broken = {o.instance.relation.table for os in ctx.broken.values() for o in os
                       if o.instance.relation.severity == "error" and not o.instance.relation.previous}
    return ctx._broken


_BROKEN = "统计表本身的勾稽关系不成立"


def _table_doubt(ctx: Context, keys: tuple[str, ...], value: Decimal | None = None,
                 tol: Decimal = Decimal(0)) -> str:
    """Why the table's figure itself is not certain: cells ingest could not read, or the table
    breaks its own arithmetic (then which of its figures is right is open). ``value``: the prose's
    figure, when it is compared with the metric — a row filled from the one reading of its
    run-together digits that the form's arithmetic leaves is in doubt only if some other reading
    of the digits would give that figure."""
    for k in keys:
        t = _TABLE_OF.get(k.split(".")[0])
        # a doubt on the rows the figure is made of (or on the whole table), not on other rows:
        # 表三's 无法提供 read as printed is certain though its 一 was read from run-together digits
        rows = rows_of(ctx.report.meta.template_version, k)
        on = [p for p in ctx.report.problems
              if p.code != "P003" and p.table == t and (rows is None or p.row is None or p.row in rows)]
        if t and on:
            if value is None or not all(map(is_reading_note, on)) or _readings_give(ctx, k, t, on, value, tol):
                return "统计表有读不出的单元格"
        if t and t in _broken_tables(ctx):
            return _BROKEN
    return ""


_MAX_COMBINATIONS = 256


def _readings_give(ctx: Context, key: str, table: str, notes: list, value: Decimal, tol: Decimal) -> bool:
    """Whether some reading of the run-together rows in ``notes`` gives ``key`` the value ``value``
    (True too when the readings are not all known, or too many to try)."""
    from itertools import product

    from ...metrics import Metrics
    spec = ctx.template.tables[table]
    rows, choices = [], []
    for p in {p.row: p for p in notes}.values():
        if p.candidates[-1] == MORE_READINGS:
            return True                 # not every reading was kept
        cols = [c.key for c in spec.row(p.row).columns]
        current = tuple(ctx.report.cell(table, p.row, c) for c in cols)
        readings = row_readings(ctx.report.problems, table, p.row, current)
        if readings is None:
            return True
        rows.append((p.row, cols))
        choices.append(readings)
    n = 1
    for c in choices:
        n *= len(c)
    if n > _MAX_COMBINATIONS:
        return True
    for combo in product(*choices):
        tables = dict(ctx.report.tables)
        t = dict(tables[table])
        for (row, cols), vals in zip(rows, combo):
            t[row] = dict(zip(cols, vals))
        tables[table] = t
        got = Metrics(ctx.report.model_copy(update={"tables": tables})).get(key)
        if got is not None and got.value is not None and abs(got.value - value) <= tol:
            return True
    return False


# The applicant split of 表三 (自然人 / 法人或其他组织 in 一, or in 一 and 二): the rows each such
# metric adds, its columns being 自然人 or the 法人 group.
_SPLIT_ROWS = {"t3.natural_person": ("new_received",), "t3.legal_person": ("new_received",),
               "t3.natural_person_all": ("new_received", "carried_over"),
               "t3.legal_person_all": ("new_received", "carried_over")}


def _broken_could_give(ctx: Context, key: str, value: Decimal) -> bool:
    """Whether 表三's broken relations leave the prose's figure for an applicant split possible:
    some broken relation over the split's cells, put right by changing those cells alone, would
    make them add up to ``value``. Not so (其中法人申请1件、自然人申请2件 while 一 reads 自然人 3,
    法人 0, 总计 0): whichever cell the broken row total has wrong, the prose contradicts the
    split the table prints. Other metrics are left as doubtful as before."""
    from ...metrics import _org_cols
    rows = _SPLIT_ROWS.get(key)
    m = ctx.metric(key)
    if rows is None or m is None:
        return True
    cols = ("natural_person",) if key.startswith("t3.natural") else _org_cols(ctx.report)
    cells = {(r, c) for r in rows for c in cols}
    for os in ctx.broken.values():
        for o in os:
            rel = o.instance.relation
            if rel.table != "applications" or rel.previous or rel.severity != "error":
                continue
            on_l = [t for t in o.instance.lhs if (t.row, t.col) in cells]
            on_r = [t for t in o.instance.rhs if (t.row, t.col) in cells]
            if not on_l and not on_r:
                continue
            if rel.op != "=" or (on_l and on_r) or any(t.sign != 1 or t.prev for t in on_l + on_r):
                return True
            if m + (o.right - o.left if on_l else o.left - o.right) == value:
                return True
    return False


_GOV_SCOPE = re.compile(r"政府|本级|全区|全县|全市|全省|全镇|全乡|各部门|各单位")


def _scope_doubt(ctx: Context, sentence: str) -> str:
    """A 人民政府's report describes either the government itself (本级, 政府办代表区政府…) or its
    whole area, and its tables may count the other: a figure in such a sentence is not certain."""
    if ctx.report.meta.level.value == "人民政府" and _GOV_SCOPE.search(sentence):
        return "人民政府的报告中，正文所说的范围（本级或全辖区）可能与统计表不同"
    return ""


_RECEIVED_TOTAL = re.compile(r"收到|受理|新收")
_OUTCOME_ROWS = ("granted", "denied", "unable", "not_processed", "other_handling")


@lru_cache(maxsize=None)
def _outcome_names(version: str) -> tuple[str, ...]:
    """表三's outcome groups as the form names them (（一）予以公开 → 予以公开)."""
    spec = get_template(version).tables["applications"]
    return tuple(re.sub(r"^[（(][一二三四五六七八九十]+[)）]", "", spec.row(k).label) for k in _OUTCOME_ROWS)


@lru_cache(maxsize=None)
def _outcome_words(version: str) -> tuple[str, ...]:
    """Every outcome of 表三 as the form names it, its groups and their rows, numbering and notes
    dropped (（二）部分公开（区分处理的…） → 部分公开, 1.本机关不掌握相关政府信息 → 本机关不掌握相关政府信息):
    a list of outcomes names rows too (…本机关不掌握相关政府信息15件，没有现成信息需要另行制作4件，
    …结转下年度继续办理1件: 辽宁省生态环境厅 2020, 第八十四批)."""
    spec = get_template(version).tables["applications"]
    groups = set(_OUTCOME_ROWS) | {"partial"}
    rows = [r for r in spec.rows if r.key in groups or r.parent in groups]
    out = []
    for r in rows:
        name = re.sub(r"^(?:[（(][一二三四五六七八九十]+[)）]|\d+[.．、])", "", r.label)
        name = re.sub(r"[（(][^）)]*[)）]$", "", name)
        if len(name) >= 4:          # (3.其他 alone would match any 其他…)
            out.append(name)
    return tuple(out)


def _trailing_zeros(v: Decimal) -> int:
    n, z = int(v), 0
    while n and n % 10 == 0 and z < 6:
        n //= 10
        z += 1
    return max(z, 1)


_MORE_THAN = ("余", "多", "以上", "逾", "超", "超过", "多达")


def _span(q) -> tuple[Decimal, Decimal]:
    """The values an approximate figure may stand for: 160余 from 160 to 170 (its last written
    digit's next step), 近100 from 70 to 100, 约100 within a tenth of it; an exact figure its own."""
    v = q.value
    if q.exact:
        return v, v
    if q.approx in _MORE_THAN:
        return v, v + Decimal(10) ** _trailing_zeros(v)
    if q.approx in ("近", "将近", "接近"):
        return v * Decimal("0.8") - 10, v
    return v * Decimal("0.9") - 1, v * Decimal("1.1") + 1


def _out_of_reach(total, parts) -> bool:
    """No reading of the approximate figures makes the parts add up to the total."""
    lo, hi = _span(total)
    spans = [_span(p) for p in parts]
    return sum((a for a, _ in spans), Decimal(0)) > hi or sum((b for _, b in spans), Decimal(0)) < lo


def _near(q) -> tuple[Decimal, Decimal]:
    """What an approximate figure says on a close reading: 100余 a tenth over at most (10余 up to
    19), 近100 and 约100 within a tenth; narrower than _span, which bounds what it could mean."""
    v = q.value
    if q.exact:
        return v, v
    if q.approx in _MORE_THAN:
        return v, v + max(v / 10, Decimal(9))
    if q.approx in ("近", "将近", "接近"):
        return v * Decimal("0.9"), v
    return v * Decimal("0.9"), v * Decimal("1.1")


def _near_reach(total, parts) -> bool:
    """A close reading of the approximate figures makes the parts add up to the total."""
    lo, hi = _near(total)
    spans = [_near(p) for p in parts]
    return sum((a for a, _ in spans), Decimal(0)) <= hi and sum((b for _, b in spans), Decimal(0)) >= lo


def _approx_ok(total, parts_sum: Decimal) -> bool:
    """An approximate total (190余次, 近千条) is consistent with a sum near it."""
    v = total.value
    if total.approx in _MORE_THAN:
        # 8000余 is below 9000: the next step of its last written digit (190余 below 200)
        step = Decimal(10) ** _trailing_zeros(v)
        return v <= parts_sum < min(v * Decimal("1.2") + 10, v + step)
    if total.approx in ("近", "将近", "接近"):
        return v * Decimal("0.8") - 10 < parts_sum <= v
    return abs(parts_sum - v) <= v * Decimal("0.1") + 1


_SENTENCE_OVER = re.compile(r"[。！？!?；;\n]")
_NONE_ITEM = re.compile(r"[，,、]\s*[\u4e00-\u9fff]{2,10}?(?:无|为0|为零)\s*(?=[。；;]|$)")
_DIGIT_AFTER = re.compile(r"\d")


_CARRIED_IN = re.compile(r"(?:上一?年度?|去年)(?:结转|转结|遗留)")


def _in_hand_balanced(r, e) -> bool:
    """A received total and last year's carried-over one side by side before the list, and the list (what
    came of them) with those carried into next year — a part of the list, or the figure right after it in
    its sentence — adds up to the two together."""
    received = [t for t in e.totals if _RECEIVED_TOTAL.search(t.phrase or "")]
    carried = [t for t in e.totals if _CARRIED_IN.search(t.phrase or "")]
    if not received or not carried:
        return False
    s = sum((p.value for p in e.parts), Decimal(0))
    last = e.parts[-1]
    onward = next((q for q in r.quantities if q.sentence == last.sentence and q.start > last.end), None)
    if onward is not None and _carried_forward(onward):
        s += onward.value
    return any(t.value + c.value == s for t in received for c in carried)


def _carried_forward(q) -> bool:
    return bool(CARRIED_PART.search(q.phrase or "")) or q.after.startswith(("结转", "转入下", "顺延"))


_RUN_BREAK = re.compile(r"[；;。]|另|此外|同时")


@rule("N001", "breakdown-sum", "error", "narrative",
      "「共……其中……」的分项之和与总数相符", "共公开信息26条，其中文件9条、动态18条")
def breakdown_sum(ctx: Context):
    """A total and the parts listed after 其中/包括/含/（…）/： that do not add up.

    Error where it is certain: the list belongs to the one total right before it (nothing but
    punctuation between), every figure is exact, the list does not end in 等 (a loose list, whose
    parts may overlap: 秦都区 2020's website columns), and either the parts exceed the total or the
    list claims to be complete (it names a part 其他/其余…, last or among three or more) yet falls
    short. A list may
    refer to an earlier total (新闻发布会40场、通气会10场。其中，新闻发布会包括…): any earlier
    total of the same unit that the parts add up to settles it, except where 其中 follows a total
    of its own one clause after that earlier one (a warning). Uncertain cases are warnings.
    Write the parts so that they add up, or end an incomplete list with 等.
    """
    last = next(reversed(ctx.readings), None)
    for section, r in ctx.readings.items():
        for e in r.enumerations:
            if not e.totals or not e.parts:
                continue
            if section == last and not _SENTENCE_OVER.search(r.norm.text, _pos(r, e.parts[-1].end)) and \
                    not _DIGIT_AFTER.search(r.norm.text, _pos(r, e.parts[-1].end)) and \
                    not _over_already(r, e):
                # the text ends inside the list, with no figure after its last part (…政府工作报告
                # 1条、政府 — a stored copy cut short: 深圳市发改委 2020, 第八十二批): its parts are
                # not all there. (Parts over the total already stay over whatever follows: 136条,其中
                # …64条…36条…40条,主要围绕改善营 — 精河工业园区 2024, 第二百七十三批.)
                continue
            bracketed = bool(_BRACKET_AFTER.match(r.norm.text, _pos(r, e.totals[0].end)))
            if len(e.totals) > 1 and bracketed:
                # 财政管理类信息6条(其中,预决算2条、…1条、…1条): a bracket right after a figure holds that
                # figure's parts, whatever earlier figure their sum happens to equal (界坑乡 2022,
                # 第二百九十批: 4, as 资规管理4条 before it)
                e = replace(e, totals=e.totals[:1])
            parts = e.parts
            if len(e.totals) >= 2 and _in_hand_balanced(r, e):
                continue            # 收到…92件、上一年度结转2件。其中,予以公开19件,…结转下年度继续办理9件: the outcomes
                #                     and the carried ones divide the two together (崇川区住建局 2023, 第一百八十一批)
            if len(parts) > 1 and CARRIED_PART.search(parts[-1].phrase or ""):
                # the last part is carried into next year: a part of the applications received
                # (收到47件，其中予以公开8件…结转下年度9件) only when the others are the outcomes of
                # 表三; never of those answered (办结733件，其中…其他处理76件，转接下年度办理45件)
                names = _outcome_words(ctx.template.version)
                # (each part's words as written, brackets too: 无法提供(本机关不掌握相关政府信息)14件 keeps no
                # phrase of its own — 鄂州市政府办 2025, 第三百三十三批)
                said = [parts[0].phrase or ""] + [r.norm.text[_pos(r, a.end):_pos(r, b.start)] for a, b in zip(parts, parts[1:])]
                outcomes = all(any(n in w for n in names) for w in said[:-1])
                # (办理向管委会申请的政府信息31件,其中予以公开4件…结转下年继续办理7件: applications handled
                # this year, the carried ones among them — 两江新区管委会办公室 2024, 第二百三十一批)
                # (the total's whole clause, not its phrase alone: 受理公民、法人或其他组织提出的…申请62件 — the
                # phrase starts after the 、 of 公民、法人 and loses 受理; 连云区政府办 2025, 第四百五十八批)
                clause = _clause_before(r, e.totals[0])
                received = bool(_RECEIVED_TOTAL.search(clause)) or bool(_HANDLED_TOTAL.search(clause))
                if received and not outcomes and len(e.totals) == 1 and \
                        sum((p.value for p in parts), Decimal(0)) == e.totals[0].value and \
                        (sum(any(n in w for n in names) for w in said[:-1]) >= 3 or
                         (_RECEIVED_TOTAL.search(clause) and len(parts) >= 3)):
                    outcomes = True     # most parts name outcomes and, with the carry-over, make the
                    #                     received total exactly (…逾期未补正2件,其他处理5件,结转下年度
                    #                     继续办理16件 — 逾期未补正 in words of its own: 祁阳市 2024, 第九十三批);
                    #                     or the total is of applications received, which hold the ones
                    #                     carried on, and the parts make it exactly (共收到…9件,其中同意公开答复
                    #                     1件,…逾期未补正1件,结转下年继续办理1件 — 青岛西海岸新区财政局 2022,
                    #                     第四百七十七批)
                if not outcomes or not received:
                    parts = parts[:-1]
                    if len(parts) < 2:
                        continue        # one part left: no list (as read before the carry-over)
            parts = _without_case_outcomes(parts)
            if len(parts) < 2 and len(e.parts) >= 2:
                continue            # 行政复议7件,结果维持6件,尚未审结1件: one part and its own outcomes
            inner = next((k for k in range(1, len(parts))
                          if "其中" in r.norm.text[_pos(r, parts[k - 1].end):_pos(r, parts[k].start)]), None)
            if inner is not None and e.totals and sum((p.value for p in parts[:inner]), Decimal(0)) in \
                    {t.value for t in e.totals}:
                continue            # 4469项(行政许可3912项,公共服务557项;其中,行政权力事项1226项、…2686项): a 其中
                #                     inside the list divides its last part; the parts before it make the total
                #                     (湘阴县 2020, 第二百五十九批)
            if len(parts) == 1 and e.marker in ("(", "（") and _BESIDES.match(parts[0].phrase or ""):
                continue            # 主动公开政府信息数1条(其他主动公开21条): a count besides it, in brackets,
                #                     not its breakdown (厦门市翔安区凤翔街道 2023, 第二百三十四批)
            if parts is not e.parts:
                e = replace(e, parts=parts)
            s = sum((p.value for p in e.parts), Decimal(0))
            extra = _each_extra(r, e)
            if extra and len(e.totals) == 1 and s + _each_extra(r, e, joint=False) == e.totals[0].value:
                extra = _each_extra(r, e, joint=False)
                # (…财政预决算、机构职能、其他财经信息各1条 with 48 stated: 财政预决算 one name among eight,
                # not 预算 and 决算 — 弋阳县公路事业发展中心 2023, 第四百二十一批, a wrong error)
            s += extra
            if len(e.totals) == 1 and s > e.totals[0].value:
                # a part counted twice over in its item (同步公开业务事项50余项及其他相关信息1条) may
                # be a measure of its own; where the other parts alone exceed the total, it does
                # not matter (平江县三墩乡 2025, 第九十二批: 21 of the six other parts against 18)
                rest = [p for p in e.parts if not _compound(r, p)]
                if len(rest) < len(e.parts) and len(rest) >= 2 and \
                        sum((p.value for p in rest), Decimal(0)) > e.totals[0].value:
                    e = replace(e, parts=rest)
                    s = sum((p.value for p in rest), Decimal(0))
            unit = e.totals[0].unit if e.totals else e.parts[0].unit
            if unit == "%" and e.named and all(p.unit == "%" for p in e.parts):
                if sum(n in e.named for n in _outcome_names(ctx.template.version)) < 4:
                    continue    # not every outcome named: the shares need not add up to the rate
                # 办复率94.7%，其中…占56.47%；…占12.35%: the shares of every outcome add up to the
                # rate, within the rounding of each printed share
                total = e.totals[0]
                # each printed share may be cut rather than rounded: off by up to one unit of its last
                # digit (45.3 for 45.38%, 0.7 for 0.77%: 高淳区 2022, 第六十八批 — 99.8 against 100)
                places = max((len(p.text.split(".")[1].rstrip("%")) if "." in p.text else 0) for p in e.parts)
                step = Decimal(1).scaleb(-places)
                if abs(s - total.value) > step * len(e.parts) + Decimal("0.05"):
                    yield ctx.finding(f"正文「{total.phrase}{total.text}」，而「其中」后所列各项占比之和为 {fmt(s)}%，"
                                      f"两者不符。", section=section, quote=e.quote,
                                      fix="核对各项件数、占比与总比率。")
                continue
            if unit == "%" or e.parts[0].unit == "%":
                continue
            fits = [t for t in e.totals if t.value == s or (t.approx and _approx_ok(t, s))]
            if not fits and _bare_total_before(r, e.totals[0], e.parts) == s:
                continue            # …财政类信息11条,其他类170包括社会保障类127条,…: the parts of a figure whose
                #                     条 the copy lost (170), not of the 11 before it (安州区人社局 2023, 第一百五十三批)
            bare = _bare_figures(r, e.parts, e.totals)
            if bare and not fits and any(t.value == s + bare for t in e.totals):
                continue            # …环保能源类信息 45，其他类4条: an item printed without 条 completes it
            if not fits and any(_DEFERRED.search(p.phrase or "") for p in e.parts) and any(
                    t.value == s - sum((p.value for p in e.parts if _DEFERRED.search(p.phrase or "")), Decimal(0))
                    for t in e.totals):
                continue            # 15件,均按时答复,其中依法延期1件,予以公开10件,…3件,…2件: when one was answered,
                #                     not what came of it (岱山县政府办 2024, 第一百三十三批); the outcomes make 15
            if not fits and _goes_on(r, e, unit, [t.value - s for t in e.totals if t.value > s]):
                continue            # the list runs on in the next sentence (鹤庆县政府办 2021, 第一百二十八批)
            if not fits and _runs_on_in_other_units(r, e, [t.value - s for t in e.totals if t.value > s]):
                continue            # …音频解读1份、会议图解32期、会议视频解读15期: the list runs on, counted in
                #                     another unit, and makes the total (思明区 2023, 第二百三十六批)
            if not fits and len(e.totals) == 1 and not all(q.exact for q in (e.totals[0], *e.parts)) and \
                    _near_reach(e.totals[0], e.parts):
                continue            # approximate figures a close reading of which adds up (400余条 against
                #                     52+38+100余+200余: 北票市长皋乡 2025, 第三百六十五批)
            if fits:
                doubt = _nearer_total_passed(ctx, section, r, e, fits[0])
                if doubt is not None:
                    yield doubt
                continue
            total = e.totals[0]
            # a list closed by one more kind said to be none (…当面咨询6001次,网上咨询无。): every
            # kind is named, as a closing 其他 says (桃源县架桥镇 2019, 第一百零三批)
            closed = (e.catch_all and len(e.parts) >= 2) or bool(_NONE_ITEM.match(r.norm.text, _pos(r, e.parts[-1].end))) or \
                _names_each_named(total, e.parts)
            # (258条,其中其他文件数21条 — 铜陵市郊区政府办 2021, 第二百零五批: one part, 其他文件 a kind of
            # document, not the 其他 that closes a list; a list of one part claims no whole)
            split = _case_split(e.parts, total.value)
            if split == "both":
                continue    # 诉讼4件，其中直接起诉3件、复议后起诉1件，判决维持2件、尚未审结2件: two divisions, each whole
            if s == 2 * total.value and _two_wholes(e.parts, total.value):
                # 50件,其中结转2023年3件,2024年申请47件,正在办理6件,…其余38件: where the applications
                # came from, then what became of them — two divisions of the same total, each whole
                # (红桥区政府办 2024, 第八十五批)
                continue
            if len(e.totals) >= 2 and any(s == 2 * w and _two_wholes(e.parts, w, first=1) for w in
                                          (sum((t.value for t in e.totals[:k]), Decimal(0)) for k in range(2, min(len(e.totals), 3) + 1))):
                # 收到申请19件,上年结转1件,其中自然人提交申请20件,通过互联网渠道提交15件,…邮寄2件,…当面3件: the new
                # and the carried ones together, divided by who asked (all of them, one part) and then by
                # channel (彭浦镇 2023, 第四百四十三批 — a wrong N001 warning)
                continue
            if s > total.value and any(sum((t.value for t in e.totals[:k]), Decimal(0)) == s
                                       for k in range(2, min(len(e.totals), 4) + 1)):
                continue    # 复议案件3件、诉讼案件3件，其中复议维持3件、诉讼维持3件: one 其中 for both totals
            if s > total.value and _cases_fit(e):
                continue    # 复议192件,诉讼73件,其中:140件行政复议、49件行政诉讼获维持…: each part within its own total
            if s < total.value:
                # …通过专题专栏发布信息318条,组织新闻发布会2场,开展在线访谈1期。 against 940 (鄂州市发改委 2025,
                # 第三百三十八批): the figures after the list in other units make up the rest exactly — they
                # were counted among the items
                # (in the list's own run: no ；between, no 另… — 其他类97条；办理依申请公开1件 is another statement)
                last_at = _pos(r, e.parts[-1].end)
                rest = [q for q in r.quantities if q.sentence == e.parts[-1].sentence and q.start > e.parts[-1].start
                        and q.kind == "count" and q.unit != unit]
                run = r.norm.text[last_at:_pos(r, rest[-1].end)] if rest else ""
                if rest and not _RUN_BREAK.search(run) and \
                        s + sum((q.value for q in rest), Decimal(0)) == total.value:
                    continue
            near_miss = not e.open and len(e.parts) == 2 and s < total.value and \
                total.value - s <= max(Decimal(1), total.value * Decimal("0.05")) and \
                total.exact and all(p.exact for p in e.parts)
            if s < total.value and not closed and (e.open or len(e.parts) < 3) and not near_miss:
                continue                    # a list of some notable parts: nothing claims completeness
            # (575条,其中政务动态信息384条、信息公开目录信息190条 — 咸宁市农业农村局 2024; 80条,其中52条,24条 —
            # 金塔县工业园区 2024: two parts within a few of the total read as its whole split with a slip, a
            # doubt worth a look though nothing says the two are all)
            if s < total.value and unit == "条" and all(p.unit in DOCUMENT_UNITS for p in e.parts) and \
                    (not closed or all((p.phrase or "").endswith("文件") for p in e.parts)):
                # 1812条，其中行政规范性文件13件、…: some documents among the items; 其他文件 closes the
                # documents, not the items (6238条,其中规范性文件3件,其他文件28件: 正定县 2024, 第一百三十四批)
                continue
            gap = r.norm.text[_pos(r, total.end):_pos(r, e.parts[0].start)]
            if e.marker in ("包括", "包含") and re.search(r"[；;]", gap[:max(gap.find(e.marker), 0)]):
                # 完成意见征集8次;及时公开各类重要会议信息,包括…会议15次、…22次: 包括 lists what the
                # words before it name (会议信息, no figure), past a ；from the figure (章丘区 2024)
                continue
            marker_at = gap.find(e.marker)
            # (a bracketed aside between the total and the marker, 437条(相同信息计1条),其中: still adjacent)
            adjacent = marker_at >= 0 and bool(_ADJACENT.match(_ASIDE.sub("", gap[:marker_at]))) or \
                (e.marker in "（(：:" and bool(_ADJACENT.match(gap[:1]))) or \
                (e.marker == "其中" and s > total.value and marker_at >= 0
                 and bool(_SENTENCE_END.match(gap[:marker_at])))
            # …977条,超额完成全年目标任务40%。其中包括…: a sentence opening with 其中 goes back to the
            # sentence before, and that sentence's one figure of the unit is the total
            back = not adjacent and e.marker == "其中" and marker_at >= 0 and len(e.totals) == 1 and \
                gap[:marker_at].rstrip().endswith("。") and "；" not in gap and ";" not in gap
            # 1307条。主动公开政府信息的主要类别包括:…其他类信息512条 (建瓯市 2023, 第二百六十八批): the
            # next sentence names itself the kinds of the items counted, its list is the total's
            # (…类别:… likewise — 漳平市政府办 2022, 第三百九十七批)
            kinds = not adjacent and e.marker in ("包括", "：", ":") and marker_at >= 0 and len(e.totals) == 1 and \
                bool(_KINDS_BACK.match(gap[:marker_at]))
            adjacent = adjacent or back or kinds
            # a part in a sibling unit (41条 … 293篇): the sum needs 条 and 篇 to count alike, so it
            # is certain only where one part alone exceeds the total
            # (documents in 件 among items in 条, 政策文件9件…其他信息4条, count one for one)
            mixed = any(p.unit != unit and not (unit == "条" and p.unit in DOCUMENT_UNITS) for p in e.parts)
            # 156篇,其中职能分工信息1篇,行政许可类信息65条,…其他信息71条 (福鼎市交通运输局 2023, 第二百一十七批):
            # kinds of information closed on 其他, none a channel — 篇 and 条 count the same items there
            if mixed and {unit, *(p.unit for p in e.parts)} <= _ITEM_UNITS and "信息" in (total.phrase or "") \
                    and CATCH_ALL.match(e.parts[-1].phrase or "") and \
                    not any(_CHANNEL_PART.search(p.phrase or "") for p in e.parts):
                mixed = False
            alone_over = any(p.value > total.value for p in e.parts)
            # The first few parts add up to the total exactly and more follow: the list has most
            # likely moved on to something else (…行政执法类30条，单位公示栏上公开财务公开15条).
            run_to_total = _leading_run_to(e.parts, total.value) if s > total.value else 0
            if run_to_total and _outcomes_of(total, e.parts):
                run_to_total = 0    # 复议5件，其中维持3件、纠正2件、尚未审结1件: every part is an outcome of those cases
            if run_to_total and e.catch_all and \
                    not any(_CHANNEL_PART.search(p.phrase or "") for p in e.parts):
                run_to_total = 0    # …重大项目5条，其他各类信息8条: kinds of one list up to its 其他, not another statement
            # (…政务信息2657条,县直及各乡镇1377条,政策解读24条,人事和招聘信息92条,基层政务公开专栏745条 against
            # 4034: the first two make it; 解读 and a 专栏 hold items counted there already — 江永县 2023, 第二百五十九批)
            if run_to_total and not any(_CHANNEL_PART.search(p.phrase or "") or _MOVED_ON.search(p.phrase or "")
                                        or (_OVERLAPPING_KIND.search(p.phrase or "") and not any(
                                            _OVERLAPPING_KIND.search(x.phrase or "") for x in e.parts[:run_to_total]))
                                        for p in e.parts[run_to_total:]) and not _run_closed(r, e.parts, run_to_total):
                run_to_total = 0    # …建议提案办理公开2条，机构职能1条: one more kind, not another channel or deed
            # Parts that are channels (门户网站800条、微信公众号300条…) may count one item on several;
            # still, no one channel can publish more than the whole
            channels = s > total.value and max(p.value for p in e.parts) <= total.value and \
                sum(bool(_CHANNEL_PART.search(p.phrase)) for p in e.parts) >= 2
            # …解读政策文件17篇,其中文字解读、简明问答16篇,主要负责人解读3篇,专家解读2篇,…图文、视频7篇: the
            # forms an interpretation takes, several to one document (滕州市政府办 2025, 第一百三十三批)
            forms = s > total.value and max(p.value for p in e.parts) <= total.value and \
                _DOCS_INTERPRETED.search(total.phrase or "") is not None and sum(bool(_FORM_PART.search(p.phrase or "")) for p in e.parts) >= 2
            # a closed list that fits none of the totals it may divide (历年累计523条,其中:…2条…200条…其他
            # 信息0条 after 发布…2条: 202 is neither, 茶园街道 2022, 第六十六批) is wrong whichever it divides
            # (only right after the total in its own sentence: a sentence-opening 其中 may divide a sum
            # the prose never states — 受理54件,…办理上年结转2件。其中…55件, 万源市 2025)
            last_marker = gap.rfind(e.marker)
            every_fails = 1 < len(e.totals) <= 3 and e.catch_all and not e.open and last_marker >= 0 and \
                not _SENTENCE_STOP.search(gap[:last_marker]) and all(t.exact for t in e.totals)
            # a part counted twice over in its item (“庆阳外事”微信订阅号发布信息54期97条: issues and items, 庆阳市
            # 外事办 2020, 第七十三批) may be a measure of its own, not a share of the total
            compound = [p for p in e.parts if _compound(r, p)]
            # approximate figures (5620余条) are certain enough where no reading of them could
            # make the sum (…5620余条,…160余份,…其他…860条 against 7652余条: at most 7039 — 昭化区 2019)
            # (only a list short of its total that closes on 其他…: where the parts run over, or the
            # 其他 stands mid-list, other doubts stay — 平阳县市场监管局 2020, 大足区 2021)
            exact = (total.exact and all(p.exact for p in e.parts)) or \
                (s < total.value and CATCH_ALL.match(e.parts[-1].phrase or "") is not None
                 and _out_of_reach(total, e.parts))
            if e.marker.startswith("按"):
                # 按政务新媒体类型分,微信公众号1个、视频号1个 (浒墅关镇 2023, 第三百三十四批): a partition
                # declared by what it goes by — each thing counted under one kind, none moved on to
                run_to_total, channels = 0, False
            certain = ((len(e.totals) == 1 or every_fails) and adjacent and exact and not channels and not forms
                       and not compound
                       and not e.open
                       and not (s < total.value and not closed) and not run_to_total
                       and not (s < total.value and e.past_semicolon) and not bare
                       and not (mixed and not alone_over))
            if split:
                certain = False         # some parts say how the cases came, others how they ended
            if e.marker == "。":
                certain = False         # a sentence of parts after the total's: nothing says they divide it
            # 。其中政策文件13条、工作动态4条、人事信息2条、其他信息7条 a sentence after the total: the
            # first part is the sum of the rest, which may be its own breakdown (right after the total,
            # 90条，其中…, the list is the total's)
            first_is_rest = back and len(e.parts) >= 3 and e.parts[0].value == sum((p.value for p in e.parts[1:]), Decimal(0))
            if first_is_rest:
                certain = False
            # 194条。其中概况类信息67条,政务动态信息127条,信息公开目录信息194条 (邓州市张楼乡 2023, 第一百二十二批):
            # one part is the whole again and the others make it exactly — the parts overlap (a site's
            # columns, one holding the rest), no figure is shown wrong
            whole_again = len(e.parts) >= 3 and any(
                p.value == total.value and sum((x.value for x in e.parts if x is not p), Decimal(0)) == total.value
                for p in e.parts)
            if whole_again:
                certain = False
            # 239条,其中政务动态161条,信息公开71条,政策解读信息12条 (汉中市住建局 2022, 第一百六十一批): a broad
            # column (信息公开, 信息公开目录) beside a kind that sites file under it (政策解读, 规范性文件), in a
            # list that does not close: the kind may be counted in the column too
            umbrella = s > total.value and not closed and _umbrella_and_kind(e.parts)
            # 1038条,其中发布政务动态类信息744条,信息公开目录信息457条 (滨州北海经济开发区 2024, 第四百一十三批):
            # the site's 信息公开目录 may list what another column holds as well, and their excess shows no
            # figure wrong. (With 概况类 beside them the list is the site's yearly statistics' partition —
            # 概况类、政务动态、信息公开目录, each item counted once — and an excess stays an error: 893条,其中
            # 概况类信息17条,政务动态信息574条,信息公开目录信息308条 — 阜阳市经信局 2023, keyed so)
            catalogue = not umbrella and s > total.value and not alone_over and \
                any(_CATALOGUE.match(p.phrase or "") for p in e.parts) and \
                not any("概况" in (p.phrase or "") or "概括" in (p.phrase or "") for p in e.parts)
            if umbrella or catalogue:
                certain = False
            # 3707条。其中,概况类信息33条;政务动态信息1742条;解读信息170条;行政规范性文件3件;其他信息1932条
            # (确山县 2024, 第二百二十六批): without the 解读 and 规范性文件 parts the rest make the total
            # exactly — those kinds are filed under the other columns too, the parts overlap
            # (an interpretation among them: 447条,其中规范性文件2条,工作动态类信息146条,… — 瓯海区农业农村局
            # 2020 — stays an error, a document being one of the kinds a list names)
            filed_twice = certain and s > total.value and len(e.parts) >= 3 and \
                any("解读" in (p.phrase or "") for p in e.parts) and \
                sum((p.value for p in e.parts if not _UNDER_UMBRELLA.search(p.phrase or "")), Decimal(0)) == total.value
            if filed_twice:
                certain = False
            # 304条,其中主动公开信息数为304条,政府信息公开工作年度报告为1条,依申请公开信息数为0条…
            # (广汉市南丰镇 2020, 第一百五十九批): one part is the whole again — the others sit inside it
            # or beside it, the list is no partition
            # (not a whole of 0: 主动公开信息0条,期中市政务公开网0条,微信公众号…360条 — nothing sits inside
            # none; 南岗区 2023, 第二百八十九批)
            one_whole = s > total.value and len(e.parts) >= 2 and not whole_again and total.value > 0 and \
                not e.marker.startswith("按") and \
                any(p.value == total.value and not CATCH_ALL.match(p.phrase or "") for p in e.parts) and \
                not _series_apart(e.parts)
            if one_whole:
                certain = False
            # 316条,其中市民政局工作动态91条,…图片资讯68条,通知公告类信息87条,… (衡阳市民政局 2025, 第三百七十三批):
            # a column of pictures or videos shows items the other columns count already
            shown_twice = s > total.value and not alone_over and len(e.parts) >= 3 and \
                any(_DISPLAY_COLUMN.search(p.phrase or "") for p in e.parts)
            if shown_twice:
                certain = False
            # 153条,其中计划总结类信息2条,…招商动态115条,两办信息40条,电台、报纸5条 (汶上县商务局 2020, 第三百八十二批):
            # kinds of information and the outlets they went to in one list — an item counted under
            # its kind may be counted again under its outlet
            two_axes = s > total.value and not alone_over and not channels and len(e.parts) >= 3 and \
                any(_CHANNEL_PART.search(p.phrase or "") and not _KIND_OF_INFO.search(p.phrase or "") for p in e.parts) and \
                sum(bool(_KIND_OF_INFO.search(p.phrase or "")) for p in e.parts) >= 2
            if two_axes:
                certain = False
            if not certain and not bracketed and _restated_with_breakdown(r, e.parts):
                continue    # 其中通过县政府网站发布5469条，专栏2620条…其他311条: 5469's own breakdown
            what = "超过" if s > total.value else "少于"
            after = "其后" if e.marker == "，" else "下一句" if e.marker == "。" else f"「{e.marker}」后"      # (a list with no marker)
            msg = (f"总数为 {_amount(total.value, unit, total.text)}，但{after}所列分项之和为 "
                   f"{_amount(s, unit, total.text)}，{what}总数。")
            if certain and len(e.totals) > 1:
                others = "、".join(_amount(t.value, unit, t.text) for t in e.totals[1:])
                msg += f"（与同一句中的 {others} 也不符：无论分项对应哪个总数都不成立。）"
            if mixed and alone_over:
                over = next(p for p in e.parts if p.value > total.value)
                msg += f"（以「{over.unit}」计的一项 {fmt(over.value)}{over.unit} 单独就超过总数。）"
            if not certain:
                why = []
                if len(e.totals) > 1 or not adjacent:
                    why.append("分项对应哪个总数不能确定")
                if not exact:
                    why.append("有约数")
                if e.open:
                    why.append("列举以「等」结尾")
                if e.marker == "。" and not (s < total.value and not closed):
                    why.append("分项另起一句，没有写明是总数的分项")
                if s < total.value and not closed:
                    why.append("所列分项可能只是其中一部分")
                if run_to_total:
                    why.append(f"前{run_to_total}项之和恰好等于总数，其后各项可能另有所指")
                if s < total.value and e.past_semicolon:
                    why.append("分号后还有同类数字，列举可能没有完")
                if bare:
                    why.append(f"有分项的数字没有写单位（共{fmt(bare)}），未计入")
                if mixed and not alone_over:
                    why.append("分项的单位不一（" + "、".join(sorted({p.unit for p in e.parts})) + "）")
                if channels:
                    why.append("分项是发布渠道，同一条信息可能在几个渠道都发布")
                if forms:
                    why.append("分项是解读的形式，同一份文件可能有几种解读")
                if split:
                    why.append("分项中既有案件的来由（直接起诉、复议后起诉），又有审理结果，是两种分法")
                if first_is_rest:
                    why.append("第一项恰为其余各项之和，其余各项可能是它的细目")
                if whole_again:
                    why.append("有一项恰为总数，其余各项之和也恰为总数，各项可能相互包含")
                if umbrella:
                    why.append("「信息公开」栏目可能已含所列的解读、文件、重点领域信息等分项")
                if catalogue:
                    why.append("「信息公开目录」可能也收录了所列其他栏目的信息，各项可能有重复")
                if filed_twice:
                    why.append("不计解读、文件各项时其余各项之和恰为总数，解读等分项可能已计入其他类")
                if one_whole:
                    why.append("有一项恰为总数，其余各项可能含在其中")
                if shown_twice:
                    why.append("图片、视频类栏目中的信息可能已计入其他栏目")
                if two_axes:
                    why.append("分项中既有信息的类别，又有发布渠道，同一条信息可能计了两次")
                if compound:
                    why.append(f"「{compound[0].text}」一项另有计数单位，可能是另一种统计")
                msg += f"（{'；'.join(why)}，请核对。）"
            f = ctx.finding(msg, section=section, quote=e.quote,
                            fix="核对总数与各分项；分项不全的，在末尾写「等」。")
            if not certain:
                f.severity = "warning"
            yield f


# 政策文件共计4个(其中府发文件1个,办发文件4个) (仁怀市 2020, 第三百九十三批): documents counted by the
# series their numbers belong to (府发, 办发, 政办发) — series are apart, no part holds another
_DOC_SERIES = re.compile(r"[\u4e00-\u9fff]{1,4}发(?:文件|文)?")


def _series_apart(parts) -> bool:
    phrases = [p.phrase or "" for p in parts]
    return len(set(phrases)) == len(phrases) and all(_DOC_SERIES.fullmatch(x) for x in phrases)


_ITEM_PUNCT = re.compile(r"[，,：:；;。（(]")
_ITEM_JOIN = re.compile(r"[、和及与]")


def _each_extra(r, e, joint: bool = True) -> Decimal:
    """What 各 adds to a list's sum: 信息公开年报和图解各1条 counts 2, 信息公开指南、制度、年报各1条 3,
    预决算各1条 2 (预算 and 决算) — the figure once for each thing named before 各 (萧山区审计局 2023,
    第二百四十七批: 23 against 25 where the parts make 25, a wrong error). ``joint``: 预决算 counts two."""
    text = r.norm.text
    extra = Decimal(0)
    prev = e.totals[0].end if e.totals else None
    for p in e.parts:
        if prev is not None and prev < p.start:
            seg = text[_pos(r, prev):_pos(r, p.start)].rstrip()
            if seg.endswith("各"):
                cut = max((m.end() for m in _ITEM_PUNCT.finditer(seg)), default=0)
                names = seg[cut:-1].strip("、 ")
                n = len(_ITEM_JOIN.findall(names)) + 1 + (names.count("预决算") if joint else 0)
                extra += p.value * (n - 1)
        prev = p.end
    return extra


def _runs_on_in_other_units(r, e, gaps: list[Decimal]) -> bool:
    """The same sentence goes on past the list's last part with 、-joined counts in another unit
    only (…1份、…32期、…15期), and they make up the shortfall exactly."""
    if not gaps:
        return False
    last = e.parts[-1]
    text = r.norm.text
    run, at = Decimal(0), _pos(r, last.end)
    for q in r.quantities:
        if q.sentence != last.sentence or q.start <= last.end:
            continue
        gap = text[at:_pos(r, q.start)]
        if q.kind != "count" or q.approx or q.unit == last.unit or "、" not in gap or \
                any(c in gap for c in "，,；;。：:") or not gap.lstrip("、"):
            return False
        run += q.value
        at = _pos(r, q.end)
        if run in gaps:
            return True
    return False


def _goes_on(r, e, unit: str, gaps: list[Decimal]) -> bool:
    """…其中,…政府采购18条。试点领域信息公开中重大建设项目52条,…其他信息17条,县政府常务会议信息28条。: the
    next sentence, or up to the third after it, each holding more counts of the unit (and no rough
    one), make up the shortfall exactly — the list goes on past its 。, so nothing is short."""
    if not gaps:
        return False
    last = e.parts[-1].sentence
    run = Decimal(0)
    by = r.__dict__.get("_by_sentence")
    if by is None:                  # (built once per reading: a scan per list made validation quadratic)
        by = r.__dict__["_by_sentence"] = {}
        for q in r.quantities:
            by.setdefault(q.sentence, []).append(q)
    for si in (last + 1, last + 2, last + 3):
        qs = [q for q in by.get(si, []) if q.unit == unit]
        # (a count in another unit inside an item — 公开…等10个领域的…信息105条 — is no part of the
        # list; 193条,其中…1条,…5条,…16条。…10个领域的…105条。另外包括…1条,…58条 makes 193: 铜梁区东城街道
        # 2024, 第四百五十二批, a wrong N001 warning)
        if not qs or any(q.kind != "count" or q.approx for q in qs):
            return False
        run += sum((q.value for q in qs), Decimal(0))
        if run in gaps:
            return True
    return False


_CASE_KINDS = ("复议", "诉讼")


def _cases_fit(e) -> bool:
    """One 其中 after a 复议 total and a 诉讼 total (行政复议192件,行政诉讼73件,其中:140件行政复议、
    49件行政诉讼获维持,8件行政复议结果纠正…), each part naming which of the two it counts (before
    or right after its figure): the parts of each kind, added up, stay within that kind's total.
    Outcomes left unnamed (其余尚未审结) are why the parts need not add up to the totals."""
    totals: dict[str, Decimal] = {}
    for t in e.totals:
        kinds = [k for k in _CASE_KINDS if k in t.phrase]
        if len(kinds) == 1 and kinds[0] not in totals:
            totals[kinds[0]] = t.value
    if len(totals) != len(_CASE_KINDS):
        return False
    sums = dict.fromkeys(_CASE_KINDS, Decimal(0))
    for p in e.parts:
        kinds = [k for k in _CASE_KINDS if k in p.phrase + p.after]
        if len(kinds) != 1:
            return False
        sums[kinds[0]] += p.value
    return all(sums[k] <= totals[k] for k in _CASE_KINDS)


# The cases of 表四 divided two ways in one list: by how they came (直接起诉 / 复议后起诉) and by how
# they ended (维持、纠正、尚未审结、审理中 …). The parts of each way add up to the total on their own.
_CASE_ORIGIN = re.compile(r"起诉|复议后|经复议")
_CASE_OUTCOME = re.compile(r"维持|纠正|撤销|确认违法|驳回|撤诉|撤回|审结|审理|在审|败诉|胜诉|其他结果")


def _amount(v: Decimal, unit: str, like: str) -> str:
    """A figure with its unit, money in 万元/亿元 where the total was written so (238.5万元, not 2385000元)."""
    if unit == "元":
        for word, scale in (("亿", Decimal(100000000)), ("万", Decimal(10000))):
            if word in like:
                return f"{fmt(v / scale)}{word}元"
    return f"{fmt(v)}{unit}"


def _outcomes_of(total, parts) -> bool:
    """Whether every part is an outcome of the cases ``total`` counts (行政复议5件，其中维持3件、
    纠正2件…): the total names 复议 or 诉讼, no part names a group of its own."""
    return bool(re.search(r"复议|诉讼", total.phrase)) and \
        all(_CASE_OUTCOME.search(p.phrase + p.after) and not re.search(r"复议|诉讼|起诉", p.phrase) for p in parts)


def _without_case_outcomes(parts):
    """The parts without those that are the outcomes of a 复议 or 诉讼 part before them: a part that
    names 复议/诉讼, then parts that name outcomes (维持、尚未审结…) adding up to it exactly, are one
    part and its own division (因信息公开引发行政争议11件,其中,行政复议7件,结果维持6件,尚未审结1件;
    行政诉讼4件…: 嘉兴市政府办 2023, 第九十三批 — 7 + 6 + 1 was added up against 11)."""
    out, k = [], 0
    while k < len(parts):
        p = parts[k]
        out.append(p)
        k += 1
        if not re.search(r"复议|诉讼", p.phrase or "") or _CASE_OUTCOME.search(p.phrase or ""):
            continue
        acc, j = Decimal(0), k
        while j < len(parts) and _CASE_OUTCOME.search((parts[j].phrase or "") + (parts[j].after or "")) \
                and not re.search(r"复议|诉讼", parts[j].phrase or ""):
            acc += parts[j].value
            j += 1
            if acc == p.value:
                k = j           # its outcomes, adding up to it: not parts of the list
                break
    return out if len(out) < len(parts) else parts


def _compound(r, p) -> bool:
    """``p`` is counted twice over in its item (“庆阳外事”微信订阅号发布信息54期97条): another
    quantity of another unit before it in the same item."""
    return any(q2 is not p and q2.sentence == p.sentence and q2.item == p.item and q2.unit != p.unit
               and q2.kind == "count" and q2.start < p.start for q2 in r.quantities)


def _clause_before(r, q) -> str:
    """The words of ``q``'s clause before it (claims.text.clause_bounds: from the last ，。；： — not 、,
    which joins names within a clause), at most 60 characters."""
    end = _pos(r, q.start)
    window = r.norm.text[max(0, end - 60):end]
    lo, _ = clause_bounds(window, len(window))
    return window[lo:]


def _two_wholes(parts, total: Decimal, first: int = 2) -> bool:
    """The parts fall, in their order, into two runs each adding up to ``total``: the first of
    ``first`` or more parts, the second of two or more."""
    acc = Decimal(0)
    for k, p in enumerate(parts[:-1], 1):
        acc += p.value
        if acc == total:
            return first <= k <= len(parts) - 2
        if acc > total:
            return False
    return False


def _case_split(parts, total: Decimal) -> str:
    """'both' when the parts are case origins and case outcomes each adding up to ``total``;
    'mixed' when both kinds are listed but they do not; '' when the list is of one kind."""
    origin, outcome = [], []
    for p in parts:
        words = p.phrase + p.after
        if _CASE_OUTCOME.search(words):
            outcome.append(p.value)
        elif _CASE_ORIGIN.search(words):
            origin.append(p.value)
        else:
            return ""
    if not origin or not outcome:
        return ""
    return "both" if sum(origin) == total and sum(outcome) == total else "mixed"


_CHANNEL_PART = CHANNEL_PART
_OVERLAPPING_KIND = re.compile(r"解读|专栏|专题")
_BESIDES = re.compile(r"\s*(?:其他|其它|其余|另有|另外|此外)")
_HANDLED_TOTAL = re.compile(r"办理(?!完)[^，,。；;]{0,12}申请")
_ITEM_UNITS = frozenset({"条", "篇"}) | DOCUMENT_UNITS     # units that count published items one for one
_LEFT_OUT = re.compile(r"除去|除了|除|不含|不包括")
_DEFERRED = re.compile(r"延期|延长答复期限|延长期限")
_FORM_PART = re.compile(r"解读|问答|图解|图文|视频|动漫|H5|发布会")
# the documents interpreted are counted (解读政策文件17篇), not the interpretations (政策解读总量126件:
# 达拉特旗 2023, whose kinds of interpretation must add up)
_DOCS_INTERPRETED = re.compile(r"解读[^，,。；;]{0,6}?(?:文件|政策)")
# Words of a part after the first parts add up to the total that say it is another deed (发布…,
# 推送…, 转载…), not one more kind of the same items.
_MOVED_ON = re.compile(r"发布|推送|转载|转发|报送|上报|刊登|播出|回复|答复|办理|受理")


# A figure printed without its unit between two parts of a list (国土资源城乡建设环保能源类信息 45，):
# the item words before it, a list separator after it.
# (…解读信息发布37统计信息92条: the 条 and 、 after 37 both lost — 杜集区政府办 2021, 第二百零五批)
_BARE_FIGURE = re.compile(r"(?<=[\u4e00-\u9fff\s])(?:(\d+)[\s\u3000]*(?=[，,、；;])"
                          r"|(?<![\d])(\d{1,3})(?=(?![条件份个项次篇期场人万亿年月日号部批类余多处户家所座名位元台套张本册盏])[\u4e00-\u9fff]))")


_BARE_BEFORE_MARKER = re.compile(r"(?<![\d.])(\d+)\s*[，,]?\s*(?:其中|包括|包含|含)[:：，,]?\s*$")


def _bare_total_before(r, total, parts) -> Decimal | None:
    """A figure printed without its unit right before the list's marker (其他类170包括…), between the
    total read and the first part; None when there is none."""
    if total.sentence != parts[0].sentence or total.end > parts[0].start:
        return None
    text = r.norm.text
    gap = text[_pos(r, total.end):_pos(r, parts[0].start)]
    # the gap ends where the first part's words begin: look for the marker in it
    for mk in ("其中", "包括", "包含", "含"):
        k = gap.rfind(mk)
        if k >= 0:
            m = _BARE_BEFORE_MARKER.search(gap[:k + len(mk)])
            return Decimal(m.group(1)) if m else None
    return None


_UMBRELLA = re.compile(r"^(?:其中)?(?:政府)?信息公开(?:目录|专栏|栏目)?(?:类)?(?:信息)?$")
# (重点领域: 4796条,其中重点领域政务信息公开1334条,政务动态类信息2476条,信息公开目录1898条 — 苏州高新区 2024,
# 第二百六十五批; a site's 重点领域 columns stand inside its 信息公开目录)
_CATALOGUE = re.compile(r"^(?:其中)?(?:发布)?(?:政府)?信息公开目录(?:类)?(?:信息)?$")
_UNDER_UMBRELLA = re.compile(r"解读|规范性文件|政策文件|重点领域")


def _over_already(r, e) -> bool:
    """A list right after its one total (…136条,其中…) whose parts so far, all in its unit, exceed
    it: parts a cut copy lost could only add to them."""
    if len(e.totals) != 1 or e.marker != "其中" or any(p.unit != e.totals[0].unit for p in e.parts):
        return False
    gap = r.norm.text[_pos(r, e.totals[0].end):_pos(r, e.parts[0].start)]
    at = gap.find("其中")
    return at >= 0 and bool(_ADJACENT.match(gap[:at])) and \
        sum((p.value for p in e.parts), Decimal(0)) > e.totals[0].value


def _umbrella_and_kind(parts) -> bool:
    """One part is the broad 信息公开 column and another a kind filed under it on most sites."""
    return any(_UMBRELLA.match(p.phrase or "") for p in parts) and \
        any(_UNDER_UMBRELLA.search(p.phrase or "") and not _UMBRELLA.match(p.phrase or "") for p in parts)


_BOTH = re.compile(r"(?:通过|依托|在)(?P<a>[\u4e00-\u9fff]{2,16}?)(?:和|及|与)(?P<b>[\u4e00-\u9fff]{2,12}?)(?:主动公开|公开|发布)")


def _names_each_named(total, parts) -> bool:
    """The total's words name two channels (通过省政府网站信息公开专栏和厅网站主动公开…15329条) and the two
    parts are those two, in order (省政府网站信息公开专栏…4288条, 厅网站…11040条): the list is whole
    (江西省农业农村厅 2022, 第一百六十批)."""
    if len(parts) != 2:
        return False
    m = _BOTH.search(total.phrase or "")
    if m is None:
        return False
    return all((p.phrase or "").startswith(w) for p, w in zip(parts, (m.group("a"), m.group("b"))))


def _bare_figures(r, parts, totals=()) -> Decimal:
    """The sum of figures printed without a unit between the parts of a list (not read as parts),
    or between its total's marker and its first part (796件,其中文字解读427、图文解读162件…: 湖州市
    2024, 第一百五十二批), 0 when there are none."""
    text = r.norm.text
    found = Decimal(0)
    total = totals[0] if totals else None
    if total is not None and total.end <= parts[0].start and total.sentence == parts[0].sentence:
        head = text[_pos(r, total.end):_pos(r, parts[0].start)]
        if any(mk in head for mk in ("其中", "包括", "含")):
            for m in _BARE_FIGURE.finditer(head):
                found += Decimal(m.group(1) or m.group(2))
    for p, q in zip(parts, parts[1:]):
        for m in _BARE_FIGURE.finditer(text[_pos(r, p.end):_pos(r, q.start)]):
            found += Decimal(m.group(1) or m.group(2))
    return found


def _restated_with_breakdown(r, parts) -> bool:
    """The first part is a figure stated earlier and now again with its own breakdown after it
    (…县政府门户网站发布政府信息5469条…其他形式600余条。其中通过县政府门户网站发布政府信息5469条，
    专栏2620条，…其他信息311条, the rest adding up to 5469): the list is that figure's, whatever total
    the marker seemed to point to. Both conditions, so that parts which merely happen to add up
    (13 = 4 + 2 + 7) are still checked."""
    first = parts[0]
    if len(parts) < 3 or first.value != sum((p.value for p in parts[1:]), Decimal(0)):
        return False
    return any(q.start < first.start and q.value == first.value and q.unit == first.unit and q.kind == first.kind
               for q in r.quantities)


def _nearer_total_passed(ctx: Context, section: str, r, e, fit):
    """The parts add up to an earlier total, not to the one 其中 follows. That settles it where
    the list may refer back (新闻发布会40场、通气会10场。其中，新闻发布会…; 复议5宗、诉讼0宗，其中2宗…:
    a sentence between, a 、-list of parallel totals, a nearest total of 0). Where 其中 follows a
    total of its own, one clause after the earlier one (总数84条，主动公开信息数72条，其中…), which
    total is meant cannot be told: a warning."""
    near = e.totals[0]
    if fit is near or near.value == 0 or not near.exact:
        return None
    gap = r.norm.text[_pos(r, near.end):_pos(r, e.parts[0].start)]
    marker_at = gap.find(e.marker)
    if marker_at < 0 or not _COMMA_ONLY.match(gap[:marker_at]):
        return None
    between = r.norm.text[_pos(r, fit.end):_pos(r, near.start)]
    if "、" in between or any(ch in between for ch in "。；;！？\n"):
        return None
    unit = near.unit
    s = sum((p.value for p in e.parts), Decimal(0))
    f = ctx.finding(f"总数为 {fmt(near.value)}{unit}，但「{e.marker}」后所列分项之和为 {fmt(s)}{unit}，"
                    f"与前面的另一总数「{fit.text}」相等。（分项对应哪个总数不能确定，请核对。）",
                    section=section, quote=e.quote, fix="核对总数与各分项，写明分项所属的总数。")
    f.severity = "warning"
    return f


def _run_closed(r, parts, k: int) -> bool:
    """The first ``k`` parts are joined by 、 and a comma or semicolon follows them: the author closed
    that list there, and what follows may be another statement (…其中,机构职能类9条、…优化营商环境
    信息21条,行政许可及行政处罚“双公示”613条 — the 、-run adds up to 422: 东城区城管委 2019, 第七十九批)."""
    if k < 2:
        return False
    lead = [r.norm.text[_pos(r, parts[i].end):_pos(r, parts[i + 1].start)].lstrip()[:1] for i in range(k)]
    return all(c == "、" for c in lead[:-1]) and lead[-1] in ("，", ",", "；", ";")


def _leading_run_to(parts, total) -> int:
    """How many of the first parts add up to ``total`` exactly, with parts after them; 0 if none."""
    acc = Decimal(0)
    for k, p in enumerate(parts[:-1], 1):
        acc += p.value
        if acc == total:
            return k
        if acc > total:
            break
    return 0


_TABLE_OF = {"t2": "active_disclosure", "t3": "applications", "t4": "review_litigation"}


def _table_name(ctx: Context, metric: str) -> str:
    """表二/表三/表四 of a metric key (t3.received), as the template names the table."""
    return ctx.template.tables[_TABLE_OF[metric[:2]]].name


def _pos(r, orig: int) -> int:
    from ...claims.read import _norm_pos
    return _norm_pos(r, orig)


# words that name a scope a figure is divided by (政府新收…, 部门新收…, 全区…, 区政府本级…)
_SCOPE_WORD = re.compile(r"政府|部门|本级|全[区县市省镇乡]|各|乡镇|街道|区直|县直|市直|单位|机关|其中|网上|线上|线下|当面|信函")
_BY_ONE_CHANNEL = re.compile(r"^[\u4e00-\u9fff]{0,12}?通过[\u4e00-\u9fff“”\"]{2,20}?(?:专区|专栏|网站|平台|信箱|窗口|系统|热线|邮箱)")
# a clause that takes a figure up again to divide it (办结的82件中…)
_RESTATES = re.compile(r"^[\u4e00-\u9fff]{0,6}的$")
# the 政府 of 政府信息(公开申请) names no scope (受理政府信息公开申请114件,…受理的116件: 滨江区政府办 2024,
# 第四百五十八批 — read as a 政府 scope beside another, and the two figures passed)
_NOT_SCOPE = re.compile(r"政府信息")


def _said(q) -> str:
    """A figure with the words that count it, as the prose says them (at most twelve characters)."""
    return (q.phrase or "")[-12:] + q.text


@rule("N002", "metric-restated", "error", "narrative",
      "同一数据在正文中多次出现时数值一致", "前文「收到申请12件」，后文「共收到申请15件」")
def metric_restated(ctx: Context):
    """One figure of the tables stated twice in the prose with different values, where no table
    settles which is right (with the table, N003 reports the wrong one). Only ties of the same
    phrasing count (复议2件、诉讼0件 are two figures); an error when both are certain.
    """
    seen: dict[tuple[str, ...], tuple[str, object]] = {}
    for section, t in ctx.ties:
        if _accepted(ctx, t.keys):
            continue
        prev = seen.get(t.keys)
        if prev is None:
            seen[t.keys] = (section, t)
            continue
        psec, p = prev
        if p.quantity.value == t.quantity.value or p.quantity.unit != t.quantity.unit:
            continue
        if any(_BY_ONE_CHANNEL.search(ctx.readings[sec].clause(x.quantity)) for sec, x in ((psec, p), (section, t))):
            # 通过政务公开专区接收政府信息公开申请12件。…全区收到政府信息公开申请278件 (两江新区 2023,
            # 第三百八十七批): the count of one channel, a part of the whole, not the figure said again
            continue
        if psec == section and p.quantity.sentence == t.quantity.sentence and \
                (_SCOPE_WORD.search(_NOT_SCOPE.sub("", p.quantity.phrase or "")) or
                 _SCOPE_WORD.search(_NOT_SCOPE.sub("", t.quantity.phrase or ""))
                 or not _RESTATES.search(t.quantity.phrase or "")):
            # 政府新收…予以公开2件；部门新收…予以公开1件 / 全区…结转39件，区政府本级…结转6件: one
            # sentence dividing the figure among scopes, not the figure said twice (unless the second
            # takes the first up again with no scope of its own: 当年度办结76件,…,办结的82件中予以公开的
            # 11件 — 昆山市政府办 2025, 第一百五十八批)
            continue
        # both places in words (受理依申请公开办件1件 / 今年共受理依申请公开2件), so the first can be found too
        f = ctx.finding(f"正文两处的「{t.name}」不一致：「{_said(p.quantity)}」与「{_said(t.quantity)}」。",
                        section=section, quote=t.quantity.text, fix="统一为与统计表一致的数值。")
        if not (p.certain and t.certain):
            f.severity = "warning"
            f.message += f"（{p.doubt or t.doubt}，请核对。）"
        yield f


# (a column of news pictures, not a form of interpretation: 文字解读144篇,图片解读61篇 is a partition — 福州市 2023)
_KIND_OF_INFO = re.compile(r"类(?:信息)?$|类信息")
_DISPLAY_COLUMN = re.compile(r"图片(?:资讯|新闻|报道)|视频(?:资讯|新闻|报道)")


_VERB = re.compile(r"公开|发布|办理|受理|收到|报送|更新|推送|开展|组织|举办|召开|处理|回复|答复|制发|印发|出台|审查|解读")
# 政府门户网站 whole: cutting out only 门户网站 leaves 通过政府 as a topic shared by every figure
# published 通过政府门户网站 (主动公开99条 and 回应依申请公开信息2条 are not one count).
_GENERIC = re.compile(r"政府信息|公开信息|主动公开|信息公开|政务公开|政务信息|工作动态|政府门户网站|门户网站|政府网站|政务新媒体|"
                      r"依申请公开|微信公众号|本年度|全年|人民政府|"   # 某县人民政府网站 / “某县人民政府”公众号: the owner, not the topic
                      # (…重大决策实施情况发布12条 / …民生实事实施情况发布8条: how a thing stands, said of two
                      # things — 兴义市 2023, 第三百六十三批)
                      r"(?:实施|落实|执行|进展|完成|办理|整改|推进|运行|相关|基本)情况")


def _topic(phrase: str) -> tuple[str, str] | None:
    """(what before the verb, the verb) of a quantity's phrase, e.g. 审计信息专栏 / 公开."""
    verbs = list(_VERB.finditer(phrase))
    if not verbs:
        return None
    v = verbs[-1]
    return phrase[:v.start()], v.group()


def _grams(topic: str) -> list[str]:
    """The specific four-character stretches a topic names (generic words cut out), in order:
    the windows of four within each run of Chinese characters."""
    t = _GENERIC.sub("|", topic)
    return list(dict.fromkeys(run[i:i + 4] for run in _CJK_RUN.findall(t) for i in range(len(run) - 3)))


_CJK4 = re.compile(r"[\u4e00-\u9fff]{4}")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")
# The shortest phrase whose topic (the words before its last verb) can have four characters.
_MIN_TOPIC_PHRASE = 4 + min(map(len, _VERB.pattern.split("|")))
_COLUMN = ("栏目", "专栏", "专题", "板块", "版块")
# a sentence about part of the year or a running total is not the year's count
_PERIOD = re.compile(r"上半年|下半年|季度|\d{1,2}月|[一二三四五六七八九十]{1,2}月|月份|截至|截止|累计|以来|期间")


# What a figure counts, named after its verb (公开项目审批信息186条 / 公开项目招投标信息92条): the words
# left once generic ones (信息, 政府信息 …) are cut out.
_OBJECT_GENERIC = re.compile(r"政府信息|政务信息|公开信息|相关信息|各类信息|信息|内容|的|了|共计|共|合计|累计|达|为")


def _object(phrase: str) -> str:
    """The specific words after the last verb of ``phrase``: two figures of one column that count
    different things (审批信息 / 招投标信息) are not one count said twice."""
    verbs = list(_VERB.finditer(phrase))
    # (政务信息数32条: the 数 of a count says nothing of what is counted)
    return _OBJECT_GENERIC.sub("", re.sub(r"(?:数量|数)$", "", phrase[verbs[-1].end():])) if verbs else ""


def _column_name(topic: str) -> str | None:
    """The four characters that name a column in a topic (审计信息 of 审计信息栏目/审计信息专栏), or a
    site of its own that is not the portal (政务公开网站)."""
    for c in _COLUMN:
        i = topic.rfind(c)
        if i >= 4 and _CJK4.fullmatch(topic[i - 4:i]):
            return topic[i - 4:i]
    m = _OWN_SITE.search(topic)
    return m.group() if m else None


def _narrower_part(a, b) -> bool:
    """One figure counts a named kind (政策文件5条), the other the whole (政府信息101条), and the kind's
    is the smaller: a part of it, not the same count said twice."""
    oa, ob = _object(a.phrase), _object(b.phrase)
    if bool(oa) == bool(ob):
        return False
    part, whole = (a, b) if oa else (b, a)
    return part.value < whole.value


def _divides(r, total, q) -> bool:
    """``total`` is the total of a list whose parts are in ``q``'s sentence (a 其中 list, one that a
    damaged copy cut short: 99031条。其中:…33250条,占33.58%县(区)…65781条)."""
    return any(any(t is total for t in e.totals) and any(p.sentence == q.sentence for p in e.parts)
               for e in r.enumerations)


# A site named for its use, not the portal (通过政务公开网站公开政务信息31条 / 在政务公开网站主动公开政务信息
# 数32条: 白银区统计局 2020, 第五十六批): the site's whole name is what both figures count on
_OWN_SITE = re.compile(r"(?<!门户)(?:政务公开|信息公开|政府信息公开)网站")


_NOT_A_NAME_RUN = re.compile(r"公开|发布|推送|更新|栏目|专栏|专题|话题")


def _other_channels(g: str, a: str, b: str) -> bool:
    """The shared words ``g`` are the name of the accounts the two figures were published on, and
    the accounts are different channels (“平潭自然资源与生态环境”微博公开动态301条 / 通过“平潭自然资源与
    生态环境”微信公众号公开工作动态133条: 平潭自然资源与生态环境局 2019); the same topic on two
    channels (食品抽检信息栏目 / 食品抽检信息话题) is still compared."""
    def channel_after(p: str) -> str | None:
        i = p.find(g)
        if i < 0:
            return None
        m = CHANNEL_PART.search(p, i + len(g), i + len(g) + 16)
        if m is None or _NOT_A_NAME_RUN.search(p, i + len(g), m.start()):
            return None         # (the words run on into what was published: a topic, not a name)
        return m.group()
    ca, cb = channel_after(a), channel_after(b)
    return ca is not None and cb is not None and ca != cb


def _channels_before(r, q) -> set[str]:
    """The channels a clause of its own names before ``q``'s clause (通过微信、微博公众平台,公开…3386条);
    a channel in the figure's own words (网站食品抽检信息栏目公开信息18条) is its topic's, not counted here."""
    a, b = r.sentences[q.sentence][0], _pos(r, q.start)
    cut = max(r.norm.text.rfind("，", a, b), r.norm.text.rfind(",", a, b))
    return set(CHANNEL_PART.findall(r.norm.text, a, cut)) if cut > a else set()


@rule("N007", "figure-restated", "error", "narrative",
      "正文两处说同一件事的数字一致", "前文「审计信息栏目公开信息20条」，后文「通过审计信息专栏公开政府信息16条」")
def figure_restated(ctx: Context):
    """The same count said twice in the prose with different figures, where no table holds it:
    two exact quantities of one unit whose phrases name the same specific thing (a stretch of four
    or more characters that is not a generic word) with the same verb. An error only when both name
    the same column (the stretch followed by 栏目/专栏/专题/板块 in both) and neither sentence
    limits its period (上半年、3月、截至…) or its scope (全市、各单位…); otherwise whether they are
    the same thing is for a person to judge, and it warns.
    """
    # quantities indexed by (unit, verb, four-character stretch): linear in the text, not pairwise
    index: dict[tuple[str, str, str], list[tuple[str, object]]] = {}
    tied = {(s, t.quantity.start) for s, t in ctx.ties}
    reported: set[tuple[str, str]] = set()
    # the agency's own names say nothing of what is counted (2025年东山街道收到依申请公开办件0条 and
    # 2025年东山街道主动公开政府信息共37条: 荣成市东山街道 2025)
    meta = ctx.report.meta
    own = "\n".join(x for x in (meta.agency, meta.region, *meta.short_names) if x)
    for section, r in ctx.readings.items():
        for q in r.quantities:
            if q.kind != "count" or not q.exact or (section, q.start) in tied:
                continue
            top = _topic(q.phrase) if len(q.phrase) >= _MIN_TOPIC_PHRASE else None
            if top is None or len(top[0]) < 4:
                continue
            grams = [g for g in _grams(top[0]) if g not in own] if own else _grams(top[0])
            site = _OWN_SITE.search(top[0])
            if site is not None and site.group() not in grams:
                grams.append(site.group())
            hit = None
            for g in grams:
                for s2, q2 in index.get((q.unit, top[1], g), ()):
                    if q2.value != q.value and not (s2 == section and q2.sentence == q.sentence) and \
                            not _other_channels(g, q.phrase, q2.phrase):
                        hit = (g, s2, q2)
                        break
                if hit:
                    break
            if hit:
                ca, cb = _channels_before(r, q), _channels_before(ctx.readings[hit[1]], hit[2])
                if ca and cb and ca.isdisjoint(cb):
                    hit = None      # 通过微信、微博公众平台,公开报送…3386条 / 通过…网站,公开报送…34条 (清水 2022)
            if hit and _OWN_SITE.fullmatch(hit[0]) and _object(q.phrase) != _object(hit[2].phrase):
                hit = None          # one site, two kinds of items (财政信息12条 / 人事信息5条)
            if hit and _object(q.phrase) and _object(hit[2].phrase) and _object(q.phrase) != _object(hit[2].phrase) \
                    and _column_name(top[0]) is None:
                hit = None          # 办事处通过…官网公开群众工作管理15条 / …公开社会服务管理16条: the same way, two
                #                     kinds of items (西秀区东街街道 2021, 第一百三十二批)
            if hit and ("依申请" in q.phrase) != ("依申请" in hit[2].phrase):
                hit = None          # 历年累计主动公开…316条 / 历年累计依申请公开1条 (仓山区东升街道 2023, 第四百四十七批):
                #                     what was published and what was applied for, two counts
            if hit and _narrower_part(q, hit[2]):
                hit = None          # 公开政策文件5条 / 公开政府信息101条 (开化县中村乡 2023, 第七十七批): a kind within the whole
            if hit and (_divides(r, hit[2], q) if hit[1] == section else False):
                hit = None          # 99031条。其中:市政府及本级部门…33250条: a part of the total, not it again (庆阳 2021)
            if hit and bool(SCOPE_RE.search(r.clause(q))) != bool(SCOPE_RE.search(ctx.readings[hit[1]].clause(hit[2]))):
                # 全市各级政府及其部门…165567条 / 市政府及其部门…71359条 (抚顺 2020, 第六十三批): one of the
                # two says the whole place, the other not — two scopes, not one count twice
                hit = None
            if hit and (hit[0], str(q.value)) not in reported:
                g, s2, q2 = hit
                reported.add((g, str(q.value)))
                column = _column_name(top[0])
                certain = column is not None and column == _column_name(_topic(q2.phrase)[0]) and \
                    _object(q.phrase) == _object(q2.phrase) and \
                    not any(_PERIOD.search(rr.sentence_text(qq.sentence)) or SCOPE_RE.search(rr.sentence_text(qq.sentence))
                            for rr, qq in ((r, q), (ctx.readings[s2], q2)))
                f = ctx.finding(
                    f"正文两处关于「{g}」{top[1]}的数字不同：「{r.clause(q)}」与「{ctx.readings[s2].clause(q2)}」，"
                    f"请核对是否指同一数据。", section=section, quote=q.text,
                    fix="同一数据前后写成一致；确是两项数据的，写清各自的范围。")
                if not certain:
                    f.severity = "warning"
                yield f
            for g in grams:
                bucket = index.setdefault((q.unit, top[1], g), [])
                if len(bucket) < 4:            # a few earlier figures per topic are enough to compare with
                    bucket.append((section, q))


@rule("N003", "contradicts-table", "error", "narrative",
      "正文中的申请数、办结数、结转数、复议诉讼数、许可处罚决定数与表二、表三、表四一致", "正文「共收到申请15件」，表三本年新收 12 件")
def contradicts_table(ctx: Context):
    """A count or rate in the prose that the tables contradict: received, carried over, handled,
    each outcome, 表三's numbered reasons in the form's words (1件属于“本机关不掌握相关政府信息”),
    carried forward, 行政复议 and 行政诉讼 totals, 办结率, and 表二's cells named in
    prose (规范性文件 made, 行政许可/行政处罚 decisions: a warning where the prose says only
    作出…决定, which may count otherwise). The prose figure is tied to
    a metric only through the phrasings of drafting/claims/lexicon.py. An error when the tie is
    certain and the table's figure was read without doubt; a warning naming the doubt otherwise.
    """
    for section, t in ctx.ties:
        accepted = _accepted(ctx, t.keys)
        q = t.quantity
        tol = Decimal("0.5") if q.is_percent else Decimal(0)
        if not accepted or any(abs(q.value - a) <= tol for a in accepted):
            continue
        table = _table_name(ctx, t.keys[0])
        shown = "或".join(dict.fromkeys(fmt(a) for a in accepted))
        unit = "%" if q.is_percent else q.unit
        r = ctx.readings[section]
        clause = r.clause(q)
        table_doubt = _table_doubt(ctx, t.keys, q.value, tol)
        if table_doubt == _BROKEN and not any(_broken_could_give(ctx, k, q.value) for k in t.keys):
            table_doubt = ""
        part = t.part if any(q.value < a for a in accepted) else ""
        doubt = "；".join(x for x in (t.doubt, part, table_doubt,
                                     _scope_doubt(ctx, r.sentence_text(q.sentence))) if x)
        if q.approx and q.approx in ("余", "多", "以上", "逾", "超", "超过") and any(a >= q.value for a in accepted):
            continue                     # 20余件 with 23 in the table is no contradiction
        if q.approx and q.approx in ("近", "将近", "接近", "约") and any(abs(a - q.value) <= q.value * Decimal("0.2") for a in accepted):
            continue
        f = ctx.finding(f"正文「{clause}」中的{t.name}为 {q.text}，{table}为 {shown}{unit}。",
                        section=section, quote=q.text, fix=f"以{table}为准修改正文，或核对{table}。")
        if doubt:
            f.severity = "warning"
            f.message += f"（{doubt}，请核对。）"
        yield f
    yield from _subrow_figures(ctx)


@lru_cache(maxsize=None)
def _subrow_labels(version: str) -> tuple[tuple[str, str], ...]:
    """(row key, label without its number) of 表三's numbered reasons (1.本机关不掌握相关政府信息 …),
    from the format data: the words a report quotes to say why an application ended so."""
    spec = get_template(version).tables["applications"]
    out = []
    for r in spec.rows:
        label = re.sub(r"^\d+[.．、]", "", r.label)
        if r.data and label != r.label and len(label) >= 6:
            out.append((r.key, label))
    return tuple(out)


def _subrow_figures(ctx: Context):
    """A count the prose gives for one of 表三's numbered reasons, in the form's own words (1件属于
    “本机关不掌握相关政府信息”, 本机关不掌握相关政府信息1件: 平潭综合执法与应急管理局 2024), that the
    row's 总计 contradicts."""
    if "applications" not in ctx.report.tables:
        return
    labels = _subrow_labels(ctx.report.meta.template_version)
    for section, r in ctx.readings.items():
        t = r.norm.text
        for key, label in labels:
            k = t.find(label)
            while k >= 0:
                end = k + len(label)
                q = next((q for q in r.quantities if q.kind == "count" and q.unit in ("件", "个", "宗") and q.exact
                          and (0 <= k - _pos(r, q.end) <= 4 or 0 <= _pos(r, q.start) - end <= 2)), None)
                k = t.find(label, end)
                if q is None:
                    continue
                have = ctx.report.cell("applications", key, "total")
                if have is None or Decimal(have) == q.value:
                    continue
                spec = ctx.template.tables["applications"]
                f = ctx.finding(f"正文「{r.clause(q)}」中「{label}」的件数为 {q.text}，表三「{spec.row(key).label}」"
                                f"总计为 {fmt(Decimal(have))}件。", section=section, quote=q.text,
                                fix="以表三为准修改正文，或核对表三。")
                doubt = _table_doubt(ctx, (f"t3.{key}",), q.value)
                if doubt:
                    f.severity = "warning"
                    f.message += f"（{doubt}，请核对。）"
                yield f


_NEG = r"(?:没有|未曾|未(?!经)|无(?!法|正当|收取)|均未|从未)"
_NONE_CLAIMS = (
    (re.compile(rf"{_NEG}(?P<pre>[^，。；、]{{0,6}})(?:收到|受理|接到|新收|接收)(?P<what>[^，。；]{{0,12}}?)(?:政府信息公开|信息公开)?申请(?![^，。；]{{0,12}}(?:复议|诉讼))"),
     ("t3.received",), "收到政府信息公开申请"),
    (re.compile(rf"{_NEG}[^，。；]{{0,20}}行政复议|行政复议[^，。；]{{0,8}}(?:为零|为0件|0件|0起)"),
     ("t4.review_total",), "行政复议"),
    (re.compile(rf"{_NEG}[^，。；]{{0,24}}行政诉讼|行政诉讼[^，。；]{{0,8}}(?:为零|为0件|0件|0起)"),
     ("t4.litigation_total",), "行政诉讼"),
)

_NONE_PATTERNS = tuple(c[0] for c in _NONE_CLAIMS)
# Every none-claim holds a negation (没, 未, 无) or a zero (零, 0): a sentence with neither is not
# searched for any of them.
_NONE_HINT = re.compile("[没未无零0]")


@lru_cache(maxsize=None)
def _none_needles() -> tuple[str, ...] | None:
    """Every word one of which each none-claim holds (None when a pattern has none)."""
    found = [needles(p) for p in _NONE_PATTERNS]
    return None if not all(found) else tuple(dict.fromkeys(n for f in found for n in f))


@rule("N004", "none-claim", "error", "narrative",
      "「没有收到申请」「未发生行政复议、诉讼」等说法与表三、表四相符", "正文称“未发生行政复议”，表四行政复议总计 2")
def none_claim(ctx: Context):
    """A claim that something did not happen while the tables show cases. 没有…申请行政复议或行政诉讼
    is about 复议/诉讼, not about applications received. A scope word (全市、本级 …) makes it a warning.
    """
    words = _none_needles()
    for section, r in ctx.readings.items():
        t = r.norm.text
        # a sentence without 申请, 行政复议 or 行政诉讼 (the needles) has nothing to read
        for i in r.sentences_with_words(words) if words is not None else range(len(r.sentences)):
            a, b = r.sentences[i]
            if not _NONE_HINT.search(t, a, b):
                continue
            sentence = t[a:b]
            for pattern, keys, name in _NONE_CLAIMS:
                m = search(pattern, sentence)       # a sentence without its needle is not scanned
                if not m:
                    continue
                if keys[0] == "t3.received" and (not about_applications(m.group()) or _narrowed(m)):
                    continue            # 未收到法人提出的/通过信函提交的/涉及国家秘密的申请: a part only
                if "除" in sentence[:m.start()]:
                    continue            # 除1件外，未收到其他申请
                tail = sentence[m.end():m.end() + 16]
                if re.match(r"[^，。；]{0,6}(?:纠错|纠正|败诉|撤销|确认违法|被纠)", tail) or \
                        re.search(r"纠错|纠正|败诉", m.group()):
                    continue            # 未发生…被复议纠错或诉讼败诉: about outcomes, not about cases
                if re.search(r"[1-9]\d*\s*(?:件|起|宗)", sentence[m.start():m.end() + 12]):
                    continue
                vals = _accepted(ctx, keys)
                if vals and vals[0] > 0:
                    table = _table_name(ctx, keys[0])
                    f = ctx.finding(f"正文称没有{name}，但{table}显示 {fmt(vals[0])} 件。",
                                    section=section, quote=r.norm.quote(r.sentences[i][0] + m.start(),
                                                                        r.sentences[i][0] + m.end()),
                                    fix=f"按{table}如实表述。")
                    doubt = _table_doubt(ctx, keys) or (SCOPE_RE.search(sentence) and "统计范围可能不同") or \
                        (_other_year(ctx, sentence[:m.end()]) and "正文说的可能是另一年度") or ""
                    if doubt:
                        f.severity = "warning"
                        f.message += f"（{doubt}，请核对。）"
                    yield f


# Words that leave a none-claim about every application received: times, adverbs, who may apply
# in general. Anything else between 未 and 申请 (法人提出的, 通过信函, 涉及国家秘密的) narrows it.
_GENERIC_NONE = re.compile(r"曾|有|再|过|从|共|都|均|也|了|本年度?|全年|年内|今年|当年|期间|本机关|本单位|我[局委办区县市镇]|"
                           r"任何|各类|有关|相关|社会公众|公众|群众|公民|社会各界|申请人|依申请公开|的")


def _narrowed(m: re.Match) -> bool:
    return bool(_GENERIC_NONE.sub("", m.group("pre") + m.group("what")))


def _other_year(ctx: Context, text: str) -> bool:
    """Whether ``text`` dates what it says to a year other than the report's (2022年, 上年度)."""
    year = ctx.report.meta.year
    return bool(_OTHER_TIME.search(text)) or any(year and int(y) != year for y in YEAR_RE.findall(text))


_ALL_UPHELD = re.compile(r"(?:均|全部|都|皆)(?:已|获|被|予以|得到|为)?(?:维持|胜诉)")


@lru_cache(maxsize=None)
def _outcome_groups(version: str) -> dict[str, list]:
    """表四's outcome columns other than 维持 of each group (复议, 直接起诉, 复议后起诉): format data,
    made once per template version."""
    spec = get_template(version).tables["review_litigation"]
    return {g: [c for c in spec.row("counts").columns if c.key.startswith(g + "_") and not c.key.endswith("_total")
                and not c.key.endswith("_maintain")]
            for g in ("review", "litigation_direct", "litigation_after_review")}


@rule("N005", "all-maintained", "error", "narrative",
      "「均获维持」等说法与表四结果相符", "正文称“均获维持”，表四有结果纠正 1 件")
def all_maintained(ctx: Context):
    """"均获维持/全部胜诉" while 表四 shows 纠正, 其他结果 or 尚未审结.

    The claim is read in its own clause: the cases it speaks of are the group named there (复议 or
    诉讼), else the one named last before it in the sentence (复议均予以维持，诉讼1件尚未审结 says
    nothing of 诉讼). Said of cases decided (已审结的3件均获维持, 判决均维持) or beside a pending one
    (…，1件尚未审结) it leaves the pending ones aside. An error only when nothing else is in doubt:
    another year's cases, a scope (全区) the table may not count, or a table that is itself unsure
    make it a warning, and so does a case only pending at the year's end (it may have been decided
    by the time the report was written)."""
    if ctx.report.tables.get("review_litigation") is None:
        return
    groups_of = _outcome_groups(ctx.report.meta.template_version)
    for section, r in ctx.readings.items():
        if not search(_ALL_UPHELD, r.norm.text):
            continue                # a sentence's match is the text's too: nothing to look for
        for i in range(len(r.sentences)):
            sentence = r.sentence_text(i)
            m = _ALL_UPHELD.search(sentence)
            if not m:
                continue
            groups = _claimed_groups(sentence, m.start(), m.end()) or list(groups_of)
            settled = _SETTLED.search(sentence[:m.end()]) or _PENDING_SAID.search(sentence)
            bad = []
            for g in groups:
                for c in groups_of[g]:
                    if settled and c.key.endswith("_pending"):
                        continue
                    v = ctx.report.cell("review_litigation", "counts", c.key)
                    if v:
                        bad.append((c.key, f"{c.group}{c.label} {v} 件"))
            if not bad:
                continue
            f = ctx.finding(f"正文称「{m.group()}」，但表四显示：{'、'.join(b for _, b in bad)}。",
                            section=section, quote=m.group(), fix="按表四如实表述各类结果。")
            other = _other_year(ctx, sentence)
            scope = SCOPE_RE.search(sentence)
            pending_only = all(k.endswith("_pending") for k, _ in bad)
            doubt = (other and "正文说的可能是另一年度的案件") or (scope and "正文的统计范围可能与表四不同") or \
                _table_doubt(ctx, ("t4.review_total",)) or \
                (pending_only and "年末尚未审结的案件在报告写成时可能已有结果")
            if doubt:
                f.severity = "warning"
                f.message += f"（{doubt}，请核对。）"
            yield f


# Cases decided: a claim about them says nothing of the pending ones.
_SETTLED = re.compile(r"已审结|审结的|已结案|已办结|判决|裁定|裁判|复议决定")
_PENDING_SAID = re.compile(r"尚未审结|未审结|正在审理|审理中|在审")
_OTHER_TIME = re.compile(r"上一?年度?|去年|往年|以前年度|历年|此前")
_CLAUSE_END = "，；,;。：:"
_GROUP_WORDS = (("复议", ("review",)), ("诉讼", ("litigation_direct", "litigation_after_review")),
                ("起诉", ("litigation_direct", "litigation_after_review")))


# 经复议后起诉 names a kind of 诉讼, not the 复议 cases
_AFTER_REVIEW = re.compile(r"(?:经过?)?复议后(?:再)?(?=起诉|提起)|经过?复议")


def _claimed_groups(sentence: str, start: int, end: int) -> list[str]:
    """表四 groups an 均维持 at [start, end) speaks of: those named in its clause, else in the
    nearest clause before it in the sentence that names any; [] when none is named."""
    a = max(sentence.rfind(c, 0, start) for c in _CLAUSE_END) + 1
    b = min([j for j in (sentence.find(c, end) for c in _CLAUSE_END) if j >= 0], default=len(sentence))
    while True:
        clause = _AFTER_REVIEW.sub("起诉", sentence[a:b])
        found = [g for w, gs in _GROUP_WORDS if w in clause for g in gs]
        if found or a == 0:
            return list(dict.fromkeys(found))
        b = a - 1
        a = max(sentence.rfind(c, 0, b) for c in _CLAUSE_END) + 1


@rule("N006", "unsupported-figure", "warning", "narrative",
      "记录了工作情况的报告，正文中的数量都能在统计表或工作情况中找到出处",
      "工作情况中没有培训次数，正文写“组织培训8次”")
def unsupported_figure(ctx: Context):
    """A quantity in the prose that no table metric and no recorded figure supports.

    Numbers in a report must come from the data: the drafting engine fills them from the tables
    and the facts, so a figure with no source was typed by someone (or a model) from nowhere.
    Applied only when the report records its facts (工作情况): a report read from a published
    text has none to check against. Figures the tables contradict are N003's business.

    A warning, not an error: a person may know a figure nobody recorded. One step records it
    (``drafting.engine.facts.confirm_figure``, CLI ``drafting confirm``: a fact with source 人工 and
    the clause it stands in), after which it is supported. Figures in generated text are the
    drafting checks' business (G002).
    """
    facts = ctx.report.facts
    if not facts.figures and not facts.notes:
        return
    values = {m.value for m in ctx.metrics.values() if m.value is not None and m.unit != "%"}
    rates = [m.value for m in ctx.metrics.values() if m.value is not None and m.unit == "%"]
    tied = {(s, t.quantity.start) for s, t in ctx.ties}
    for section, r in ctx.readings.items():
        for q in r.quantities:
            if q.kind == "ordinal" or (section, q.start) in tied:
                continue
            if q.is_percent:
                if any(abs(q.value - x) <= Decimal("0.5") for x in rates):
                    continue
            elif q.value in values:
                continue
            yield ctx.finding(
                f"正文「{r.clause(q)}」中的「{q.text}」在统计表和工作情况中都找不到出处。",
                section=section, quote=q.text,
                fix="数字无误的，点“确认”记入工作情况（来源：人工）；有误的，改正或删去。")


# 共收到政府信息公开申请2076件(含2022年结转67件): the figure holds last year's carried-over ones
# 受理…455件,其中4件来自上一年度结转 / 其中上年结转4件: the same said with 其中 (滨江区 2024, 第四百九十四批)
_HOLDS_CARRIED_AFTER = re.compile(r"\s*[，,]\s*其中\s*(?:\d+\s*件\s*(?:来自|系|为|属于?)?(?:上一?年度?|去年|\d{4}年度?)"
                                  r"(?:结转|转结)|(?:上一?年度?|去年)(?:结转|转结)(?:的)?(?:申请)?\s*\d+\s*件)")
_HOLDS_CARRIED = re.compile(r"\s*[（(]\s*(?:其中)?(?:含|包含|包括)[^（()）]{0,16}?结转[^（()）\d]{0,8}?(?P<n>\d+)\s*件\s*[)）]")


@rule("N008", "applications-balance", "error", "narrative",
      "正文所说的在办申请（含上年结转的收到申请数）等于办结数加结转下年度数",
      "「共收到申请2076件（含上年结转67件）」，「答复2062件，结转下年度81件」")
def applications_balance(ctx: Context):
    """The applications the prose says were in hand — a received figure that says it holds last
    year's carried-over ones (共收到申请2076件（含2022年结转67件）) — against those it says were
    answered and carried into next year in the same paragraph: every application in hand is one or
    the other (表三's 一+二 = （七）+四, said in words). An error when the three figures are tied
    without doubt and exact; a warning otherwise. Without the 含…结转 the received figure may leave
    out the carried-over ones, so nothing is claimed (静安区 2023, 第五十四批)."""
    by_section: dict[str, list] = {}
    for section, t in ctx.ties:
        by_section.setdefault(section, []).append(t)
    for section, ties in by_section.items():
        r = ctx.readings[section]
        text = r.original
        # last year's carried-over figures by sentence (looked up per received figure: a scan of every
        # tie for each made validation quadratic in the text)
        carried_in: dict[int, list] = {}
        for t in ties:
            if t.keys == ("t3.carried_over",) and t.quantity.unit == "件":
                carried_in.setdefault(t.quantity.sentence, []).append(t)
        for rec in ties:
            if rec.quantity.unit != "件":
                continue
            q = rec.quantity
            lower = False
            held = (_HOLDS_CARRIED.match(text, q.end) or _HOLDS_CARRIED_AFTER.match(text, q.end)) \
                if "t3.received_all" in rec.keys else None
            left_out = [t for t in carried_in.get(q.sentence, ()) if t.quantity.start < q.start
                        and _LEFT_OUT.match(t.quantity.phrase or "")] if "t3.received" in rec.keys else []
            if held is not None:
                in_hand, also, said, amount = q.value, (), "", f"{q.text}（含上年结转）"
                quote = text[q.start:held.end()].strip()
                # the paragraph the received figure is in
                lo = text.rfind("\n", 0, q.start) + 1
                hi = text.find("\n", q.end)
                hi = len(text) if hi < 0 else hi
            elif rec.keys == ("t3.received",) or len(left_out) == 1 or \
                    ("t3.received" in rec.keys and [t.quantity.value for t in carried_in.get(q.sentence, ())
                                                    if t.quantity.start > q.start] == [0]):
                # (受理…1件,上年结转0件: whether 受理 holds last year's or not, none were carried in —
                # 儋州市白马井镇 2023, 第一百四十二批)
                # 新收申请6件…，上年结转6件: new ones and last year's, side by side in one sentence;
                # the answered and carried ones may follow on lines of their own (兴化市大营镇 2025)
                # (or before it, said to be left out of it: 除去上年结转的8件…,今年…共收到783件 — 江宁区 2022,
                # 第一百三十七批)
                before = left_out or [t for t in carried_in.get(q.sentence, ()) if t.quantity.start > q.start]
                if len(before) != 1:
                    continue
                also = (before[0],)
                in_hand = q.value + before[0].quantity.value
                said = f"，上年结转 {before[0].quantity.text}"
                amount = f"{fmt(in_hand)}件"
                quote = text[min(q.start, before[0].quantity.start):max(q.end, before[0].quantity.end)].strip()
                lo, hi = q.start, len(text)
            elif "t3.received" in rec.keys and not carried_in.get(q.sentence):
                # 受理…11件,…申请办结数8件,结转下一年办理1件 (嘉兴市市场监管局 2022, 第二百六十批): last year's
                # carried-over ones are not named, but they could only add to those in hand — answered and
                # carried together short of the received alone is certain
                also, said, amount = (), "（未计上年结转）", q.text
                in_hand = q.value
                quote = text[q.start:q.end].strip()
                lo = text.rfind("\n", 0, q.start) + 1
                hi = text.find("\n", q.end)
                hi = len(text) if hi < 0 else hi
                lower = True
            else:
                continue
            handled = [t for t in ties if t.keys == ("t3.handled",) and lo <= t.quantity.start < hi and t.quantity.start > q.start]
            carried = [t for t in ties if t.keys == ("t3.carry_forward",) and lo <= t.quantity.start < hi and t.quantity.start > q.start]
            if len(handled) != 1 or len(carried) != 1:
                continue            # none, or several (by channel, by kind): not one balance
            h, c = handled[0], carried[0]
            out = h.quantity.value + c.quantity.value
            if out == in_hand or (lower and out > in_hand):
                continue            # (more answered than received: last year's may make the difference)
            # (the ties' doubts about the table — scope, period — say nothing of the prose's own sum;
            # a figure that may be one channel's does)
            certain = all(t.quantity.exact and not t.part for t in (rec, h, c, *also))
            f = ctx.finding(f"正文「{r.clause(q)}」：收到 {amount}，而办结 {h.quantity.text}、结转下年度 {c.quantity.text}，"
                            f"合计 {fmt(out)}件，少于收到数（上年结转的申请只会使在办申请更多）。" if lower else
                            f"正文「{r.clause(q)}」{said}：在办申请共 {amount}，而办结 {h.quantity.text}、"
                            f"结转下年度 {c.quantity.text}，合计 {fmt(out)}件，两者应相等。",
                            section=section, quote=quote,
                            fix="核对收到申请数是否含上年结转、办结数和结转下年度数（表三：一＋二＝（七）＋四）。")
            if not certain:
                f.severity = "warning"
                f.message += "（所取的数字可能只是其中一部分，请核对。）"
            yield f


# 5条,占0.08%: a count, then its share of a total (占, 占比, 占已答复件数的 …), nothing else between
_SHARE_AFTER = re.compile(r"[\s，,、]*[（(]?占(?:比|比为|全部|总数|总量)?[^，,。；;、\d%（()）]{0,8}?$")
_RUN_STOP = re.compile(r"[。\n]")
_SHARE_WORDS = re.compile(r"[\s，,、（(]|占比?为?")
_ITEM_START_CHARS = "，,、；;：:。\n（(①②③④⑤⑥⑦⑧⑨⑩"


def _printed_step(q) -> Decimal:
    """One unit of a share's last printed digit (0.01 for 32.15%, 1 for 83%)."""
    digits = q.text.rstrip("%％ ").split(".")
    return Decimal(1).scaleb(-len(digits[1])) if len(digits) > 1 else Decimal(1)


def _fits(count, share, whole: Decimal) -> bool:
    """The printed share is ``count`` of ``whole``, rounded or cut at its last digit."""
    if not whole:
        return False
    return abs(count.value * 100 / whole - share.value) <= _printed_step(share) + Decimal("0.000001")


@rule("N009", "share-of-total", "error", "narrative",
      "「……X条，占Y%」的占比与总数相符",
      "公开647条，其中概况信息5条，占0.08%；动态信息208条，占32.15%；目录信息434条，占67.08%")
def share_of_total(ctx: Context):
    """A count and its printed share of a total (概况信息5条,占0.08%;政务动态信息208条,占32.15%;…) that
    do not agree. The whole the shares are of is found, not assumed: among the counts of the unit said
    before the list in its paragraph, and the list's own sum, the one most of the shares fit (each
    printed share rounded or cut at its last digit). An error when that whole is a figure the text
    states, at least two other shares of the list fit it, more fit than not, and the shares print a
    decimal (or three or more fit); otherwise a warning (as many off as on: a warning only where the
    whole is stated and the shares that fit it print two decimals). A count inside brackets, or a share with
    words of its own between (…41件(其中…36件),占49.40%), is not paired; a share that names a whole of
    its own (占已办结件数的3%) where the others name none is not judged against theirs."""
    for section, r in ctx.readings.items():
        text = r.original
        if "占" not in text or "%" not in text and "％" not in text:
            continue
        qs = r.quantities
        runs: list[list] = []
        starts: list[int] = []          # index in qs of each run's first count
        base: dict[int, str] = {}       # the words after 占 that name the whole (已答复件数的), by share
        for i, (a, b) in enumerate(zip(qs, qs[1:])):
            if a.kind != "count" or b.kind != "percent" or a.approx or b.approx or a.paren:
                continue
            m = _SHARE_AFTER.search(text, a.end, b.start)
            if m is None or m.start() != a.end:
                continue
            base[id(b)] = _SHARE_WORDS.sub("", text[a.end:b.start])
            if runs and not _RUN_STOP.search(text, runs[-1][-1][1].end, a.start) and runs[-1][-1][0].unit == a.unit:
                runs[-1].append((a, b))
            else:
                runs.append([(a, b)])
                starts.append(i)
        for run, at in zip(runs, starts):
            # (a count of none, 占0%, fits every whole: it tells nothing of which whole the shares are of)
            run = [(c, sh) for c, sh in run if c.value or sh.value]
            if len(run) < 3:
                continue
            first = run[0][0]
            lo = text.rfind("\n", 0, first.start) + 1
            # the counts of the unit said before the list in its paragraph, the nearest twelve (a
            # bounded look back: a scan of every quantity per list would make the rule quadratic)
            stated = []
            for q in reversed(qs[max(0, at - 40):at]):
                if q.start < lo or len(stated) == 12:
                    break
                if q.kind == "count" and q.unit == first.unit and q.exact and q.value > 0:
                    stated.append(q)
            own_sum = sum((c.value for c, _ in run), Decimal(0))
            best, best_fit, best_stated = None, [], False
            for whole, is_stated in [(q.value, True) for q in stated] + [(own_sum, False)]:
                fit = [p for p in run if _fits(*p, whole)]
                if len(fit) > len(best_fit):
                    best, best_fit, best_stated = whole, fit, is_stated
            misfit = [p for p in run if p not in best_fit]
            if best is None or len(best_fit) < 2 or not misfit:
                continue
            fine = all(_printed_step(s) < Decimal("0.1") for _, s in best_fit)
            if len(best_fit) <= len(misfit) and not (best_stated and fine):
                continue            # no whole most of the shares are of
            # (as many shares off as on — 机构职能类信息5条,占15.7%;为民办实事信息1条,占2.63%;…5条,占15.7%;
            # …2条,占5.26% of 38 stated: 福鼎市龙安 2021 — the two shares of two decimals fix the whole, but
            # whether the counts or the shares are wrong is for a person to see)
            certain = best_stated and len(best_fit) > len(misfit) and \
                (len(best_fit) >= 3 or all(_printed_step(s) < 1 for _, s in best_fit))
            bases = {base[id(s)] for _, s in best_fit}
            for c, s in misfit:
                if base[id(s)] not in bases:
                    continue        # a share of another whole it names (…,占已办结件数的3%)
                share = c.value * 100 / best
                # the item from its start (概况信息5条,占0.08%), as far back as its separator
                head = max((text.rfind(ch, max(0, c.start - 20), c.start) for ch in _ITEM_START_CHARS), default=-1)
                quote = text[max(head + 1, c.start - 20):s.end].strip()
                f = ctx.finding(f"正文「{quote}」：同一列举中另有 {len(best_fit)} 项的占比按总数 {fmt(best)}{c.unit} 计算相符，"
                                f"按此 {c.text}应占约 {share.quantize(Decimal('0.01'))}%，与所写的 {s.text} 不符。",
                                section=section, quote=quote,
                                fix="核对该项的数量和占比，按同一总数重新计算。")
                if not certain:
                    f.severity = "warning"
                yield f
