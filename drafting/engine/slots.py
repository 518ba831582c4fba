"""Numbers by construction: data slots in generated prose, and the checks on model output.

A model writes ``{t3.received}`` where a figure belongs; code fills the slot from
``metrics.compute()``. Anything else that looks like a figure in the model's text is a
violation: an unknown slot, a run of digits that is not a date, an ordinal or a document
number, a quantity in Chinese numerals, a year other than the ones the section may name,
or another agency or region named as the one doing the work.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import identity
from ..metrics import (PLACEHOLDER, SLOT_RE, Metric, compute, fill_slots, fmt,  # noqa: F401  (slots are metrics)
                       slot_catalogue)
from ..model import Report
from ..numbers import DATE_RE, DOCNO_RE, YEAR_RE, digits_outside_allowed, find_numbers, normalise
from ..validator import Finding

SLOT_DATE_RE = re.compile(r"\{(?:year|next_year|prev_year)\}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?")

# Lines of our own prompts that never belong in a section: a model that echoes them.
ECHO_RE = re.compile(r"可用数据槽|机关自称：|情况要点：|校验发现的?问题|原正文：|修改意见：|[请請]起草「|[请請]写导语|"
                     r"[请請]输出修改后的完整正文|\{[A-Za-z][A-Za-z0-9_.]*\}[：:]")


@dataclass(frozen=True)
class SlotInfo:
    key: str
    label: str
    unit: str
    zero: bool         # the value is 0: the model may say 未/没有 without writing a digit
    missing: bool      # no value: filling gives a 【待补充】 placeholder


def slot_infos(report: Report, prefixes: tuple[str, ...] | None = None) -> list[SlotInfo]:
    """Slots whose key equals one of ``prefixes`` or starts with one ending in a dot."""
    out = []
    for key, m in slot_catalogue(report).items():
        if key in ("year", "next_year", "prev_year"):
            continue
        if prefixes and not any(key == p or (p.endswith(".") and key.startswith(p)) for p in prefixes):
            continue
        out.append(SlotInfo(key, m.label, m.unit, m.value is not None and m.value == 0, m.value is None))
    return out


def describe_slots(report: Report, prefixes: tuple[str, ...] | None = None) -> str:
    """Slot list for a prompt: names and meanings, no values (only whether a value is zero)."""
    lines = []
    for s in slot_infos(report, prefixes):
        note = "；本年为零" if s.zero else ("；未填报，不要使用" if s.missing else "")
        fig = report.facts.figure(s.key[5:]) if s.key.startswith("fact.") else None
        if fig is not None and fig.approx:
            note += f"；约数，填入后带“{fig.approx}”字，正文不要再写约数字样"
        unit = "" if (s.unit and f"单位：{s.unit}" in s.label) else f"单位：{s.unit or '无'}"
        lines.append(f"{{{s.key}}}：{s.label}（{unit}{note}）".replace("（）", "").replace("（；", "（"))
    return "\n".join(lines) if lines else "（无）"


def _mask(text: str, pattern: re.Pattern | str) -> str:
    return re.sub(pattern, lambda m: "#" * len(m.group()), text)


def _finding(code: str, message: str, section: str, quote: str, fix: str) -> Finding:
    return Finding(code=code, severity="error", message=message, section=section, quote=quote, fix=fix)


def allowed_years(report: Report, section: str) -> set[int]:
    y = report.meta.year
    years = {y}
    if section in ("problems", "other"):
        years |= {y - 1, y + 1}   # last year's problems, next year's plans
    return years


def unusable(text: str, examples: tuple[str, ...] = ()) -> str | None:
    """Why a model's answer is not a section at all, or None. Each case was seen with a small real
    model (fixtures/llm/recorded_*.json) and would otherwise pass the checks: no digits, known slots."""
    echo = ECHO_RE.search(text)
    if echo:
        return f"复述了提示内容「{echo.group().strip()}」"
    tag = re.search(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?>", text)
    if tag:
        return f"夹杂标记「{tag.group()}」"
    junk = re.search(r"[\u3040-\u30ff\uac00-\ud7af]+|(?<![A-Za-z{.])[A-Za-z]{6,}(?![A-Za-z}])", _mask(text, SLOT_RE))
    if junk:
        return f"夹杂外文或乱码「{junk.group()}」"
    lines = [ln.strip() for ln in text.split("\n") if len(ln.strip()) >= 10]
    if len(lines) != len(set(lines)):
        return "同一段文字重复输出"
    for ex in examples:
        sentences = {x.strip() for x in re.split(r"[。\n]", ex) if len(x.strip()) >= 8}
        covered = sum(len(x) for x in sentences if x in text)
        if covered and covered >= 0.4 * len(text):
            return "照抄了提示中的示例"
    return None


def check_slot_text(text: str, report: Report, section: str,
                    extra_slots: set[str] | frozenset = frozenset(),
                    allowed: set[str] | None = None, examples: tuple[str, ...] = (),
                    previous: Report | None = None) -> list[Finding]:
    """Findings on a model's text in slot form, before any slot is filled.

    ``allowed``: the slots this section's prompt listed (others are G001 here, e.g. a 表三 slot
    in the lead-in of 二); None allows every slot of the report. ``examples``: few-shot answers
    the text must not copy. ``previous``: last year's report, a source of dates, titles and names.
    """
    out: list[Finding] = []
    if not text.strip():
        return [_finding("G005", "模型没有给出可用的正文。", section, "", "重新生成该部分。")]
    why = unusable(text, examples)
    if why:
        out.append(_finding("G005", f"模型的输出不是报告正文：{why}。", section, text[:40],
                            "只输出依据本报告材料起草的该部分正文。"))
    cat = slot_catalogue(report)
    for m in SLOT_RE.finditer(text):
        key = m.group(1)
        if key in extra_slots or key in ("year", "next_year", "prev_year"):
            continue
        if key not in cat:
            out.append(_finding("G001", f"正文使用了不存在的数据槽「{m.group(0)}」。", section, m.group(0),
                                "只使用提示中列出的数据槽；没有对应数据的内容写成【待补充：…】。"))
        elif allowed is not None and key not in allowed:
            out.append(_finding("G001", f"正文使用了本部分未列出的数据槽「{m.group(0)}」。", section, m.group(0),
                                "只使用提示中列出的数据槽。"))
    from .sources import Sources, mask_for_figures
    src = Sources(report, previous)
    norm = normalise(text)
    masked = mask_for_figures(norm)
    # Years: only those the section may name, or that the facts and last year's report name.
    years_ok = allowed_years(report, section) | src.years
    for pat in (SLOT_DATE_RE, SLOT_RE, r"【[^】]*】", r"《[^》]*》", r"“[^”]*”", DOCNO_RE):
        norm = _mask(norm, pat)
    for m in DATE_RE.finditer(norm):
        y = int(m.group("y"))
        if y not in years_ok:
            out.append(_finding("G004", f"正文写了报告年度以外的年份「{text[m.start():m.end()]}」。", section,
                                text[m.start():m.end()], f"本报告年度为{report.meta.year}年，用数据槽{{year}}。"))
    for m in YEAR_RE.finditer(_mask(norm, DATE_RE)):
        y = int(m.group())
        if y not in years_ok:
            out.append(_finding("G004", f"正文写了报告年度以外的年份「{m.group()}」。", section, m.group(),
                                f"本报告年度为{report.meta.year}年。"))
    # Years in Chinese numerals (二〇一九年): read by the claims layer, which knows every spelling.
    from ..claims import read as read_claims
    for d in read_claims(norm).dates:
        if d.year and d.year not in years_ok and not any(c.isdigit() and c.isascii() for c in d.text):
            out.append(_finding("G004", f"正文写了报告年度以外的年份「{d.text}」。", section, d.text,
                                f"本报告年度为{report.meta.year}年，用数据槽{{year}}。"))
    out.extend(stray_figures(text, masked, section))
    out.extend(src.unsourced(text, section))
    out.extend(other_names(text, report, section))
    return out


def _clause_of_slots(text: str) -> dict[str, str]:
    out = {}
    for clause in re.split(r"[，,。；;：:\n]", text):
        for m in SLOT_RE.finditer(clause):
            out.setdefault(m.group(1), re.sub(r"[^\u4e00-\u9fff]", "", SLOT_RE.sub("", clause)))
    return out


def _likeness(a: str, b: str) -> float:
    ga = {a[i:i + 2] for i in range(len(a) - 1)}
    gb = {b[i:i + 2] for i in range(len(b) - 1)}
    return len(ga & gb) / max(1, min(len(ga), len(gb)))


def moved_slots(old: str, new: str) -> list[str]:
    """Slots a revision kept but moved into another clause: the figure now counts something else
    (收到申请{keep.1}件，办结{keep.2}件 → 收到申请{keep.2}件，办结{keep.1}件)."""
    a, b = _clause_of_slots(old), _clause_of_slots(new)
    moved = []
    for k in sorted(a.keys() & b.keys()):
        own = _likeness(a[k], b[k])
        others = [_likeness(a[j], b[k]) for j in a if j != k and a[j] != a[k]]
        if others and max(others) > own and own < 0.5:
            moved.append(k)
    return moved


def stray_figures(text: str, masked: str, section: str) -> list[Finding]:
    """G002: every quantity typed instead of a slot, in any numeral form (阿拉伯数字、汉字数字,
    十余次、近千条、百分之百、第12期), and any other run of digits that is not a name or a date."""
    from .concrete import quantities
    out = []
    spans = []
    for q in quantities(masked):
        if "#" in masked[q.start:q.end]:
            continue
        spans.append((q.start, q.end))
        shown = text[q.start:q.end]
        what = "序号" if q.kind == "ordinal" else ("约数" if q.approx else ("百分比" if q.kind == "percent" else "数量"))
        lo, hi = max(0, q.start - 6), min(len(text), q.end + 4)
        out.append(_finding("G002", f"正文直接写出了{what}「{shown}」，数字只能通过数据槽填入。", section,
                            text[lo:hi] if q.text[:1].isdigit() else shown,
                            "改用提示中列出的数据槽；没有数据来源的数字删去。"))
    for m in re.finditer(r"\d+(?:\.\d+)?", masked):
        if any(a <= m.start() < b for a, b in spans):
            continue
        lo, hi = max(0, m.start() - 6), min(len(text), m.end() + 4)
        out.append(_finding("G002", f"正文直接写出了数字「{m.group()}」，数字只能通过数据槽填入。", section,
                            text[lo:hi], "改用提示中列出的数据槽，没有数据来源的数字删去。"))
    return out


def other_names(text: str, report: Report, section: str) -> list[Finding]:
    """Another agency or region written as the doer of the work (G003): the same detector as the
    validator's I001 (drafting/identity.py), reported here where it is certain. What it only
    doubts is left to I001's warning on the filled text — unless the name comes from nowhere: a
    model that names an agency the clerk never mentioned (浙江省公安厅 in a 区's draft, where how
    the two places relate is unknown) has invented it."""
    own = identity.identity_of(report)
    told = "\n".join(f.text + "\n" + f.clause for facts in report.facts.notes.values() for f in facts)
    out = []
    for d in identity.doers(text, own, generated=True):
        if d.certain or d.name.text not in told:
            out.append(_finding("G003", f"正文把「{d.name.text}」写成了工作主体，本报告的机关是「{own.shown}」。",
                                section, text[d.start:d.end + 6], "以「本局」「我局」或本机关名称作为主体。"))
    return out


def protect_numbers(text: str, report: Report) -> tuple[str, dict[str, str]]:
    """Slot form of text someone already wrote: each quantity's number becomes ``{keep.N}``.

    Used by the revision chain so that a model sees, and must keep, slots instead of figures.
    """
    keep: dict[str, str] = {}
    out = []
    last = 0
    for m in find_numbers(text):
        num_end = m.end - len(m.unit)
        while num_end > m.start and text[num_end - 1].isspace():
            num_end -= 1
        key = f"keep.{len(keep) + 1}"
        keep[key] = text[m.start:num_end]
        out.append(text[last:m.start])
        out.append("{" + key + "}")
        last = num_end
    out.append(text[last:])
    slotted = "".join(out)
    # Digits that are not quantities with a unit (a hotline, a count without unit) are kept too.
    pieces, last = [], 0
    for pos, digits in digits_outside_allowed(slotted):
        key = f"keep.{len(keep) + 1}"
        keep[key] = digits
        pieces.append(slotted[last:pos])
        pieces.append("{" + key + "}")
        last = pos + len(digits)
    pieces.append(slotted[last:])
    return "".join(pieces), keep
