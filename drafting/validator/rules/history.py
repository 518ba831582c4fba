"""History: this year's report against last year's (``validate(report, previous=…)``)."""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from ...numbers import split_sentences
from ..core import Context, relation_findings, rule

# Share of sentences of 一 and 五 copied or nearly copied from last year above which H003 warns.
COPY_SHARE_THRESHOLD = 0.40
# Two sentences count as "nearly copied" at this similarity (after figures and years are masked).
NEAR_COPY_RATIO = 0.85
# Sentences shorter than this (after masking) are set phrases, not evidence of copying.
MIN_SENTENCE_CHARS = 12


def _previous_year_ok(ctx: Context) -> bool:
    prev = ctx.previous
    return prev is not None and prev.meta.year == ctx.report.meta.year - 1


@rule("H001", "carry-over-matches", "error", "history",
      "表三「二、上年结转」逐列等于上年报告的「四、结转下年度继续办理」", "上年报告结转下年度 3 件，本年上年结转填 0")
def carry_over_matches(ctx: Context):
    """Applications carried into this year are exactly those last year's report carried forward,
    column by column; a gap means applications were lost or counted twice. The relation is the
    format data's ``t3-carry-continuity``; fix by making 二、上年结转 equal last year's 四.
    """
    yield from relation_findings(ctx, "H001")


@rule("H002", "table-two-continuity", "warning", "history",
      "表二的存量与上年报告衔接：现行有效件数、上一年项目数量、对外公开总数量", "上年现行有效 30，本年制发 5、废止 1，本年现行有效填 40")
def table_two_continuity(ctx: Context):
    """表二's stocks carry over from last year's report: 2021 现行有效件数 = last year's + 制发 − 废止;
    2019 上一年项目数量 = last year's 上一年项目数量 + 本年增/减; 对外公开总数量 never falls.
    Amendments and lapses can break the identity, so this only warns; the relations are the format
    data's ``t2-…-continuity``/``t2-published-cumulative``.
    """
    yield from relation_findings(ctx, "H002")


def _mask(sentence: str) -> str:
    s = re.sub(r"\d+(?:\.\d+)?", "#", sentence)
    s = re.sub(r"[〇零一二三四五六七八九十百千万两]+(?=[件条个次项篇期家份场人元起])", "#", s)
    return re.sub(r"[\s，。；：、,.;:！？!?“”\"'（）()《》]", "", s)


def _sentences(text: str) -> list[tuple[str, str]]:
    out = []
    for _, s in split_sentences(text):
        for part in re.split(r"(?<=[；;])", s):
            m = _mask(part)
            if len(m) >= MIN_SENTENCE_CHARS:
                out.append((part.strip(), m))
    return out


def copied_share(text: str, previous_texts: list[str]) -> tuple[float, list[str], int]:
    """(share of sentences copied or nearly copied, the copied sentences, number of sentences)."""
    mine = _sentences(text)
    if not mine:
        return 0.0, [], 0
    old = [m for t in previous_texts for _, m in _sentences(t)]
    exact = set(old)
    copied = []
    for raw, m in mine:
        if m in exact:
            copied.append(raw)
            continue
        for o in old:
            sm = SequenceMatcher(None, m, o, autojunk=False)
            if sm.real_quick_ratio() >= NEAR_COPY_RATIO and sm.quick_ratio() >= NEAR_COPY_RATIO \
                    and sm.ratio() >= NEAR_COPY_RATIO:
                copied.append(raw)
                break
    return len(copied) / len(mine), copied, len(mine)


@rule("H003", "copied-from-last-year", "warning", "history",
      "「一、总体情况」「五、存在的主要问题及改进情况」不大段照搬上年报告（相同或近似句子不超过四成）",
      "五部分与上年报告逐句相同，只改了年份")
def copied_from_last_year(ctx: Context):
    """Sentences of 一 and 五 the same as (or, with figures and years masked, at least 85% like)
    a sentence of last year's 一 or 五. The 2021 format names 内容雷同 among the failings that
    bring accountability; a year's work and its problems should be this year's.
    """
    if ctx.previous is None:
        return
    prev_texts = [ctx.previous.section_text(k) for k in ("overall", "problems")]
    if not any(t.strip() for t in prev_texts):
        return
    for key in ("overall", "problems"):
        share, copied, n = copied_share(ctx.report.section_text(key), prev_texts)
        if n and share > COPY_SHARE_THRESHOLD:
            yield ctx.finding(
                f"「{ctx.section_title(key)}」{n}句中有{len(copied)}句（{share:.0%}）与{ctx.previous.meta.year}年度报告相同或近似。",
                section=key, quote=copied[0][:60],
                fix="按本年度的实际工作和问题重写，不要照搬上年报告。")


@rule("H004", "previous-year-mismatch", "warning", "history",
      "用于跨年度核对的报告是上一年度的报告", "核对2025年度报告时提供了2023年度报告")
def previous_year_mismatch(ctx: Context):
    """The carry-over and continuity checks compare with last year; another year's report proves
    nothing, so they are skipped and this says why.
    """
    prev = ctx.previous
    if prev is None or prev.meta.year == ctx.report.meta.year - 1:
        return
    yield ctx.finding(
        f"提供的上年报告为{prev.meta.year}年度，本报告为{ctx.report.meta.year}年度，结转和现行有效件数的跨年度核对未进行。",
        fix=f"提供{ctx.report.meta.year - 1}年度的报告。")
