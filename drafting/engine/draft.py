"""Drafting a report: sections in parallel, streamed, checked, repaired, never overwriting a lock.

Each model-drafted section goes: chain → clean → checks on the slot form (G001–G005) → slots
filled → the validator on the report with that section → at most ``MAX_REPAIRS`` repair rounds
with the findings. A section still failing keeps its best version, with unsupported figures,
names and years turned into visible 【待核实：…】 marks (which block export), and is marked
``needs_review`` with its findings. A model call that fails falls back to the offline text.
"""
from __future__ import annotations

import asyncio
import difflib
import re
import time
from dataclasses import dataclass, field
from typing import Callable

from ..model import Provenance, Report, Section
from ..numbers import DATE_RE, DOCNO_RE, find_numbers, normalise, split_sentences
from ..validator import Finding, validate
from .checks import DraftContext, run_checks
from .chains import SECTION_TASK, section_inputs, section_prompt, section_slot_keys
from .offline import NARRATIVE, preamble
from .prompts import load_prompt
from .provider import (OfflineProvider, Provider, ProviderError, ProviderUsageError, StreamInterrupted,
                       describe_error, run_sync)
from .slots import SLOT_DATE_RE, SLOT_RE, _mask, describe_slots, fill_slots, protect_numbers

MAX_REPAIRS = 2
DRAFTABLE = ("overall", "active_disclosure", "applications", "review_litigation", "problems", "other")


@dataclass
class DraftEvent:
    """Progress for a UI or the terminal. kind: start | delta | checked | repair | done | skipped | error."""
    kind: str
    section: str
    text: str = ""          # delta text, or the final text on done
    message: str = ""       # Chinese, for people
    round: int = 0


@dataclass
class SectionResult:
    key: str
    text: str = ""
    slot_text: str = ""
    status: str = "ok"            # ok | marked | skipped | locked | fallback
    origin: str = "generated"     # generated | offline | revised
    findings: list[Finding] = field(default_factory=list)   # errors still present
    warnings: list[Finding] = field(default_factory=list)
    rounds: int = 0
    prompt_version: str = ""
    model: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    message: str = ""             # Chinese note: why skipped, why the offline text stood in
    changed: list[tuple[str, str]] = field(default_factory=list)   # revisions: (old, new) sentences

    @property
    def needs_review(self) -> bool:
        return bool(self.findings)

    def provenance(self) -> Provenance:
        return Provenance(origin=self.origin, model=self.model, prompt=self.prompt_version, rounds=self.rounds,
                          template=self.slot_text or None, needs_review=self.needs_review,
                          findings=[f"{f.code} {f.message}" for f in self.findings], note=self.message)

    def apply(self, report: Report) -> None:
        """Write this result into ``report`` (keeps the heading; refuses a locked section)."""
        if self.status in ("skipped", "locked"):
            return
        sec = report.sections.get(self.key)
        if sec is not None and sec.locked:
            raise ProviderError(f"「{report.template.section(self.key).title}」已锁定，不能覆盖。")
        heading = sec.heading if sec else None
        report.sections[self.key] = Section(heading=heading, text=self.text, provenance=self.provenance())
        _order_sections(report)


@dataclass
class DraftResult:
    report: Report                        # a new report with the drafted sections applied
    sections: dict[str, SectionResult]
    findings: list[Finding]               # the validator on the whole drafted report
    seconds: float = 0.0

    @property
    def prompt_tokens(self) -> int:
        return sum(s.prompt_tokens for s in self.sections.values())

    @property
    def completion_tokens(self) -> int:
        return sum(s.completion_tokens for s in self.sections.values())

    @property
    def marked(self) -> list[str]:
        return [k for k, s in self.sections.items() if s.needs_review]


def _order_sections(report: Report) -> None:
    keys = report.template.section_keys
    report.sections = {k: report.sections[k] for k in sorted(report.sections, key=lambda k: keys.index(k)
                                                             if k in keys else len(keys))}


def _with_text(report: Report, key: str, text: str) -> Report:
    rep = report.model_copy(deep=True)
    sec = rep.sections.get(key)
    rep.sections[key] = Section(heading=sec.heading if sec else None, text=text)
    _order_sections(rep)
    return rep


def evaluate(report: Report, key: str, slot_text: str, extra: dict[str, str] | None = None,
             previous: Report | None = None, allowed: set[str] | None = None,
             examples: tuple[str, ...] = (), required: set[str] | None = None,
             original: str | None = None) -> tuple[str, list[Finding], list[Finding]]:
    """Fill and check one section: (filled text, errors, warnings) for that section only.

    ``original``: for a revision, the section's slot form before it; every figure kept must
    stay in the clause it was in (G008)."""
    extra = extra or {}
    errors = run_checks(DraftContext(report, key, slot_text, allowed, set(extra), examples, set(required or ()),
                                     previous=previous, original=original))
    filled = fill_slots(slot_text, report, extra)
    # Findings on the prose of this section only: table findings share the section's key
    # (表三 ↔ applications) but no rewording can fix them.
    found = [f for f in validate(_with_text(report, key, filled), previous=previous)
             if f.section == key and f.table is None and f.cell is None]
    for f in found:
        if f.code == "Y001" and "【待补充" in (f.quote or ""):
            continue    # a placeholder for a missing fact is the intended output, not a model error
        (errors if f.severity == "error" else []).append(f)
    warnings = [f for f in found if f.severity != "error"]
    return filled, errors, warnings


def mark_unresolved(slot_text: str, findings: list[Finding]) -> str:
    """Turn what the checks could not get repaired into visible marks that block export (Y001)."""
    out = slot_text
    codes = {f.code for f in findings}
    if "G002" in codes:
        out = _mark_stray_numbers(out)
    for f in findings:
        q = (f.quote or "").strip()
        if f.code == "G001" and q:
            out = out.replace(q, f"【待核实：未知数据{q.strip('{}')}】")
        elif f.code == "G003" and q:
            name = f.message.split("「", 1)[1].split("」", 1)[0] if "「" in f.message else ""
            if name and name in out and f"“{name}”" not in out:
                out = out.replace(name, f"【待核实：其他机关名称“{name}”】", 1)
        elif f.code == "G004" and q and q in out:
            out = out.replace(q, f"【待核实：年份“{q}”】")
        elif f.code == "G007" and q:
            bare = q.strip("“”")
            if bare in out and f"【待核实：无出处的“{bare}”】" not in out:
                out = out.replace(bare, f"【待核实：无出处的“{bare}”】")
    return out


def _mark_stray_numbers(text: str) -> str:
    """Every figure the model typed itself, in any form (25, 两, 十余, 近百, 百分之百, 第12期): not a
    slot, a date, a 文号, a title, a name with digits or a reference to an article of a law."""
    from .concrete import quantities
    from .sources import mask_for_figures
    masked = mask_for_figures(normalise(text))
    spans = []
    for q in quantities(masked):
        if "#" in masked[q.start:q.end]:
            continue
        a, b = (q.start, q.end) if q.kind == "ordinal" else (q.num_start, q.num_end)
        spans.append((a, b))
    for m in re.finditer(r"\d+(?:\.\d+)?", masked):
        if not any(a <= m.start() < b for a, b in spans):
            spans.append((m.start(), m.end()))
    for a, b in sorted(set(spans), reverse=True):      # from the end: offsets stay valid
        text = text[:a] + f"【待核实：无数据来源的数字“{text[a:b]}”】" + text[b:]
    return text


MAX_FINDINGS_IN_PROMPT = 12


def _findings_text(findings: list[Finding]) -> str:
    """The findings for a repair prompt, capped: a garbled answer can have dozens, and a long
    list overflowed a small model's context in a real recording."""
    lines = []
    for i, f in enumerate(findings[:MAX_FINDINGS_IN_PROMPT], 1):
        s = f"{i}. [{f.code}] {f.message}"
        if f.quote and f.quote not in f.message:
            s += f"（原文：{f.quote[:40]}）"
        if f.fix:
            s += f" 建议：{f.fix}"
        lines.append(s)
    if len(findings) > MAX_FINDINGS_IN_PROMPT:
        lines.append(f"（另有{len(findings) - MAX_FINDINGS_IN_PROMPT}个同类问题，一并改正）")
    return "\n".join(lines)


def _notifier(emit, key: str, round_: int):
    """The provider's notes (streamed text, a retry) as DraftEvents."""
    def notify(kind: str, text: str) -> None:
        if kind == "delta":
            emit(DraftEvent("delta", key, text, round=round_))
        else:
            emit(DraftEvent("repair", key, message=text, round=round_))
    return notify


__all_errors__ = (StreamInterrupted,)   # re-exported for callers that caught it here


async def _repair_loop(report: Report, key: str, provider: Provider, slot_text: str, emit,
                       result: SectionResult, extra: dict[str, str] | None = None,
                       previous: Report | None = None, stream: bool = True,
                       slots_desc: str | None = None, allowed: set[str] | None = None,
                       examples: tuple[str, ...] = (), required: set[str] | None = None,
                       original: str | None = None) -> None:
    """Check, and repair at most MAX_REPAIRS times; keep the best version."""
    filled, errors, warnings = evaluate(report, key, slot_text, extra, previous, allowed, examples, required,
                                        original)
    best = (len(errors), slot_text, filled, errors, warnings)
    title = report.template.section(key).title
    rounds = 0
    while errors and rounds < MAX_REPAIRS:
        rounds += 1
        emit(DraftEvent("repair", key, message=f"第{rounds}轮修改：{len(errors)}个问题", round=rounds))
        inputs = {"section_title": title, "findings": _findings_text(errors), "text": slot_text,
                  "slots": slots_desc if slots_desc is not None else section_inputs(report, key)["slots"]}
        comp = await provider.rewrite("repair", inputs, _notifier(emit, key, rounds), stream=stream)
        result.prompt_tokens += comp.prompt_tokens
        result.completion_tokens += comp.completion_tokens
        slot_text = comp.text
        filled, errors, warnings = evaluate(report, key, slot_text, extra, previous, allowed, examples, required,
                                            original)
        if len(errors) < best[0]:
            best = (len(errors), slot_text, filled, errors, warnings)
    _, slot_text, filled, errors, warnings = best
    if errors:
        slot_text = mark_unresolved(slot_text, errors)
        filled = fill_slots(slot_text, report, extra)
        result.status = "marked"
        result.message = f"经{rounds}轮修改仍有{len(errors)}个问题，已保留最好的一版并标注，请人工核实。"
    result.rounds = rounds
    result.slot_text, result.text, result.findings, result.warnings = slot_text, filled, errors, warnings


async def _draft_section(report: Report, key: str, provider: Provider, emit, previous: Report | None,
                         stream: bool) -> SectionResult:
    """One section from whichever provider: its text, checked; a model's text repaired at most
    MAX_REPAIRS times; a failed call replaced by the offline text, with the reason."""
    title = report.template.section(key).title
    if not provider.revises:       # the offline drafter: deterministic, nothing to repair
        emit(DraftEvent("start", key, message=f"正在起草「{title}」（离线）"))
        return await _offline_result(report, key, previous)
    spec = section_prompt(key)
    res = SectionResult(key, origin=provider.origin, prompt_version=spec.version, model=provider.model)
    t0 = time.perf_counter()
    emit(DraftEvent("start", key, message=f"正在起草「{title}」"))
    try:
        comp = await provider.write_section(report, key, previous, _notifier(emit, key, 0), stream=stream)
        res.prompt_tokens, res.completion_tokens = comp.prompt_tokens, comp.completion_tokens
        await _repair_loop(report, key, provider, comp.text, emit, res, previous=previous, stream=stream,
                           allowed=section_slot_keys(report, key),
                           # a one-sentence lead-in may rightly read like its example; a narrative may not
                           examples=tuple(a for _, a in spec.examples) if key in NARRATIVE else ())
    except Exception as e:     # any model failure: the offline text stands in, and says so
        reason = describe_error(e)
        emit(DraftEvent("error", key, message=reason))
        off = await _offline_result(report, key, previous)
        off.status, off.model = "fallback", provider.model
        off.message = f"模型调用失败（{reason}），本部分改用离线起草的文字。"
        off.prompt_tokens, off.completion_tokens = res.prompt_tokens, res.completion_tokens
        off.seconds = time.perf_counter() - t0
        return off
    res.seconds = time.perf_counter() - t0
    if any(f.code == "G005" for f in res.findings):
        # Still no usable section after the repairs (an echoed prompt, say): marks cannot help here.
        off = await _offline_result(report, key, previous)
        off.status, off.model, off.rounds = "fallback", provider.model, res.rounds
        off.message = "模型的输出不是报告正文（如复述了提示内容），修改后仍未改正，本部分改用离线起草的文字。"
        off.prompt_tokens, off.completion_tokens, off.seconds = res.prompt_tokens, res.completion_tokens, res.seconds
        emit(DraftEvent("error", key, message=off.message))
        return off
    return res


async def _offline_result(report: Report, key: str, previous: Report | None = None) -> SectionResult:
    offline = OfflineProvider()
    slot_text = (await offline.write_section(report, key, previous)).text
    filled, errors, warnings = evaluate(report, key, slot_text, previous=previous)
    return SectionResult(key, text=filled, slot_text=slot_text, origin=offline.origin, model=offline.name,
                         prompt_version=offline.prompt_version(key), findings=errors, warnings=warnings,
                         status="marked" if errors else "ok")


async def draft_report_async(report: Report, provider: Provider, sections: list[str] | tuple[str, ...] | None = None,
                             on_event: Callable[[DraftEvent], None] | None = None,
                             previous: Report | None = None, stream: bool = True,
                             keep_human: bool = False, lead_ins: bool = False) -> DraftResult:
    """Async form of :func:`draft_report`."""
    t0 = time.perf_counter()
    rep = report.model_copy(deep=True)
    default = DRAFTABLE if lead_ins else NARRATIVE
    keys = list(sections) if sections else [k for k in rep.template.section_keys if k in default]
    if not (rep.preamble or "").strip():
        # The opening paragraph is the program's in both modes: 依据, 统计期限, where and whom.
        rep.preamble = preamble(rep, previous)
    for k in keys:
        if k not in DRAFTABLE:
            raise ProviderUsageError(f"未知的部分：{k}（可选 {'、'.join(DRAFTABLE)}）")

    def emit(ev: DraftEvent) -> None:
        if on_event:
            on_event(ev)

    results: dict[str, SectionResult] = {}
    todo = []
    for k in keys:
        sec = rep.sections.get(k)
        title = rep.template.section(k).title
        if sec is not None and sec.locked:
            results[k] = SectionResult(k, text=sec.text, status="locked", message="该部分已锁定，未重新起草。")
            emit(DraftEvent("skipped", k, message=f"「{title}」已锁定，保留原文"))
            continue
        if keep_human and sec is not None and sec.text.strip() and sec.is_human:
            results[k] = SectionResult(k, text=sec.text, status="skipped", message="该部分为人工撰写，未重新起草。")
            emit(DraftEvent("skipped", k, message=f"「{title}」为人工撰写，保留原文"))
            continue
        spec = rep.template.section(k)
        if spec.kind == "table" and rep.tables.get(spec.table) is None:
            results[k] = SectionResult(k, status="skipped", message="缺少统计表，未起草导语。")
            emit(DraftEvent("skipped", k, message=f"「{title}」缺少统计表，未起草导语"))
            continue
        todo.append(k)

    sem = asyncio.Semaphore(max(1, provider.concurrency))

    async def one(k: str) -> None:
        async with sem:
            r = await _draft_section(rep, k, provider, emit, previous, stream)
        results[k] = r
        emit(DraftEvent("done", k, r.text, message=_done_message(r)))
    await asyncio.gather(*(one(k) for k in todo))

    for k in keys:
        results[k].apply(rep)
    findings = validate(rep, previous=previous)
    return DraftResult(rep, {k: results[k] for k in keys}, findings, time.perf_counter() - t0)


def _done_message(r: SectionResult) -> str:
    if r.status == "marked":
        return f"完成，仍有{len(r.findings)}个问题待人工核实"
    if r.status == "fallback":
        return r.message
    return "完成" + (f"（修改{r.rounds}轮）" if r.rounds else "")


def draft_report(report: Report, provider: Provider, sections: list[str] | tuple[str, ...] | None = None,
                 on_event: Callable[[DraftEvent], None] | None = None, previous: Report | None = None,
                 stream: bool = True, keep_human: bool = False, lead_ins: bool = False) -> DraftResult:
    """Draft the report's sections (all six by default) and return a new report with them.

    - ``provider``: from :func:`provider_from_settings` / :func:`provider_from_env`; offline needs no model.
    - ``sections``: section keys (overall, active_disclosure, applications, review_litigation,
      problems, other); by default the narrative sections 一、五、六. For 二、三、四 a short
      lead-in before the table is written only when asked for (``lead_ins=True`` or by key):
      real reports print the tables without one.
    - ``lead_ins``: with ``sections=None``, also write the lead-ins of 二、三、四.
    - ``on_event``: called with :class:`DraftEvent` (start, delta while streaming, repair, done,
      skipped, error); called from the drafting thread, keep it quick.
    - ``previous``: last year's report, used for the follow-up of last year's problems.
    - ``keep_human``: leave sections a person wrote or edited (no provenance, or origin ``edited``) as they are.

    Locked sections are returned untouched. The input report is not modified. Every drafted
    section carries a :class:`~drafting.model.Provenance` (model, prompt version, rounds, findings).
    """
    return run_sync(draft_report_async(report, provider, sections, on_event, previous, stream, keep_human, lead_ins))


def revise_section(report: Report, key: str, instruction: str, provider: Provider,
                   on_event: Callable[[DraftEvent], None] | None = None) -> SectionResult:
    """Revise one section by an editor's instruction; returns a SectionResult (``.apply(report)`` to keep it).

    The model sees the section in slot form: the slots it was drafted with, or, for text a
    person wrote, every figure replaced by ``{keep.N}``; slots stay slots and come back as the
    same figures. The result goes through the same checks and repair rounds as a draft;
    ``changed`` lists the (old, new) sentences so the scope of the change can be shown.
    """
    instruction = (instruction or "").strip()
    if not instruction:
        raise ProviderUsageError("请填写修改意见。")
    if key not in report.template.section_keys:
        raise ProviderUsageError(f"未知的部分：{key}")
    sec = report.sections.get(key)
    if sec is None or not sec.text.strip():
        raise ProviderUsageError(f"「{report.template.section(key).title}」还没有正文，请先起草。")
    if sec.locked:
        raise ProviderUsageError(f"「{report.template.section(key).title}」已锁定，请先解除锁定再修改。")
    if not provider.revises:
        raise ProviderUsageError("按意见修改需要配置模型；离线模式下请直接编辑正文。")
    return run_sync(_revise_async(report, key, instruction, provider, on_event))


async def _revise_async(report: Report, key: str, instruction: str, provider: Provider, on_event) -> SectionResult:
    def emit(ev: DraftEvent) -> None:
        if on_event:
            on_event(ev)
    sec = report.sections[key]
    prov = sec.provenance
    extra: dict[str, str] = {}
    if prov and prov.template and fill_slots(prov.template, report) == sec.text:
        slot_text = prov.template
    else:
        slot_text, extra = protect_numbers(sec.text, report)
    spec = load_prompt("revise")
    res = SectionResult(key, origin="revised", prompt_version=spec.version, model=provider.model)
    t0 = time.perf_counter()
    slots_desc = section_inputs(report, key)["slots"] if key in SECTION_TASK else describe_slots(report)
    if extra:
        slots_desc += "\n" + "\n".join(f"{{{k}}}：原文中已有的数字，原样保留" for k in extra)
    inputs = {"section_title": report.template.section(key).title, "instruction": instruction,
              "slots": slots_desc, "text": slot_text}
    emit(DraftEvent("start", key, message="正在按意见修改"))
    try:
        comp = await provider.rewrite("revise", inputs, _notifier(emit, key, 0))
        res.prompt_tokens, res.completion_tokens = comp.prompt_tokens, comp.completion_tokens
        new = comp.text
        allowed = (section_slot_keys(report, key) if key in SECTION_TASK else None)
        if allowed is not None:
            allowed |= {m.group(1) for m in SLOT_RE.finditer(slot_text)}   # what the section already had
        # Slots stay slots: each figure of the original must survive unless the editor asked for cuts.
        cuts = re.search(r"删|去掉|去除|精简|压缩|缩短|简洁|简练|合并", instruction)
        required = None if cuts else {m.group(1) for m in SLOT_RE.finditer(slot_text)}
        await _repair_loop(report, key, provider, new, emit, res, extra=extra, slots_desc=slots_desc,
                           allowed=allowed, required=required, original=slot_text)
    except ProviderError:
        raise
    except Exception as e:
        raise ProviderError(describe_error(e)) from e
    res.seconds = time.perf_counter() - t0
    if any(f.code == "G005" for f in res.findings):
        raise ProviderError("模型没有给出修改后的正文（如复述了提示内容），原文未作改动，请重试或换用其他模型。")
    res.changed = changed_sentences(sec.text, res.text)
    if extra:
        res.slot_text = ""      # {keep.N} slots mean nothing outside this revision
    emit(DraftEvent("done", key, res.text, message=_done_message(res)))
    return res


def changed_sentences(old: str, new: str) -> list[tuple[str, str]]:
    """(old, new) pairs of sentences that differ; unchanged sentences are left out."""
    a = [s.strip() for _, s in split_sentences(old) if s.strip()]
    b = [s.strip() for _, s in split_sentences(new) if s.strip()]
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append(("".join(a[i1:i2]), "".join(b[j1:j2])))
    return out
